/**
 * Operations already parsed and validated, so a repeated one skips both. Validity depends on the
 * schema, so the cache belongs to one schema: the first lookup with another one empties it.
 */
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';

export interface CachedDocument {
  document: DocumentNode;
  /** sha256 of the query text, the key of the gateway's query-plan cache. */
  queryHash: string;
}

export interface DocumentCache {
  get(schema: GraphQLSchema, query: string): CachedDocument | undefined;
  set(schema: GraphQLSchema, query: string, entry: CachedDocument): void;
}

/**
 * Queries longer than this are not kept: the cache is bounded by entries, and a few thousand huge
 * documents would otherwise hold hundreds of megabytes.
 */
const MAX_CACHED_QUERY_LENGTH = 64 * 1024;

/** A least-recently-used cache of `maxEntries` documents (0 keeps none). */
export function createDocumentCache(maxEntries: number): DocumentCache {
  if (maxEntries === 0) return { get: () => undefined, set: () => {} };
  let cachedFor: GraphQLSchema | undefined;
  const entries = new LRUCache<string, CachedDocument>({ max: maxEntries });
  return {
    get: (schema, query) => (schema === cachedFor ? entries.get(query) : undefined),
    set(schema, query, entry) {
      if (query.length > MAX_CACHED_QUERY_LENGTH) return;
      if (schema !== cachedFor) {
        entries.clear();
        cachedFor = schema;
      }
      entries.set(query, entry);
    },
  };
}
