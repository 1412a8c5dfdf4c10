/**
 * The names of the cache's entries (CACHE.md). An entry is one subgraph answer for one fetch's
 * operation, field, variables and partition — and, for an entity, one representation:
 *
 *   <subgraph>:<digest of operation hash, field, variables>:<partition>:<digest of representation | root>
 *
 * The partition is `public`, or the digest of the principal the gateway vouches for to the
 * subgraphs (anonymous being one principal like any other): a `private` answer is kept there only.
 * Digests are SHA-256 (base64url), so a key stays short and names nothing a client sent.
 */
import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { principalFromContext, principalIdentity } from '../identity/internal-token.js';
import type { FetchCacheRequest } from '../engine/fetch-cache.js';
import type { CacheScope } from './cache-policy.js';

// One-shot hashing: a third of the cost of createHash().update().digest() for texts this short.
export const digest = (text: string): string => hash('sha256', text, 'base64url');

/**
 * JSON with object keys sorted, so two spellings of one value name one entry (variables as clients
 * send them, a multi-field key). Arrays keep their order: it is meaningful.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    member !== null && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  );
}

/** The two keys an entry may be kept under: for everyone, or for this request's principal. */
export type EntryKeys = Readonly<Record<CacheScope, string>>;

export interface KeyMaker {
  /** Names what a fetch asks, whatever its variables: its subgraph, operation and field. */
  fetchOf(request: FetchCacheRequest): string;
  /**
   * The keys of one fetch's entries: `keysOf()` for a root fetch's answer, `keysOf(digest)` for the
   * entity whose representation's digest it is (`RepresentationNames`).
   */
  fetchKeys(request: FetchCacheRequest): (representationDigest?: string) => EntryKeys;
}

/** What an entity's entries are named and tagged by: its representation's digest and its tags. */
export interface RepresentationName {
  digest: string;
  tags: string[];
}

/** Representations named recently: a listing's entities come back with every request. */
const REPRESENTATIONS_KEPT = 50_000;

export interface RepresentationNames {
  /** The name of a representation in a subgraph; undefined when its tags cannot be named (it is then not kept). */
  named(subgraph: string, representation: Record<string, unknown>, tagger: { entityTags(subgraph: string, representation: Record<string, unknown>): string[] | undefined }): RepresentationName | undefined;
}

/**
 * Remembers, per subgraph and representation text, its digest and tags: both follow from the text
 * alone (the tags from the supergraph's keys, the same for one supergraph; a new supergraph makes a
 * new tagger, and the names are remembered per tagger).
 */
export function createRepresentationNames(): RepresentationNames {
  const byTagger = new WeakMap<object, LRUCache<string, RepresentationName | false>>();
  return {
    named(subgraph, representation, tagger) {
      let names = byTagger.get(tagger);
      if (!names) byTagger.set(tagger, (names = new LRUCache({ max: REPRESENTATIONS_KEPT })));
      const json = JSON.stringify(representation);
      const key = `${subgraph}\u0000${json}`;
      let name = names.get(key);
      if (name === undefined) {
        const tags = tagger.entityTags(subgraph, representation);
        name = tags ? { digest: digest(json), tags } : false;
        names.set(key, name);
      }
      return name || undefined;
    },
  };
}

/** Operations seen recently, with their hash: a plan's operation texts repeat with every request. */
const OPERATION_HASHES_KEPT = 5_000;

export function createKeyMaker(): KeyMaker {
  const operationHashes = new LRUCache<string, string>({ max: OPERATION_HASHES_KEPT });
  const operationHash = (operation: string) => {
    let hash = operationHashes.get(operation);
    if (hash === undefined) operationHashes.set(operation, (hash = digest(operation)));
    return hash;
  };
  const fetchOf = (request: FetchCacheRequest) => `${request.subgraph}\u0000${operationHash(request.operation)}\u0000${request.field ?? ''}`;
  return {
    fetchOf,
    fetchKeys(request) {
      const fetch = digest(`${fetchOf(request)}\u0000${canonicalJson(request.variables)}`);
      const publicPrefix = `${request.subgraph}:${fetch}:public:`;
      const privatePrefix = `${request.subgraph}:${fetch}:${digest(principalIdentity(principalFromContext(request.context)))}:`;
      return (representationDigest) => {
        const entry = representationDigest ?? 'root';
        return { public: publicPrefix + entry, private: privatePrefix + entry };
      };
    },
  };
}
