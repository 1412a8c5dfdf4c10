/**
 * Remembers bearer tokens already verified, so a busy gateway checks a signature once per token
 * rather than on every request and every WebSocket connect (a call center's screens reuse one
 * token for an hour). A remembered token still expires on time, and is verified afresh after
 * `ttlMs` so a key removed from the JWKS stops being honoured within that delay.
 */
import { rememberVerified } from '../../platform/verified-token-cache.js';
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
  const ttlMs = options.ttlMs ?? 60_000;
  return rememberVerified(verify, {
    trustedUntil: (principal, now) => Math.min(now + ttlMs, principal.expiresAt.getTime() + options.clockSkewSeconds * 1000),
    ...(options.max === undefined ? {} : { max: options.max }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
}
