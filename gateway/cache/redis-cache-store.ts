/**
 * The cache's entries in Redis (with REDIS_URL), shared by every gateway process of the graph, and
 * the tags' versions with them, so that the rule of cache-store.ts holds across processes:
 *
 * - `<prefix>epoch` is the shared clock; `<prefix>tag:<tag>` the version of a tag; an invalidation
 *   advances both in one script (atomic), whichever process runs it (each process that hears an
 *   announcement runs it: the versions only ever go up, so the repeats are harmless);
 * - a read is one MGET of the epoch, the versions of its slots' tags and their entries: an entry
 *   is served only while none of its tags moved past the stamp it was written with, whichever
 *   process wrote it;
 * - `<prefix>entry:<key>` holds `<stamp>:<its tags, JSON>\n<text>`, with the entry's TTL (PX). An
 *   entry's tags are mostly those it is looked up with (an entity's), whose versions come with the
 *   same MGET; a root answer's (the entities it holds) are read with a second one.
 *
 * A tag's version lives `tagTtlMs`, at least as long as any entry written before it moved. An
 * invalidation that cannot reach Redis, or a connection that came back after an outage (the
 * announcements of meanwhile are lost: pub/sub keeps nothing), forgets every entry: the store's
 * own tag `@flushed`, which every entry carries, is moved before anything is read again. Until
 * then, and whenever Redis is down or slower than `timeoutMs`, reads answer undefined: the cache is
 * skipped, never the request.
 */
import type { Redis } from 'ioredis';
import type { CacheStore, StoreSlot } from './cache-store.js';

export interface RedisCacheStoreOptions {
  redis: Redis;
  /** Prefix of every key (`<EVENT_CHANNEL_PREFIX>cache:`), so several graphs and test runs share one Redis. */
  keyPrefix: string;
  /** How long a tag's version is kept: at least as long as the longest-lived entry. */
  tagTtlMs: number;
  /** How long a read may take before the fetch goes without the cache. @default 250 */
  timeoutMs?: number;
  /** Told each time Redis could not read, keep or invalidate. */
  onUnavailable(error: Error): void;
}

/** Carried by every entry: moved when announcements may have been lost. */
const FLUSHED_TAG = '@flushed';

const INVALIDATE_SCRIPT = `
local epoch = redis.call('INCR', KEYS[1])
for i = 2, #KEYS do redis.call('SET', KEYS[i], epoch, 'PX', ARGV[1]) end
return epoch
`;

interface CacheCommands {
  invalidateCacheTags(numberOfKeys: number, ...keysThenTtl: (string | number)[]): Promise<number>;
}

export function createRedisCacheStore(options: RedisCacheStoreOptions): CacheStore {
  const { redis, keyPrefix } = options;
  const timeoutMs = options.timeoutMs ?? 250;
  // ioredis sends it by hash, and the script itself when Redis does not know it (after a restart).
  redis.defineCommand('invalidateCacheTags', { lua: INVALIDATE_SCRIPT });
  const commands = redis as unknown as CacheCommands;
  const epochKey = `${keyPrefix}epoch`;
  const tagKey = (tag: string) => `${keyPrefix}tag:${tag}`;
  const entryKey = (key: string) => `${keyPrefix}entry:${key}`;
  const failed = (error: unknown) => options.onUnavailable(error instanceof Error ? error : new Error(String(error)));

  let flushNeeded = false;
  // The connection was up when the store was made: any later `ready` ends an outage.
  redis.on('ready', () => {
    flushNeeded = true;
  });

  const invalidate = async (tags: readonly string[]) => {
    const keys = [epochKey, ...tags.map(tagKey)];
    await commands.invalidateCacheTags(keys.length, ...keys, options.tagTtlMs);
  };
  /** Forgets every entry, once Redis can be told; false while it cannot. */
  const flushIfNeeded = async () => {
    if (!flushNeeded) return true;
    try {
      await withTimeout(invalidate([FLUSHED_TAG]), timeoutMs);
      flushNeeded = false;
      return true;
    } catch (error) {
      failed(error);
      return false;
    }
  };

  return {
    async read(slots: readonly StoreSlot[]) {
      if (redis.status !== 'ready' || !(await flushIfNeeded())) return undefined;
      const tags = [...new Set([FLUSHED_TAG, ...slots.flatMap((slot) => slot.tags)])];
      const keys = [epochKey, ...tags.map(tagKey), ...slots.flatMap((slot) => slot.keys.map(entryKey))];
      let values: (string | null)[];
      try {
        values = await withTimeout(redis.mget(keys), timeoutMs);
      } catch (error) {
        failed(error);
        return undefined;
      }
      const stamp = Number(values[0] ?? 0);
      const versions = new Map(tags.map((tag, index) => [tag, Number(values[1 + index] ?? 0)]));
      // Each slot's entries, parsed; the versions of tags the first read did not ask for, read next.
      let at = 1 + tags.length;
      const candidates = slots.map((slot) => slot.keys.map(() => parseEntry(values[at++])));
      const unknown = [...new Set(candidates.flat().flatMap((entry) => (entry ? entry.tags.filter((tag) => !versions.has(tag)) : [])))];
      if (unknown.length > 0) {
        try {
          const more = await withTimeout(redis.mget(unknown.map(tagKey)), timeoutMs);
          unknown.forEach((tag, index) => versions.set(tag, Number(more[index] ?? 0)));
        } catch (error) {
          failed(error);
          return undefined;
        }
      }
      const isValid = (entry: ParsedEntry) => versions.get(FLUSHED_TAG)! <= entry.stamp && entry.tags.every((tag) => versions.get(tag)! <= entry.stamp);
      const foundAt: (number | undefined)[] = [];
      const foundTags: (readonly string[] | undefined)[] = [];
      const texts = candidates.map((entries) => {
        const index = entries.findIndex((entry) => entry !== undefined && isValid(entry));
        foundAt.push(index < 0 ? undefined : index);
        foundTags.push(index < 0 ? undefined : entries[index]!.tags);
        return index < 0 ? undefined : entries[index]!.text;
      });
      return { texts, foundAt, foundTags, stamp };
    },
    write(entries, stamp) {
      if (entries.length === 0 || redis.status !== 'ready') return;
      const pipeline = redis.pipeline();
      for (const entry of entries) pipeline.set(entryKey(entry.key), `${stamp}:${JSON.stringify(entry.tags)}\n${entry.text}`, 'PX', Math.max(1, Math.ceil(entry.ttlMs)));
      pipeline.exec().catch(failed);
    },
    async invalidate(tags) {
      try {
        if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
        await invalidate(tags);
      } catch (error) {
        // Which entries it should have dropped is lost with it: every entry goes once Redis is back.
        flushNeeded = true;
        throw error;
      }
    },
    // The connection is the caller's: it closes it.
    async close() {},
  };
}

interface ParsedEntry {
  stamp: number;
  tags: readonly string[];
  text: string;
}

/** `<stamp>:<tags JSON>\n<text>` (the text is JSON: it holds no raw line break); undefined for no entry or one not in this form. */
function parseEntry(value: string | null | undefined): ParsedEntry | undefined {
  if (!value) return undefined;
  const colon = value.indexOf(':');
  const newline = value.indexOf('\n', colon);
  if (colon < 0 || newline < 0) return undefined;
  try {
    const tags = JSON.parse(value.slice(colon + 1, newline)) as unknown;
    if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) return undefined;
    return { stamp: Number(value.slice(0, colon)), tags, text: value.slice(newline + 1) };
  } catch {
    return undefined;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
