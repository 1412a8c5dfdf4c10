/**
 * No text the gateway passes on may hold U+0000 (NUL): PostgreSQL's text columns cannot store it
 * (every statement that binds one fails, a masked INTERNAL_SERVER_ERROR for the caller), SQLite and
 * C libraries cut strings at it, and no id, slug, name or search of this graph contains one. A NUL
 * in a string literal is a validation error; in a variable, a BAD_USER_INPUT naming it. Both are
 * found before any subgraph is called, on every endpoint and transport.
 */
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

const NUL = '\u0000';

/** Validation rule: a string literal (`"a\u0000"`, block strings alike) must not contain NUL. */
export function NoNulCharactersRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      if (node.value.includes(NUL)) {
        context.reportError(new GraphQLError('String values may not contain the character U+0000 (NUL).', { nodes: node }));
      }
    },
  };
}

/**
 * The path (`["filter", "brand"]`) of the first string holding a NUL in coerced variable values,
 * or undefined. Iterative: coerced values are only as deep as their types, but a walk never
 * needs the call stack.
 */
export function findNulCharacter(values: Readonly<Record<string, unknown>>): (string | number)[] | undefined {
  const pending: { value: unknown; path: (string | number)[] }[] = Object.entries(values).map(([name, value]) => ({ value, path: [name] }));
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: [...path, index] }));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) pending.push({ value: item, path: [...path, key] });
    }
  }
  return undefined;
}
