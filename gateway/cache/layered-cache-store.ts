/**
 * The cache's entries in this process in front of Redis (with REDIS_URL): a read asks this
 * process's store first and Redis only for what it misses, so a hot entry costs no round trip and
 * no copy across the network; what Redis had is kept here too, for a short while.
 *
 * Both levels keep the rule of cache-store.ts, each with its own epoch: the stamp of a read is the
 * pair. Every gateway applies every announcement to both levels (its own, and Redis, where the
 * repeats are harmless), so a copy kept here is dropped as soon as this process hears the change,
 * exactly as in-process entries are. What this process keeps lives `copyTtlMs` at most: the TTL
 * is a safety net (a copy may outlive its Redis entry by that much), and it bounds what an
 * announcement this process never heard can leave behind here; when the connection to Redis comes
 * back after an outage (when announcements may have been lost) this process's level is cleared
 * (start-entity-cache.ts).
 */
import type { CacheStore, StoredEntry } from './cache-store.js';

export interface LayeredStamp {
  near: number;
  /** Undefined when Redis could not answer: what is fetched is then kept in this process only. */
  far: number | undefined;
}

export interface LayeredCacheStoreOptions {
  near: CacheStore<number>;
  far: CacheStore<number>;
  /** How long a copy of a Redis entry is kept in this process. @default 30000 */
  copyTtlMs?: number;
}

export function createLayeredCacheStore(options: LayeredCacheStoreOptions): CacheStore<LayeredStamp> {
  const { near, far } = options;
  const copyTtlMs = options.copyTtlMs ?? 30_000;
  return {
    async read(slots) {
      const nearRead = (await near.read(slots))!;
      const missing: number[] = [];
      nearRead.texts.forEach((text, index) => {
        if (text === undefined) missing.push(index);
      });
      const nearOnly = { texts: nearRead.texts, foundAt: nearRead.foundAt, foundTags: nearRead.foundTags, stamp: { near: nearRead.stamp, far: undefined } };
      if (missing.length === 0) return nearOnly;
      const farRead = await far.read(missing.map((index) => slots[index]!));
      if (!farRead) return nearOnly;
      const texts = [...nearRead.texts];
      const foundAt = [...nearRead.foundAt];
      const foundTags = [...nearRead.foundTags];
      const copies: StoredEntry[] = [];
      missing.forEach((index, position) => {
        const text = farRead.texts[position];
        const keyIndex = farRead.foundAt[position];
        const tags = farRead.foundTags[position];
        if (text === undefined || keyIndex === undefined || tags === undefined) return;
        texts[index] = text;
        foundAt[index] = keyIndex;
        foundTags[index] = tags;
        // Under the key and with the tags it was found with: a private entry stays the caller's own here too.
        copies.push({ key: slots[index]!.keys[keyIndex]!, tags, text, ttlMs: copyTtlMs });
      });
      // With the stamp of the read here: an announcement heard since makes the copy refused.
      near.write(copies, nearRead.stamp);
      return { texts, foundAt, foundTags, stamp: { near: nearRead.stamp, far: farRead.stamp } };
    },
    write(entries, stamp) {
      near.write(entries.map((entry) => (entry.ttlMs > copyTtlMs ? { ...entry, ttlMs: copyTtlMs } : entry)), stamp.near);
      if (stamp.far !== undefined) far.write(entries, stamp.far);
    },
    async invalidate(tags) {
      await near.invalidate(tags);
      await far.invalidate(tags);
    },
    async close() {
      await near.close();
      await far.close();
    },
  };
}
