/**
 * Where the cache's entries live (in-process-cache-store.ts, redis-cache-store.ts), and the one rule
 * both keep so that no entry outlives a change it was computed before (CACHE.md, "the in-flight
 * race"): a clock that every invalidation advances.
 *
 * - `invalidate(tags)` advances the store's epoch to e and records e as the version of each tag.
 * - A read returns the epoch s at which it ran (its `stamp`); the answers fetched after it are
 *   written with that stamp.
 * - An entry is valid only while every one of its own tags (those it was written with) has a version <= its stamp: an invalidation
 *   that lands between a fetch's start and its write (or any time after) gives a tag a version above
 *   the stamp, and the entry is never served. The check costs one version per tag.
 */

export interface StoreSlot {
  /** The keys the entry may be kept under, in the order they are tried (public first, then private). */
  keys: readonly string[];
  tags: readonly string[];
}

export interface StoreRead<Stamp = number> {
  /** Per slot: the text of its valid entry, or undefined. */
  texts: (string | undefined)[];
  /** Per slot: which of its keys the entry was found under (public or the caller's own). */
  foundAt: (number | undefined)[];
  /** Per slot: the tags the entry found was kept with (a root answer's differ from its slot's). */
  foundTags: (readonly string[] | undefined)[];
  /** The epoch the read ran at (a store of two levels: the epoch of each): the stamp of what is written from its misses. */
  stamp: Stamp;
}

export interface StoredEntry {
  key: string;
  tags: readonly string[];
  text: string;
  ttlMs: number;
}

export interface CacheStore<Stamp = number> {
  /** Reads the slots' entries; undefined when the store cannot answer now (everything is then fetched, nothing kept). */
  read(slots: readonly StoreSlot[]): Promise<StoreRead<Stamp> | undefined>;
  /** Keeps entries fetched after the read that gave `stamp`. Never throws: a store that cannot keep them drops them. */
  write(entries: readonly StoredEntry[], stamp: Stamp): void;
  /** Makes every entry carrying one of `tags` invalid, in this and (for a shared store) every other process. */
  invalidate(tags: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
