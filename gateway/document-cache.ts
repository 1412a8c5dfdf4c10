/**
 * Operations already parsed and validated, so a repeated one skips both. Validity depends on the
 * schema, so the cache belongs to one schema: the first lookup with another one empties it.
 */
import type { DocumentNode, GraphQLSchema } from 'graphql';

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
  let cachedFor: GraphQLSchema | undefined;
  // A Map iterates in insertion order; re-inserting on every hit keeps the least recent first.
  const entries = new Map<string, CachedDocument>();
  return {
    get(schema, query) {
      if (schema !== cachedFor) return undefined;
      const entry = entries.get(query);
      if (entry) {
        entries.delete(query);
        entries.set(query, entry);
      }
      return entry;
    },
    set(schema, query, entry) {
      if (maxEntries === 0 || query.length > MAX_CACHED_QUERY_LENGTH) return;
      if (schema !== cachedFor) {
        entries.clear();
        cachedFor = schema;
      }
      entries.set(query, entry);
      if (entries.size > maxEntries) {
        const leastRecent = entries.keys().next();
        if (!leastRecent.done) entries.delete(leastRecent.value);
      }
    },
  };
}
