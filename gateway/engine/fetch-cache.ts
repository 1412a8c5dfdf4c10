/**
 * What the executor asks of a cache of subgraph answers (gateway/cache/ keeps one; its rules are in
 * gateway/cache/CACHE.md). Before a query's fetch is sent, its entries are looked up — one per
 * representation of an entity fetch, one for a root fetch's whole `data` — and only the misses go to
 * the subgraph; after, what the subgraph answered for them is handed back to be kept.
 */
import type { GraphQLSchema } from 'graphql';
import type { ResponseObject } from './merge-in-place.js';

export interface FetchCacheRequest {
  subgraph: string;
  /** The subgraph operation's text. */
  operation: string;
  /** The answer's field the entries sit under: `_entities`, a batch's alias, or undefined for a root fetch's `data`. */
  field: string | undefined;
  /** The variables the fetch sends, its representations aside. */
  variables: Readonly<Record<string, unknown>>;
  /** An entity fetch's distinct representations; absent for a root fetch. */
  representations?: readonly ResponseObject[] | undefined;
  /** The request's context: the principal that private entries are kept for. */
  context: Record<string, unknown>;
}

export interface FetchCacheLookup {
  /** One per entry, in order: the cached value, or undefined where it must be fetched. */
  readonly hits: readonly unknown[];
  /**
   * Keeps what the subgraph answered for entries that missed (`answers` by entry index, none with
   * an error at its path), as the answer's `Cache-Control` allows. The values are serialised at
   * once: the executor may change them after.
   */
  store(answers: ReadonlyMap<number, unknown>, answer: AnswerFacts): void;
}

/** What the cache reads of the subgraph's answer besides its values. */
export interface AnswerFacts {
  cacheControl: string | null | undefined;
  /** The answer carried errors (elsewhere than at the entries given). */
  errors: boolean;
}

export interface FetchCache {
  lookup(request: FetchCacheRequest): Promise<FetchCacheLookup>;
}

/** A cache as one supergraph's engine uses it: the supergraph says which fields key each entity. */
export interface FetchCacheProvider {
  forSupergraph(supergraph: GraphQLSchema): FetchCache;
}
