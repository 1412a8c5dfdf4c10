/**
 * The tags of the cache's entries, and the tags a GraphChangedEvent drops (CACHE.md). Each tag is
 * scoped by its subgraph (`inventory:Variant:SKU-1`): a change announced by one subgraph never drops
 * another's answers.
 *
 * - An entity entry carries `<Type>:<key>` of its representation — the value of its key field, or
 *   the canonical JSON of its key fields when the key has several — and the same tag of every
 *   entity its `@requires` fields name (the inventory's `Product.inStock` is computed from the
 *   variants handed to it: a change of one of their stock drops it).
 * - A root entry carries the tags of every entity its answer holds, and `@lists`: an announcement
 *   drops it when it names one of them, or when it may have changed a list (`onlyTagged` unset).
 *   When its answer cannot be read for entities with certainty (an alias, an entity without its
 *   key, an abstract type without `__typename`), it carries `@root` instead: every announcement of
 *   its subgraph drops it.
 * - Every entry carries `*`: the subgraph's "everything changed".
 *
 * Which fields key an entity in which subgraph is read from the supergraph's `@join__type`.
 */
import { getNamedType, isCompositeType, isInterfaceType, isObjectType, Kind, parse, valueFromASTUntyped, type ConstDirectiveNode, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { EVERYTHING_TAG, entityTag, type GraphChangedEvent } from '../../platform/events/graph-changes.js';
import { isResponseObject, ownValue, type ResponseObject } from '../engine/merge-in-place.js';
import { canonicalJson } from './cache-keys.js';

/** Carried by a root entry whose entities are not known for sure: whatever the subgraph announces drops it. */
const ROOT_TAG = '@root';
/** Carried by a root entry whose entities are known: dropped by an announcement that may have changed a list. */
const LISTS_TAG = '@lists';

const scoped = (subgraph: string, tag: string) => `${subgraph}:${tag}`;

export interface EntityTagger {
  /** The tags of an entity entry; undefined when its representation names no key of its type (not kept). */
  entityTags(subgraph: string, representation: ResponseObject): string[] | undefined;
  /** The tags a root entry is looked up with (before its answer is known). */
  rootTags(subgraph: string): string[];
  /** The tags a root entry is kept with: from the entities its answer (`data` of the subgraph's query) holds. */
  rootAnswerTags(subgraph: string, data: ResponseObject): string[];
}

/** The tags an announcement drops: those it names, every root entry of its subgraph not known for sure, and (unless only the named entities changed) every other root entry. */
export function droppedTags(change: GraphChangedEvent): string[] {
  const roots = change.onlyTagged ? [ROOT_TAG] : [ROOT_TAG, LISTS_TAG];
  return [...roots.map((tag) => scoped(change.subgraph, tag)), ...change.tags.map((tag) => scoped(change.subgraph, tag))];
}

export function createEntityTagger(supergraph: GraphQLSchema): EntityTagger {
  const keys = entityKeysOf(supergraph);
  const keysOf = (subgraph: string, typename: string) => keys.get(`${subgraph}\u0000${typename}`);

  /** `<Type>:<key>` of `object` as an entity of `subgraph`, when it holds every field of one of the type's keys. */
  const tagOf = (subgraph: string, typename: string, object: ResponseObject): string | undefined => {
    for (const fields of keysOf(subgraph, typename) ?? []) {
      const values = fields.map((field) => ownValue(object, field));
      if (values.some((value) => value === undefined || value === null)) continue;
      const [only] = values;
      const key = values.length === 1 && (typeof only === 'string' || typeof only === 'number') ? String(only) : canonicalJson(Object.fromEntries(fields.map((field, index) => [field, values[index]])));
      return entityTag(typename, key);
    }
    return undefined;
  };

  /** Adds the tags of the entities nested in `object` (of `type`): what its `@requires` fields name. */
  const addNestedTags = (subgraph: string, type: GraphQLNamedType | undefined, object: ResponseObject, into: Set<string>): void => {
    const fields = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : undefined;
    for (const name in object) {
      if (name === '__typename') continue;
      const field = fields?.[name];
      if (field) visit(subgraph, getNamedType(field.type), ownValue(object, name), into);
    }
  };
  const visit = (subgraph: string, type: GraphQLNamedType, value: unknown, into: Set<string>): void => {
    if (Array.isArray(value)) {
      for (const element of value) visit(subgraph, type, element, into);
      return;
    }
    if (!isResponseObject(value) || !isCompositeType(type)) return;
    const typename = typeof value.__typename === 'string' ? value.__typename : isObjectType(type) ? type.name : undefined;
    if (typename === undefined) return;
    const tag = tagOf(subgraph, typename, value);
    if (tag) into.add(scoped(subgraph, tag));
    addNestedTags(subgraph, supergraph.getType(typename) ?? undefined, value, into);
  };

  return {
    entityTags(subgraph, representation) {
      const typename = representation.__typename;
      if (typeof typename !== 'string') return undefined;
      const tag = tagOf(subgraph, typename, representation);
      if (!tag) return undefined;
      const tags = new Set([scoped(subgraph, EVERYTHING_TAG), scoped(subgraph, tag)]);
      addNestedTags(subgraph, supergraph.getType(typename) ?? undefined, representation, tags);
      return [...tags];
    },
    rootTags: (subgraph) => [scoped(subgraph, EVERYTHING_TAG), scoped(subgraph, ROOT_TAG)],
    rootAnswerTags(subgraph, data) {
      const queryType = supergraph.getQueryType();
      const tags = new Set([scoped(subgraph, EVERYTHING_TAG), scoped(subgraph, LISTS_TAG)]);
      const certain = queryType != null && collectAnswerTags(subgraph, queryType, data, tags);
      return certain ? [...tags] : [scoped(subgraph, EVERYTHING_TAG), scoped(subgraph, ROOT_TAG)];
    },
  };

  /**
   * Adds the tag of every entity in `object` (of `type`) and below; false when it cannot be sure
   * it found them all: a response key that is no field of the type (an alias), an object of an
   * abstract type without `__typename`, an entity of this subgraph without its key.
   */
  function collectAnswerTags(subgraph: string, type: GraphQLNamedType, object: ResponseObject, into: Set<string>): boolean {
    const typename = typeof object.__typename === 'string' ? object.__typename : isObjectType(type) ? type.name : undefined;
    const concrete = typename === undefined ? undefined : supergraph.getType(typename);
    if (!concrete || !isObjectType(concrete)) return false;
    if (keysOf(subgraph, concrete.name)) {
      const tag = tagOf(subgraph, concrete.name, object);
      if (!tag) return false;
      into.add(scoped(subgraph, tag));
    }
    const fields = concrete.getFields();
    for (const name in object) {
      if (name === '__typename') continue;
      const field = fields[name];
      if (!field) return false;
      if (!collectValueTags(subgraph, getNamedType(field.type), ownValue(object, name), into)) return false;
    }
    return true;
  }
  function collectValueTags(subgraph: string, type: GraphQLNamedType, value: unknown, into: Set<string>): boolean {
    if (Array.isArray(value)) return value.every((element) => collectValueTags(subgraph, type, element, into));
    if (!isResponseObject(value)) return true;
    return isCompositeType(type) && collectAnswerTags(subgraph, type, value, into);
  }
}

/**
 * `<subgraph>\0<type>` -> the field names of each of the type's keys in that subgraph (their
 * top-level fields: a nested key's value is taken whole), from `@join__type(graph:, key:)`.
 */
function entityKeysOf(supergraph: GraphQLSchema): Map<string, string[][]> {
  const graphs = new Map<string, string>();
  const graphEnum = supergraph.getType('join__Graph');
  for (const value of graphEnum?.astNode?.kind === Kind.ENUM_TYPE_DEFINITION ? (graphEnum.astNode.values ?? []) : []) {
    const name = argument(value.directives?.find((directive) => directive.name.value === 'join__graph'), 'name');
    if (typeof name === 'string') graphs.set(value.name.value, name);
  }
  const keys = new Map<string, string[][]>();
  for (const type of Object.values(supergraph.getTypeMap())) {
    const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
    for (const directive of nodes.flatMap((node) => node?.directives ?? [])) {
      if (directive.name.value !== 'join__type') continue;
      const graph = graphs.get(String(argument(directive, 'graph')));
      const key = argument(directive, 'key');
      if (graph === undefined || typeof key !== 'string') continue;
      const entry = `${graph}\u0000${type.name}`;
      keys.set(entry, [...(keys.get(entry) ?? []), topLevelFields(key)]);
    }
  }
  return keys;
}

function argument(directive: ConstDirectiveNode | undefined, name: string): unknown {
  const value = directive?.arguments?.find((candidate) => candidate.name.value === name)?.value;
  return value === undefined ? undefined : valueFromASTUntyped(value);
}

function topLevelFields(fieldSet: string): string[] {
  const [operation] = parse(`{${fieldSet}}`, { noLocation: true }).definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
  return operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.alias?.value ?? selection.name.value] : []));
}
