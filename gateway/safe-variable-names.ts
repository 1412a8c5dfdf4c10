/**
 * A validation rule: no variable may be named `$__proto__`. Variable values travel as plain objects
 * keyed by name — graphql-js's coercion here, the executor's, each subgraph's — and assigning
 * `__proto__` on a plain object sets its prototype instead of a value: the variable would vanish,
 * or swap the object's prototype for the caller's. A clear validation error instead; any other name
 * (`$constructor`, `$prototype` included) is an ordinary variable.
 */
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

const UNSAFE_NAMES = new Set(['__proto__']);

export function SafeVariableNamesRule(context: ValidationContext): ASTVisitor {
  return {
    VariableDefinition(node) {
      const name = node.variable.name.value;
      if (UNSAFE_NAMES.has(name)) {
        context.reportError(new GraphQLError(`Variable "$${name}" cannot be used: "${name}" is a reserved name; choose another one.`, { nodes: node.variable }));
      }
    },
  };
}
