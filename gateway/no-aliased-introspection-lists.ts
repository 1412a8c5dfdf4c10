/**
 * A validation rule: an introspection list (`__schema`, `types`, `fields`, `args`, `inputFields`,
 * `enumValues`, `interfaces`, `possibleTypes`, `directives`) may not be selected under an alias.
 *
 * Introspection never reaches a subgraph, so no cost budget sees it, and graphql-js's
 * MaxIntrospectionDepthRule bounds only how deep its lists nest, not how wide: each alias of a list
 * is one more walk of the whole schema, and the executions multiply (`a: types {…} b: types {…}` a
 * hundred times blocked the gateway's event loop for a quarter of a second; aliased `fields` inside
 * aliased `types`, the product of both). Without aliases, same-named selections merge, so one
 * operation's introspection is at most one walk of the schema per `__type` root field. No
 * introspection client aliases these lists (GraphiQL, codegen, rover, Apollo's and Hive's tools).
 */
import { GraphQLError, getNullableType, isListType, type ASTVisitor, type ValidationContext } from 'graphql';

export function NoAliasedIntrospectionListsRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (!node.alias) return;
      const parent = context.getParentType();
      const isIntrospection = node.name.value === '__schema' || (parent?.name.startsWith('__') ?? false);
      if (!isIntrospection) return;
      const field = context.getFieldDef();
      if (node.name.value !== '__schema' && !(field && isListType(getNullableType(field.type)))) return;
      context.reportError(
        new GraphQLError(
          `Introspection list "${node.name.value}" cannot be aliased ("${node.alias.value}"): each alias would walk the whole schema again. Select it once, without an alias.`,
          { nodes: node },
        ),
      );
    },
  };
}
