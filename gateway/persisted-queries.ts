/**
 * Automatic persisted queries (APQ), as Apollo Client's persisted-query link and Apollo Router
 * speak them: a client sends only `extensions.persistedQuery.sha256Hash`; the first time the
 * gateway answers PERSISTED_QUERY_NOT_FOUND, the client sends the query with its hash, and from then
 * on the hash alone suffices (over GET too, which lets a CDN cache the answer).
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from './errors.js';

export interface PersistedQueryStore {
  get(sha256Hash: string): string | undefined;
  set(sha256Hash: string, query: string): void;
}

/** A store bounded by the total length of the queries it keeps (`maxBytes`, about one byte per character). */
export function createPersistedQueryStore(maxBytes: number): PersistedQueryStore {
  const cache = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (query) => Math.max(1, query.length) });
  return {
    get: (hash) => cache.get(hash),
    set: (hash, query) => {
      if (query.length <= maxBytes) cache.set(hash, query);
    },
  };
}

/** The parts of a request APQ looks at; `query` is filled in when the hash is known. */
export interface PersistedQueryParams {
  query?: unknown;
  extensions?: unknown;
}

export interface PersistedQueryRefusal {
  status: number;
  message: string;
  code: ErrorCode;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Resolves the persisted query of `params` in place. Returns why the request is refused, or
 * undefined when it can go on (with or without APQ).
 */
export function applyPersistedQuery(params: PersistedQueryParams, store: PersistedQueryStore): PersistedQueryRefusal | undefined {
  const extensions = params.extensions;
  if (typeof extensions !== 'object' || extensions === null || !('persistedQuery' in extensions)) return undefined;
  const persisted = extensions.persistedQuery as { version?: unknown; sha256Hash?: unknown } | null;
  if (typeof persisted !== 'object' || persisted === null || persisted.version !== 1) {
    return { status: 400, message: 'Unsupported persisted query version: only version 1 is supported.', code: ErrorCode.PersistedQueryNotSupported };
  }
  const hash = typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash.toLowerCase() : '';
  if (!SHA256_HEX.test(hash)) {
    return { status: 400, message: 'persistedQuery.sha256Hash must be 64 hexadecimal characters.', code: ErrorCode.BadRequest };
  }
  if (typeof params.query === 'string') {
    if (createHash('sha256').update(params.query).digest('hex') !== hash) {
      return { status: 400, message: 'provided sha does not match query', code: ErrorCode.PersistedQueryHashMismatch };
    }
    store.set(hash, params.query);
    return undefined;
  }
  const known = store.get(hash);
  // 200, as Apollo Router answers it: the client's link reads the code and resends with the query.
  if (known === undefined) return { status: 200, message: 'PersistedQueryNotFound', code: ErrorCode.PersistedQueryNotFound };
  params.query = known;
  return undefined;
}

/** The request handed on to GraphQL over HTTP, with the persisted query put in, or why it is refused. */
export type PersistedQueryRequest = { url: string; body: string | Record<string, unknown> | null } | { refusal: PersistedQueryRefusal };

/**
 * Applies APQ to a raw request. Requests that do not mention `persistedQuery` pass untouched and
 * unparsed, so ordinary traffic pays one substring search.
 */
export function resolvePersistedQueryRequest(
  method: string,
  url: string,
  body: string | null,
  store: PersistedQueryStore,
): PersistedQueryRequest {
  if (method === 'POST' && body !== null && body.includes('persistedQuery')) {
    let params: unknown;
    try {
      params = JSON.parse(body);
    } catch {
      return { url, body }; // graphql-http answers unparsable JSON itself
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return { url, body };
    const refusal = applyPersistedQuery(params as PersistedQueryParams, store);
    return refusal ? { refusal } : { url, body: params as Record<string, unknown> };
  }
  if (method === 'GET' && url.includes('persistedQuery')) {
    const [path, search = ''] = url.split('?', 2);
    const searchParams = new URLSearchParams(search);
    let extensions: unknown;
    try {
      extensions = JSON.parse(searchParams.get('extensions') ?? 'null');
    } catch {
      return { url, body }; // graphql-http answers an unparsable URL itself
    }
    const params: PersistedQueryParams = { query: searchParams.get('query') ?? undefined, extensions };
    const refusal = applyPersistedQuery(params, store);
    if (refusal) return { refusal };
    if (typeof params.query === 'string') searchParams.set('query', params.query);
    return { url: `${path}?${searchParams.toString()}`, body };
  }
  return { url, body };
}
