/**
 * Safelisting (persisted operations) for the public endpoint: only operations in a manifest run.
 * Two manifest formats are read, as the two usual tools write them:
 * - Apollo's persisted query manifest (`generate-persisted-query-manifest`):
 *   `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id", "body", ... }] }`;
 * - GraphQL Code Generator's client preset `persistedDocuments` output: `{ "<sha256>": "<document>" }`.
 * Ids are the sha256 of the document text, which is what APQ hashes too, so a client can send the
 * hash alone.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PersistedQueryStore } from './persisted-queries.js';

export interface Safelist {
  /** Number of registered operations. */
  size: number;
  allows(query: string): boolean;
  /** An APQ store that knows every registered operation and learns nothing else. */
  persistedQueries: PersistedQueryStore;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function createSafelist(documents: Iterable<string>): Safelist {
  const byHash = new Map<string, string>();
  for (const document of documents) byHash.set(sha256(document), document);
  return {
    size: byHash.size,
    allows: (query) => byHash.has(sha256(query)),
    persistedQueries: { get: (hash) => byHash.get(hash), set: () => {} },
  };
}

/** Reads a manifest file; throws naming the file when it is neither format. */
export function loadSafelist(path: string): Safelist {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the safelist manifest ${path}: ${(error as Error).message}`);
  }
  if (isApolloManifest(manifest)) return createSafelist(manifest.operations.map((operation) => operation.body));
  if (manifest && typeof manifest === 'object' && !Array.isArray(manifest) && Object.values(manifest).every((v) => typeof v === 'string')) {
    return createSafelist(Object.values(manifest) as string[]);
  }
  throw new Error(`${path} is neither an Apollo persisted query manifest nor a { "<hash>": "<document>" } map`);
}

function isApolloManifest(value: unknown): value is { operations: { body: string }[] } {
  if (!value || typeof value !== 'object') return false;
  const manifest = value as { format?: unknown; version?: unknown; operations?: unknown };
  return (
    manifest.format === 'apollo-persisted-query-manifest' &&
    manifest.version === 1 &&
    Array.isArray(manifest.operations) &&
    manifest.operations.every((operation) => typeof (operation as { body?: unknown })?.body === 'string')
  );
}
