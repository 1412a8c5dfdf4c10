/**
 * A validation rule graphql-js 16 lacks (17 adds it as KnownOperationTypesRule): an operation
 * whose root type the schema does not have is invalid. Without it, a mutation sent to the public
 * contract (which has no Mutation type) passes validation and fails in execution as a 500.
 */
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

export function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (!schema.getRootType(node.operation)) {
        context.reportError(new GraphQLError(`The schema does not support ${node.operation} operations.`, { nodes: node }));
      }
    },
  };
}
