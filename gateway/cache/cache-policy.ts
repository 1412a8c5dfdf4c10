/**
 * Whether, for whom and how long a subgraph's answer may be kept, read from its `Cache-Control`
 * (CACHE.md): no header, `no-store`, `no-cache` or no max-age: not kept; `max-age=N` (or
 * `s-maxage=N`, which a shared cache reads first): kept at most N seconds, capped by the gateway's
 * own maximum; `private`: kept for the principal who asked only.
 *
 * The directives are read here rather than by an HTTP cache library: those judge HTTP responses,
 * and a GraphQL answer to a POST is never storable by HTTP's rules, whereas the entries kept here
 * are the entities inside it.
 */

export type CacheScope = 'public' | 'private';

export interface CachePolicy {
  scope: CacheScope;
  /** How long the answer may be kept, in milliseconds. */
  ttlMs: number;
}

/** The policy of an answer with this header; undefined when it may not be kept. */
export function cachePolicyOf(header: string | null | undefined, maxTtlMs: number): CachePolicy | undefined {
  if (!header) return undefined;
  const directives = new Map<string, string | undefined>();
  for (const part of header.split(',')) {
    const [name, value] = part.split('=', 2).map((text) => text.trim());
    if (name) directives.set(name.toLowerCase(), value?.replace(/^"|"$/g, ''));
  }
  if (directives.has('no-store') || directives.has('no-cache')) return undefined;
  const seconds = Number(directives.get('s-maxage') ?? directives.get('max-age'));
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  return { scope: directives.has('private') ? 'private' : 'public', ttlMs: Math.min(seconds * 1000, maxTtlMs) };
}
