/**
 * A query fetch that asks the cache first (fetch-cache.ts): the entries it holds are answered from
 * it, only the misses are sent to the subgraph (nothing at all when every entry hit), and the
 * subgraph's answers for them are handed back to be kept. The answer returned is the one the whole
 * fetch would have got — every entity in its place, errors at the indexes of the whole fetch — so
 * the executor merges it as any other.
 */
import type { GraphQLDataSource } from '@apollo/gateway';
import type { GraphQLFormattedError } from 'graphql';
import type { AnswerFacts, FetchCache, FetchCacheLookup } from './fetch-cache.js';
import { isResponseObject, type ResponseObject } from './merge-in-place.js';

export type SubgraphAnswer = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** Where a fetch is sent once its variables are complete. */
export type SendFetch = (variables: Record<string, unknown>) => Promise<SubgraphAnswer>;

export interface CachedFetch {
  cache: FetchCache;
  subgraph: string;
  operation: string;
  /** The fetch's variables, representations aside. */
  variables: Record<string, unknown>;
  context: Record<string, unknown>;
}

/** One list of representations of an entity fetch: the variable it goes in, the field its entities come back under. */
export interface EntityPart {
  variable: string;
  field: string;
  representations: ResponseObject[];
}

const factsOf = (answer: SubgraphAnswer): AnswerFacts => ({ cacheControl: answer.http?.headers.get('cache-control'), errors: (answer.errors?.length ?? 0) > 0 });

/** A root fetch: one entry, its whole `data`. */
export async function fetchRootThroughCache(fetch: CachedFetch, send: SendFetch): Promise<SubgraphAnswer> {
  const lookup = await fetch.cache.lookup({ ...fetch, field: undefined });
  const hit = lookup.hits[0];
  if (hit !== undefined) return { data: hit as Record<string, unknown> };
  const answer = await send(fetch.variables);
  if (isResponseObject(answer.data) && !answer.errors?.length) lookup.store(new Map([[0, answer.data]]), factsOf(answer));
  return answer;
}

/** An entity fetch, or a batch of them (one part per alias). */
export async function fetchEntitiesThroughCache(fetch: CachedFetch, parts: readonly EntityPart[], send: SendFetch): Promise<SubgraphAnswer> {
  const lookups = await Promise.all(parts.map((part) => fetch.cache.lookup({ ...fetch, field: part.field, representations: part.representations })));
  const missing = lookups.map((lookup) => missesOf(lookup));
  const variables = { ...fetch.variables };
  parts.forEach((part, index) => {
    variables[part.variable] = missing[index]!.map((at) => part.representations[at]);
  });
  const answer = missing.some((misses) => misses.length > 0) ? await send(variables) : {};
  const received = parts.map((part, index) => {
    const entities = isResponseObject(answer.data) ? answer.data[part.field] : undefined;
    return Array.isArray(entities) && entities.length === missing[index]!.length ? entities : undefined;
  });
  storeAnswered(parts, lookups, missing, received, answer);
  // Nothing came from the cache: the answer is the whole fetch's already.
  if (lookups.every((lookup, index) => missing[index]!.length === lookup.hits.length)) return answer;

  // A fetch that failed whole (no data) still leaves the cached entities to merge.
  const failedWhole = !isResponseObject(answer.data);
  const data: Record<string, unknown> = { ...(isResponseObject(answer.data) ? answer.data : {}) };
  parts.forEach((part, index) => {
    const entities = received[index];
    // An answer that does not fit its representations is passed on as it is: the executor reports it.
    if (entities === undefined && missing[index]!.length > 0 && !failedWhole) return;
    const whole = [...lookups[index]!.hits];
    missing[index]!.forEach((at, position) => {
      whole[at] = entities?.[position] ?? null;
    });
    data[part.field] = whole;
  });
  const errors = answer.errors?.map((error) => atWholeIndex(error, parts, missing));
  return { ...answer, data, ...(errors ? { errors } : {}) };
}

function missesOf(lookup: FetchCacheLookup): number[] {
  const misses: number[] = [];
  lookup.hits.forEach((hit, index) => {
    if (hit === undefined) misses.push(index);
  });
  return misses;
}

/**
 * Keeps each entity the subgraph answered without an error at its path. An error anywhere else
 * (no path, another field) may concern any of them: then none is kept.
 */
function storeAnswered(parts: readonly EntityPart[], lookups: readonly FetchCacheLookup[], missing: readonly number[][], received: readonly (unknown[] | undefined)[], answer: SubgraphAnswer): void {
  const failed = parts.map(() => new Set<number>());
  for (const error of answer.errors ?? []) {
    const path = error.path;
    // Not at one entity: it may concern any of them, so none is kept.
    const part = path ? parts.findIndex((candidate) => candidate.field === path[0]) : -1;
    if (part < 0 || typeof path?.[1] !== 'number') return;
    failed[part]!.add(path[1]);
  }
  const facts = factsOf(answer);
  parts.forEach((_part, index) => {
    const entities = received[index];
    if (!entities || entities.length === 0) return;
    const answers = new Map<number, unknown>();
    entities.forEach((entity, position) => {
      if (!failed[index]!.has(position)) answers.set(missing[index]![position]!, entity);
    });
    lookups[index]!.store(answers, facts);
  });
}

/** A subgraph error at `[field, i, ...]` of the misses sent, at `[field, <i's index in the whole fetch>, ...]`. */
function atWholeIndex(error: GraphQLFormattedError, parts: readonly EntityPart[], missing: readonly number[][]): GraphQLFormattedError {
  const path = error.path;
  if (!path || typeof path[1] !== 'number') return error;
  const part = parts.findIndex((candidate) => candidate.field === path[0]);
  const whole = part < 0 ? undefined : missing[part]![path[1]];
  return whole === undefined ? error : { ...error, path: [path[0]!, whole, ...path.slice(2)] };
}
