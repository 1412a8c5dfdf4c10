/**
 * The gateway's vouching for a principal, as the subgraphs verify it (subgraphs/shared/
 * internal-principal.ts): a short-lived HS256 JWT signed with INTERNAL_TOKEN_SECRET, carrying
 * `sub` (absent for anonymous), `scope` (space-joined) and `storeId`. It never outlives the
 * bearer token it stands for, and a busy gateway reuses one per principal instead of signing on
 * every fetch.
 */
import { SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import {
  INTERNAL_TOKEN_AUDIENCE,
  INTERNAL_TOKEN_ISSUER,
  checkInternalTokenSecret,
} from '../../platform/internal-principal.js';
import { ANONYMOUS_PRINCIPAL, type Principal } from './principal.js';

/** How long a vouching is valid at most; the subgraph checks it on every request. */
export const INTERNAL_TOKEN_LIFETIME_SECONDS = 60;

export interface InternalTokenSigner {
  /** A token for the principal (anonymous when absent), reused while it has at least half its life left. */
  tokenFor(principal?: Principal): Promise<string>;
  /** A token signed now: for a WebSocket connect, checked once and then trusted for the connection. */
  freshTokenFor(principal?: Principal): Promise<string>;
}

type Signed = { token: Promise<string>; reuseUntil: number; expiresAt: number };

export interface InternalTokenSignerOptions {
  /**
   * The gateway's tolerance on a bearer token's `exp` (JWT_CLOCK_SKEW_SECONDS): a principal it
   * accepted a little after `exp` is vouched for until it would stop accepting it. @default 0
   */
  clockSkewSeconds?: number;
  now?: () => number;
  maxCached?: number;
}

export function createInternalTokenSigner(secret: string, options: InternalTokenSignerOptions = {}): InternalTokenSigner {
  checkInternalTokenSecret(secret);
  const key = new TextEncoder().encode(secret);
  const now = options.now ?? Date.now;
  const skew = options.clockSkewSeconds ?? 0;
  const cache = new LRUCache<string, Signed>({ max: options.maxCached ?? 10_000 });
  /** The last second the gateway itself takes the principal for valid. */
  const validUntil = (principal: Principal & { authenticated: true }) => Math.floor(principal.expiresAt.getTime() / 1000) + skew;

  const sign = (principal: Principal): Signed => {
    const issuedAt = Math.floor(now() / 1000);
    const lifetimeEnd = issuedAt + INTERNAL_TOKEN_LIFETIME_SECONDS;
    const expiresAt = principal.authenticated ? Math.min(lifetimeEnd, validUntil(principal)) : lifetimeEnd;
    const claims = principal.authenticated
      ? { scope: principal.scopes.join(' '), ...(principal.storeId === undefined ? {} : { storeId: principal.storeId }) }
      : { scope: '' };
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(INTERNAL_TOKEN_ISSUER)
      .setAudience(INTERNAL_TOKEN_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt);
    if (principal.authenticated) jwt.setSubject(principal.subject);
    return { token: jwt.sign(key), reuseUntil: (issuedAt + (expiresAt - issuedAt) / 2) * 1000, expiresAt };
  };

  return {
    tokenFor(principal = ANONYMOUS_PRINCIPAL) {
      const identity = principalIdentity(principal);
      const cached = cache.get(identity);
      // Same subject, scopes and store but an earlier expiry (a newer bearer token) must not be
      // vouched for beyond it, so such a principal gets its own, shorter token.
      const fits = cached !== undefined && now() < cached.reuseUntil && (!principal.authenticated || cached.expiresAt <= validUntil(principal));
      if (fits) return cached.token;
      const signed = sign(principal);
      cache.set(identity, signed);
      signed.token.catch(() => cache.delete(identity));
      return signed.token;
    },
    freshTokenFor(principal = ANONYMOUS_PRINCIPAL) {
      return sign(principal).token;
    },
  };
}

/**
 * What a token says about its principal: the key of its vouching here (the expiry is checked
 * apart), and of the cache entries kept for it alone (gateway/cache/).
 */
export function principalIdentity(principal: Principal): string {
  if (!principal.authenticated) return 'anonymous';
  return JSON.stringify([principal.subject, principal.scopes, principal.storeId ?? null]);
}

/** The principal a data source finds in the per-request context the gateway hands it; anonymous when there is none. */
export function principalFromContext(context: unknown): Principal {
  if (typeof context !== 'object' || context === null || !('principal' in context)) return ANONYMOUS_PRINCIPAL;
  const { principal } = context as { principal: unknown };
  return isPrincipal(principal) ? principal : ANONYMOUS_PRINCIPAL;
}

function isPrincipal(value: unknown): value is Principal {
  if (typeof value !== 'object' || value === null) return false;
  const { authenticated, scopes } = value as Record<string, unknown>;
  if (!Array.isArray(scopes)) return false;
  if (authenticated === false) return true;
  const { subject, expiresAt } = value as Record<string, unknown>;
  return authenticated === true && typeof subject === 'string' && expiresAt instanceof Date;
}
