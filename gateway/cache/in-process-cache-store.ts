/**
 * The cache's entries in this process (the default without REDIS_URL): a least-recently-used map
 * bounded by bytes (`CACHE_MAX_BYTES`), each entry expiring at its own TTL, and the tags' versions
 * beside it (cache-store.ts says how they keep entries true).
 *
 * An invalidated entry is not looked for: it is never served again (its tags' versions say so),
 * and its room goes back when it is read, evicted or overwritten.
 */
import { LRUCache } from 'lru-cache';
import type { CacheStore, StoredEntry } from './cache-store.js';

export interface InProcessCacheStoreOptions {
  /** Room for entries: the characters of their keys and texts, plus `ENTRY_OVERHEAD_BYTES` each. */
  maxBytes: number;
  /** Tags whose version is remembered (the least recently invalidated are forgotten first). @default 100000 */
  maxTags?: number;
}

export interface InProcessCacheStore extends CacheStore {
  /** The room the entries take now. */
  bytes(): number;
  /** Forgets every entry, and refuses what fetches that started before keep writing (announcements may have been lost). */
  clear(): void;
}

/** What one entry costs besides its key and text (the map's node, the record, the numbers). */
const ENTRY_OVERHEAD_BYTES = 96;

interface Entry {
  text: string;
  stamp: number;
  /** Its own tags: a root answer's are known only once it is answered (the slot's are those it is looked up with). */
  tags: readonly string[];
}

export function createInProcessCacheStore(options: InProcessCacheStoreOptions): InProcessCacheStore {
  const entries = new LRUCache<string, Entry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry, key) => key.length + entry.text.length + ENTRY_OVERHEAD_BYTES,
  });
  let epoch = 0;
  // A forgotten tag reads as the highest version forgotten so far: entries stamped before it are
  // then taken as invalidated (a few more misses), never an old one as valid.
  let forgotten = 0;
  const versions = new LRUCache<string, number>({
    max: options.maxTags ?? 100_000,
    dispose: (version, _tag, reason) => {
      if (reason === 'evict') forgotten = Math.max(forgotten, version);
    },
  });
  // Fetches that started before the last clear() may have missed an announcement: nothing of theirs is kept.
  let clearedAt = 0;
  const isValid = (stamp: number, tags: readonly string[]) => stamp >= clearedAt && tags.every((tag) => (versions.get(tag) ?? forgotten) <= stamp);

  return {
    async read(slots) {
      const stamp = epoch;
      const foundAt: (number | undefined)[] = [];
      const foundTags: (readonly string[] | undefined)[] = [];
      const texts = slots.map((slot) => {
        for (let index = 0; index < slot.keys.length; index++) {
          const key = slot.keys[index]!;
          const entry = entries.get(key);
          if (!entry) continue;
          if (isValid(entry.stamp, entry.tags)) {
            foundAt.push(index);
            foundTags.push(entry.tags);
            return entry.text;
          }
          entries.delete(key);
        }
        foundAt.push(undefined);
        foundTags.push(undefined);
        return undefined;
      });
      return { texts, foundAt, foundTags, stamp };
    },
    write(written: readonly StoredEntry[], stamp) {
      for (const entry of written) {
        // An invalidation since the read: what was fetched may predate it, and is not kept.
        if (isValid(stamp, entry.tags)) entries.set(entry.key, { text: entry.text, stamp, tags: entry.tags }, { ttl: entry.ttlMs });
      }
    },
    async invalidate(tags) {
      epoch += 1;
      for (const tag of tags) versions.set(tag, epoch);
    },
    async close() {
      entries.clear();
    },
    bytes: () => entries.calculatedSize,
    clear() {
      epoch += 1;
      clearedAt = epoch;
      entries.clear();
    },
  };
}
