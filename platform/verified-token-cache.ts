/**
 * Remembers what verifying a token gave, so a token checked once is not checked again on every
 * request while it is still good: the gateway's bearer tokens, and the subgraphs' vouchings from
 * the gateway. Refusals are never remembered.
 */
import { LRUCache } from 'lru-cache';

export interface RememberVerifiedOptions<T> {
  /** Until when (epoch ms) a verification that gave `value` at `now` may be trusted. */
  trustedUntil(value: T, now: number): number;
  /** Tokens remembered at most. @default 10_000 */
  max?: number;
  now?: () => number;
}

export function rememberVerified<T extends {}>(
  verify: (token: string) => Promise<T>,
  options: RememberVerifiedOptions<T>,
): (token: string) => Promise<T> {
  const now = options.now ?? Date.now;
  const cache = new LRUCache<string, { value: T; trustedUntil: number }>({ max: options.max ?? 10_000 });
  return async (token) => {
    const known = cache.get(token);
    if (known && now() < known.trustedUntil) return known.value;
    if (known) cache.delete(token);
    const value = await verify(token);
    cache.set(token, { value, trustedUntil: options.trustedUntil(value, now()) });
    return value;
  };
}
