/**
 * Demand control: a static estimate of what an operation will cost to resolve, from its shape and
 * list sizes, computed before anything runs. The rules follow Apollo Router's demand control and
 * IBM's GraphQL Cost Directives spec, in their simplest form:
 * - a field of object, interface or union type costs 1, a scalar or enum field 0, plus what is
 *   selected below it; `@cost(weight:)` on the field (or on its type) replaces that 1 or 0;
 * - a list multiplies its element's cost by its size: the value of a slicing argument (`first`,
 *   `last`, `limit`, or those of `@listSize(slicingArguments:)`), variables and argument defaults
 *   resolved; else `@listSize(assumedSize:)`; else a default assumed size;
 * - on a connection (a field with a slicing argument whose type has `edges` or `nodes`, or the
 *   `@listSize(sizedFields:)` it names) the size applies to those lists inside it;
 * - a mutation adds a base cost; fragments on different types of an abstract field are all counted
 *   (an upper bound); introspection fields cost nothing (they never reach a subgraph).
 * The estimate is an upper bound, never a measure: it is what a budget is compared with.
 */
import {
  Kind,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface CostOptions {
  /** The size of a list whose size nothing tells. @default 10 */
  defaultListSize?: number;
  /** Added to every mutation. @default 10 */
  mutationBaseCost?: number;
}

const SLICING_ARGUMENTS = ['first', 'last', 'limit'];
const CONNECTION_LISTS = ['edges', 'nodes'];

/**
 * The estimated cost of `operation` with `variables`: the COERCED values (graphql-js's
 * getVariableValues, declared defaults filled in), or a variable's default would go uncounted.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  options: CostOptions = {},
): number {
  const defaultListSize = options.defaultListSize ?? 10;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variableValues = { ...variables };
  const inProgress = new Set<string>();

  /** `sizedFields`: the lists inside this selection whose size the parent's slicing argument gives. */
  const selectionsCost = (
    parentType: GraphQLCompositeType,
    selectionSet: SelectionSetNode,
    sized?: { fields: readonly string[]; size: number },
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(parentType, selection, sized?.fields.includes(selection.name.value) ? sized.size : undefined);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (type && isCompositeType(type)) total += selectionsCost(type, selection.selectionSet, sized);
      } else {
        total += fragmentCost(selection.name.value, sized);
      }
    }
    return total;
  };

  /**
   * A fragment's cost depends only on the connection size handed down to it: computed once per
   * (fragment, size), so fragments spreading each other twice over cost linear time, not 2^n.
   */
  const fragmentCosts = new Map<string, number>();
  const fragmentCost = (name: string, sized: { fields: readonly string[]; size: number } | undefined): number => {
    const key = sized ? `${name}\u0000${sized.size}\u0000${sized.fields.join(',')}` : name;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    // Validation refuses cycles; the guard keeps a bad cache entry from looping.
    if (!fragment || inProgress.has(name)) return 0;
    const type = schema.getType(fragment.typeCondition.name.value);
    if (!type || !isCompositeType(type)) return 0;
    inProgress.add(name);
    const cost = selectionsCost(type, fragment.selectionSet, sized);
    inProgress.delete(name);
    fragmentCosts.set(key, cost);
    return cost;
  };

  const fieldCost = (parentType: GraphQLCompositeType, node: FieldNode, sizeFromParent: number | undefined): number => {
    if (node.name.value.startsWith('__')) return 0;
    const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[node.name.value] : undefined;
    if (!field) return 0;
    const namedType = getNamedType(field.type);
    const weight = costWeight(field.astNode?.directives) ?? costWeight(namedType.astNode?.directives) ?? (isCompositeType(namedType) ? 1 : 0);
    const listSize = directive(field.astNode?.directives, 'listSize');
    const slicingNames = stringList(listSize, 'slicingArguments') ?? SLICING_ARGUMENTS;
    const sliced = slicingSize(field, node, slicingNames);
    const isList = isListType(getNullableType(field.type));
    // A list sliced by its own argument is sized here; a connection passes the size to its lists.
    const sized = sliced !== undefined && !isList ? { fields: sizedFieldsOf(listSize, namedType), size: sliced } : undefined;
    const below = node.selectionSet && isCompositeType(namedType) ? selectionsCost(namedType, node.selectionSet, sized) : 0;
    const itemCost = weight + below;
    if (!isList) return itemCost;
    const size = sizeFromParent ?? sliced ?? intArgument(listSize, 'assumedSize') ?? defaultListSize;
    return size * itemCost;
  };

  const slicingSize = (field: GraphQLField<unknown, unknown>, node: FieldNode, names: readonly string[]): number | undefined => {
    if (!field.args.some((argument) => names.includes(argument.name))) return undefined;
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(field, node, variableValues);
    } catch {
      return undefined;
    }
    const sizes = names.map((name) => values[name]).filter((value): value is number => typeof value === 'number' && value >= 0);
    return sizes.length > 0 ? Math.max(...sizes) : undefined;
  };

  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;
  const base = operation.operation === 'mutation' ? (options.mutationBaseCost ?? 10) : 0;
  return base + selectionsCost(rootType, operation.selectionSet);
}

function sizedFieldsOf(listSize: ConstDirectiveNode | undefined, type: GraphQLNamedType): readonly string[] {
  const declared = stringList(listSize, 'sizedFields');
  if (declared) return declared;
  if (!isObjectType(type) && !isInterfaceType(type)) return [];
  const fields = type.getFields();
  return CONNECTION_LISTS.filter((name) => fields[name] && isListType(getNullableType(fields[name].type)));
}

function directive(directives: readonly ConstDirectiveNode[] | undefined, name: string): ConstDirectiveNode | undefined {
  return directives?.find((node) => node.name.value === name);
}

function argumentValue(node: ConstDirectiveNode | undefined, name: string): unknown {
  const argument = node?.arguments?.find((candidate) => candidate.name.value === name);
  return argument ? valueFromASTUntyped(argument.value) : undefined;
}

function costWeight(directives: readonly ConstDirectiveNode[] | undefined): number | undefined {
  const weight = argumentValue(directive(directives, 'cost'), 'weight');
  // The spec types `weight` as a string in some versions, an Int in Apollo's: take either.
  const value = typeof weight === 'string' ? Number(weight) : weight;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function intArgument(node: ConstDirectiveNode | undefined, name: string): number | undefined {
  const value = argumentValue(node, name);
  return typeof value === 'number' ? value : undefined;
}

function stringList(node: ConstDirectiveNode | undefined, name: string): readonly string[] | undefined {
  const value = argumentValue(node, name);
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}
