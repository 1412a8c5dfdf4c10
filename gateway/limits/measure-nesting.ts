/**
 * The deepest bracket nesting of a GraphQL document's text — selection sets `{}`, argument lists
 * `()`, list and object values and list types `[]` `{}` — read in one linear pass before parsing.
 * graphql-js parses recursively, one set of stack frames per level: a few thousand levels overflow
 * the stack (a RangeError), whatever the token cap. Strings, block strings and comments are skipped
 * as the lexer would; an unterminated one ends the scan (the parser then reports it).
 */
export function measureNesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  let index = 0;
  const length = text.length;
  while (index < length) {
    const code = text.charCodeAt(index);
    switch (code) {
      case 0x7b: // {
      case 0x28: // (
      case 0x5b: // [
        depth += 1;
        if (depth > deepest) deepest = depth;
        index += 1;
        break;
      case 0x7d: // }
      case 0x29: // )
      case 0x5d: // ]
        if (depth > 0) depth -= 1;
        index += 1;
        break;
      case 0x23: // # comment, to the end of the line
        index = endOfLine(text, index);
        break;
      case 0x22: // "
        index = text.startsWith('"""', index) ? endOfBlockString(text, index + 3) : endOfString(text, index + 1);
        break;
      default:
        index += 1;
    }
  }
  return deepest;
}

function endOfLine(text: string, from: number): number {
  for (let index = from; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || code === 0x0d) return index + 1;
  }
  return text.length;
}

/** After the closing quote of a one-line string; a line break or the end of text ends it too. */
function endOfString(text: string, from: number): number {
  for (let index = from; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x5c) index += 1; // \ escapes the next character
    else if (code === 0x22) return index + 1;
    else if (code === 0x0a || code === 0x0d) return text.length;
  }
  return text.length;
}

/** After the closing `"""` of a block string; `\"""` inside does not close it. */
function endOfBlockString(text: string, from: number): number {
  for (let index = from; index < text.length; index += 1) {
    if (text.charCodeAt(index) === 0x5c && text.startsWith('"""', index + 1)) index += 3;
    else if (text.startsWith('"""', index)) return index + 3;
  }
  return text.length;
}
