/**
 * What a search argument may hold, the same for every search of the graph: a bounded, printable
 * text. Both engines would mishandle anything else — SQLite ends a LIKE pattern at a NUL (so "\0"
 * matched everything) and fails on patterns over 50,000 bytes; PostgreSQL refuses NUL in text.
 */

/** The longest search accepted, in characters: far above any name, e-mail or phone typed. */
export const SEARCH_MAX_LENGTH = 200;

// Control characters (Unicode Cc: C0, DEL, C1) other than the whitespace that folding turns into spaces.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/;

/** Why `search` cannot be searched for (a message naming `argument`), or undefined when it can. */
export function searchTextProblem(argument: string, search: string): string | undefined {
  // Cheap on the UTF-16 length first: a code point is one or two units.
  if (search.length > SEARCH_MAX_LENGTH && codePoints(search) > SEARCH_MAX_LENGTH) {
    return `"${argument}" must have at most ${SEARCH_MAX_LENGTH} characters.`;
  }
  if (CONTROL_CHARACTER.test(search)) {
    return `"${argument}" must not contain control characters (tabs and line breaks count as spaces).`;
  }
  return undefined;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
