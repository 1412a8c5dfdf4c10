/**
 * The gateway's cache of subgraph answers (CACHE.md): what the engine's fetches look up
 * (engine/fetch-cache.ts), kept in a store (in-process or Redis), named by cache-keys.ts, tagged by
 * cache-tags.ts, kept as long as each answer's Cache-Control allows (cache-policy.ts), and dropped
 * by the subgraphs' announcements (`invalidate`, fed by cache-invalidation.ts).
 */
import type { GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GraphChangedEvent } from '../../platform/events/graph-changes.js';
import type { FetchCache, FetchCacheLookup, FetchCacheProvider } from '../engine/fetch-cache.js';
import { createKeyMaker, createRepresentationNames, type EntryKeys } from './cache-keys.js';
import { cachePolicyOf } from './cache-policy.js';
import type { CacheStore, StoreSlot, StoredEntry } from './cache-store.js';
import { createEntityTagger, droppedTags } from './cache-tags.js';
import { isResponseObject } from '../engine/merge-in-place.js';

/** What the cache tells the metrics (gateway/metrics.ts), per subgraph. */
export interface CacheObserver {
  /** Entries served from the cache. */
  hits(subgraph: string, count: number): void;
  /** Entries fetched from the subgraph. */
  misses(subgraph: string, count: number): void;
  /** Announcements of changed answers applied. */
  invalidated(subgraph: string): void;
  /** Fetches that went without the cache because its store could not answer (Redis down or slow). */
  unavailable(subgraph: string): void;
}

export interface EntityCacheOptions<Stamp> {
  store: CacheStore<Stamp>;
  /** The longest an entry is kept, whatever its Cache-Control says (`CACHE_MAX_TTL_SECONDS`). */
  maxTtlMs: number;
  observer?: CacheObserver | undefined;
  now?: () => number;
}

export interface EntityCache extends FetchCacheProvider {
  /** Applies a subgraph's announcement: what it names, and every root entry of the subgraph, are never served again. */
  invalidate(change: GraphChangedEvent): Promise<void>;
  close(): Promise<void>;
}

interface Slot extends StoreSlot {
  keys: [string, string];
}

/**
 * How long a fetch whose answer said it may not be kept (a subgraph that declares no max-age) is
 * sent without looking the cache up: skipping the cache is always safe, and saves a store read
 * (a Redis round trip) per fetch that could never hit.
 */
const UNCACHEABLE_FOR_MS = 60_000;

export function createEntityCache<Stamp>(options: EntityCacheOptions<Stamp>): EntityCache {
  const { store, observer } = options;
  const now = options.now ?? Date.now;
  const keyMaker = createKeyMaker();
  const representations = createRepresentationNames();
  const uncacheable = new LRUCache<string, true>({ max: 10_000, ttl: UNCACHEABLE_FOR_MS });
  const slotOf = (keys: EntryKeys, tags: string[]): Slot => ({ keys: [keys.public, keys.private], tags });

  const forSupergraph = (supergraph: GraphQLSchema): FetchCache => {
    const tagger = createEntityTagger(supergraph);
    return {
      async lookup(request) {
        const { subgraph } = request;
        const startedAt = now();
        const fetchOf = keyMaker.fetchOf(request);
        if (uncacheable.has(fetchOf)) {
          return {
            hits: new Array<undefined>(request.representations?.length ?? 1).fill(undefined),
            store(_answers, answer) {
              if (cachePolicyOf(answer.cacheControl, options.maxTtlMs)) uncacheable.delete(fetchOf);
            },
          };
        }
        const keysOf = keyMaker.fetchKeys(request);
        // A representation whose key cannot be named is not kept: no announcement could drop it.
        const slots: (Slot | undefined)[] = request.representations
          ? request.representations.map((representation) => {
              const named = representations.named(subgraph, representation, tagger);
              return named && slotOf(keysOf(named.digest), named.tags);
            })
          : [slotOf(keysOf(), tagger.rootTags(subgraph))];
        const kept = slots.filter((slot): slot is Slot => slot !== undefined);
        const read = kept.length > 0 ? await store.read(kept) : undefined;
        if (!read && kept.length > 0) observer?.unavailable(subgraph);
        const hits: unknown[] = [];
        let position = 0;
        for (const slot of slots) {
          const text = slot && read ? read.texts[position] : undefined;
          if (slot) position += 1;
          hits.push(text === undefined ? undefined : JSON.parse(text));
        }
        const hitCount = hits.filter((hit) => hit !== undefined).length;
        if (hitCount > 0) observer?.hits(subgraph, hitCount);
        if (hits.length > hitCount) observer?.misses(subgraph, hits.length - hitCount);
        return {
          hits,
          store(answers, answer) {
            const policy = cachePolicyOf(answer.cacheControl, options.maxTtlMs);
            // Only a whole answer says the fetch is never kept: one with errors is never kept anyway.
            if (!policy && !answer.errors && answers.size > 0) uncacheable.set(fetchOf, true);
            // The TTL runs from the fetch's start: no entry outlives its answer's max-age.
            const ttlMs = policy ? policy.ttlMs - (now() - startedAt) : 0;
            if (!read || !policy || ttlMs <= 0) return;
            const entries: StoredEntry[] = [];
            for (const [index, value] of answers) {
              const slot = slots[index];
              if (!slot) continue;
              // A root answer is kept with the tags of the entities it holds (cache-tags.ts).
              const tags = request.representations || !isResponseObject(value) ? slot.tags : tagger.rootAnswerTags(subgraph, value);
              entries.push({ key: policy.scope === 'public' ? slot.keys[0] : slot.keys[1], tags, text: JSON.stringify(value), ttlMs });
            }
            store.write(entries, read.stamp);
          },
        } satisfies FetchCacheLookup;
      },
    };
  };

  return {
    forSupergraph,
    async invalidate(change) {
      await store.invalidate(droppedTags(change));
      observer?.invalidated(change.subgraph);
    },
    close: () => store.close(),
  };
}
