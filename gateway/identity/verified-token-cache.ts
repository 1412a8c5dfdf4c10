/**
 * Remembers tokens already verified, so a busy gateway checks a signature once per token rather
 * than on every request and every WebSocket connect (a call center's screens reuse one token for
 * an hour). A remembered token still expires on time, and is verified afresh after `ttlMs` so a
 * key removed from the JWKS stops being honoured within that delay.
 */
import { LRUCache } from 'lru-cache';
import type { AuthenticatedPrincipal } from './principal.js';
import type { TokenVerifier } from './verify-token.js';

export interface VerifiedTokenCacheOptions {
  /** Tokens remembered at most. @default 10_000 */
  max?: number;
  /** How long a verification is trusted. @default 60_000 */
  ttlMs?: number;
  /** The verifier's tolerance on `exp`: a token stays valid that long after it. */
  clockSkewSeconds: number;
  now?: () => number;
}

export function withVerifiedTokenCache(verify: TokenVerifier, options: VerifiedTokenCacheOptions): TokenVerifier {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 60_000;
  const cache = new LRUCache<string, { principal: AuthenticatedPrincipal; trustedUntil: number }>({ max: options.max ?? 10_000 });
  return async (token) => {
    const known = cache.get(token);
    if (known && now() < known.trustedUntil) return known.principal;
    if (known) cache.delete(token);
    // Failures are not remembered: a refused token costs a verification each time, as before.
    const principal = await verify(token);
    const validUntil = principal.expiresAt.getTime() + options.clockSkewSeconds * 1000;
    cache.set(token, { principal, trustedUntil: Math.min(now() + ttlMs, validUntil) });
    return principal;
  };
}
