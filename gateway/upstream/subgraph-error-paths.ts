/**
 * Where the errors of a failed subgraph fetch belong. A fetch that fails whole (unreachable, timed
 * out, garbage, or a subgraph error without a path) leaves every field it asked for unresolved;
 * each gets an error at its path in the subgraph operation's own terms — `<rootField>` for a root
 * fetch, `_entities.<i>.<field>` for each representation of an entity fetch — which
 * @apollo/gateway's executor turns into the path in the client's response, as it does for the
 * subgraph's own errors (executeQueryPlan.ts, makeLazyErrorPathGenerator). Clients then get the
 * error at the field that failed and every other field of the response, as Apollo Router reports them.
 */
import { Kind, parse, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export type SubgraphErrorPath = (string | number)[];

export interface SubgraphFetch {
  query?: string | undefined;
  variables?: Record<string, unknown> | undefined;
  /** The parsed `query`, when the executor already has it. */
  document?: DocumentNode | undefined;
}

const ENTITIES_FIELD = '_entities';

interface ResponseField {
  node: FieldNode;
  selectionSet?: SelectionSetNode | undefined;
}

/**
 * The path of each field of `fetch` that `data` (the subgraph's answer, if any) leaves unresolved
 * (null or missing): all of them when there is no data.
 */
export function unresolvedFieldPaths(fetch: SubgraphFetch, data?: unknown): SubgraphErrorPath[] {
  const document = fetch.document ?? parseQuietly(fetch.query);
  const operation = document?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!document || !operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const rootFields = responseFields(operation.selectionSet, fragments, undefined);
  const root = asRecord(data);
  const paths: SubgraphErrorPath[] = [];
  for (const [name, field] of rootFields) {
    // `_entities` (or each alias of it in a batched fetch): a path per representation and field.
    const representations = field.node.name.value === ENTITIES_FIELD ? representationsOf(field.node, fetch.variables) : undefined;
    if (!representations || !field.selectionSet) {
      if (root?.[name] == null) paths.push([name]);
      continue;
    }
    const received = root?.[name];
    const entities = Array.isArray(received) ? received : [];
    representations.forEach((representation, index) => {
      const typename = asRecord(representation)?.__typename;
      const fields = responseFields(field.selectionSet!, fragments, typeof typename === 'string' ? typename : undefined);
      const entity = asRecord(entities[index]);
      for (const entityField of fields.keys()) {
        if (entity?.[entityField] == null) paths.push([name, index, entityField]);
      }
    });
  }
  return paths;
}

/** The representations an `_entities` field is given, read from the fetch's variables. */
function representationsOf(field: FieldNode, variables: Record<string, unknown> | undefined): unknown[] | undefined {
  const argument = field.arguments?.find((candidate) => candidate.name.value === 'representations');
  if (argument?.value.kind !== Kind.VARIABLE) return undefined;
  const value = variables?.[argument.value.name.value];
  return Array.isArray(value) ? value : undefined;
}

/** Whether an entity fetch's answer has one entry per representation, as the executor requires. */
export function hasOneEntityPerRepresentation(fetch: SubgraphFetch, data: unknown): boolean {
  const representations = fetch.variables?.representations;
  if (!Array.isArray(representations)) return true;
  const root = asRecord(data);
  if (root === undefined) return true;
  const entities = root[ENTITIES_FIELD];
  return Array.isArray(entities) && entities.length === representations.length;
}

/**
 * The fields a selection set asks for, by response name (fragments flattened; `__typename` left
 * out: the executor fills it in). With `typename`, fragments on other types are skipped.
 */
function responseFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  typename: string | undefined,
  into = new Map<string, ResponseField>(),
  seen = new Set<string>(),
): Map<string, ResponseField> {
  const applies = (condition: string | undefined) => typename === undefined || condition === undefined || condition === typename;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.alias?.value ?? selection.name.value;
      if (name !== '__typename' && !into.has(name)) into.set(name, { node: selection, selectionSet: selection.selectionSet });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(selection.typeCondition?.name.value)) responseFields(selection.selectionSet, fragments, typename, into, seen);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment && !seen.has(fragment.name.value) && applies(fragment.typeCondition.name.value)) {
        seen.add(fragment.name.value);
        responseFields(fragment.selectionSet, fragments, typename, into, seen);
      }
    }
  }
  return into;
}

function parseQuietly(query: string | undefined): DocumentNode | undefined {
  if (query === undefined) return undefined;
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
