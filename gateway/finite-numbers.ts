/**
 * A validation rule graphql-js 16 lacks: a Float literal must be a finite number. graphql-js reads
 * `1e999` (or an Int literal of 400 digits where a Float goes) as Infinity and lets it pass, but
 * Apollo's query planner refuses it, and JSON has no Infinity to send a subgraph: without this rule
 * such a document is a 500 on HTTP and closes a WebSocket. Defaults of variables are checked too.
 */
import { GraphQLError, getNamedType, GraphQLFloat, type ASTVisitor, type FloatValueNode, type IntValueNode, type ValidationContext } from 'graphql';

export function FiniteNumbersRule(context: ValidationContext): ASTVisitor {
  const check = (node: FloatValueNode | IntValueNode) => {
    const type = context.getInputType();
    if (!type || getNamedType(type).name !== GraphQLFloat.name) return;
    if (Number.isFinite(Number.parseFloat(node.value))) return;
    const shown = node.value.length > 40 ? `${node.value.slice(0, 40)}…` : node.value;
    context.reportError(new GraphQLError(`Float cannot represent ${shown}: a Float must be a finite double-precision number.`, { nodes: node }));
  };
  return { FloatValue: check, IntValue: check };
}
