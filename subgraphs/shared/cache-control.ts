/**
 * What a subgraph tells the gateway's cache about each answer, in HTTP's `Cache-Control` (the
 * convention Apollo Router's entity cache reads; gateway/cache/CACHE.md):
 *
 * - a query answered without errors, by a subgraph that declares a max-age: `public, max-age=N`,
 *   or `private, max-age=N` when its resolvers read the principal (the answer depends on who asks);
 * - anything else (a mutation, an answer with errors, a subgraph that declares none): `no-store`.
 *
 * A subgraph declares a max-age only once it announces every commit that changes its answers
 * (platform/events/graph-changes.ts): the max-age is a safety net, the announcements keep the
 * cache true.
 */
import { Kind, type DocumentNode } from 'graphql';

export const NO_STORE = 'no-store';

export interface AnswerFacts {
  /** Every operation of the document is a query. */
  query: boolean;
  /** The answer carries errors. */
  errors: boolean;
  /** A resolver read the principal. */
  readPrincipal: boolean;
}

/** The header of one answer of a subgraph whose declared max-age is `maxAgeSeconds` (none: never cached). */
export function cacheControlOf(maxAgeSeconds: number | undefined, facts: AnswerFacts): string {
  if (!maxAgeSeconds || maxAgeSeconds <= 0 || !facts.query || facts.errors) return NO_STORE;
  return `${facts.readPrincipal ? 'private' : 'public'}, max-age=${Math.floor(maxAgeSeconds)}`;
}

/** Whether every operation of the document is a query (the gateway sends one per request). */
export function isQueryDocument(document: DocumentNode): boolean {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operations.length > 0 && operations.every((operation) => operation.operation === 'query');
}
