/**
 * Who is calling, as the rest of the graph will see it: the verified claims of a bearer token
 * reduced to the few facts authorization needs, or the anonymous principal when no token came.
 */
import type { JWTPayload } from 'jose';

export interface AuthenticatedPrincipal {
  authenticated: true;
  /** `sub`: a customer id (web shoppers) or a staff id (agents, store staff). */
  subject: string;
  /** `scope`, split on spaces: e.g. `customer`, `callcenter`, `store:staff`, `stock:write`. */
  scopes: readonly string[];
  /** `storeId`: the store a `store:staff` principal works at. */
  storeId?: string;
  /** `exp`: after it the principal is no longer valid (long-lived streams must end then). */
  expiresAt: Date;
}

export interface AnonymousPrincipal {
  authenticated: false;
  scopes: readonly string[];
}

export type Principal = AuthenticatedPrincipal | AnonymousPrincipal;

/** A request without an `Authorization` header: no subject, no scope. */
export const ANONYMOUS_PRINCIPAL: AnonymousPrincipal = Object.freeze({ authenticated: false, scopes: Object.freeze([]) as readonly string[] });

/** Thrown by {@link principalFromClaims} for a claim that is missing or of the wrong type; `claim` names it. */
export class InvalidClaimError extends Error {
  override readonly name = 'InvalidClaimError';
  constructor(readonly claim: string, reason: string) {
    super(`claim ${claim} ${reason}`);
  }
}

/** Claims already verified (signature, issuer, audience, expiry) → the principal. */
export function principalFromClaims(claims: JWTPayload): AuthenticatedPrincipal {
  const { sub, exp, scope, storeId } = claims as JWTPayload & { scope?: unknown; storeId?: unknown };
  if (typeof sub !== 'string' || sub === '') throw new InvalidClaimError('sub', 'must be a non-empty string');
  // The verifier requires exp; checked again so a principal never lives forever by mistake.
  if (typeof exp !== 'number') throw new InvalidClaimError('exp', 'must be a number');
  if (scope !== undefined && typeof scope !== 'string') throw new InvalidClaimError('scope', 'must be a space-separated string');
  if (storeId !== undefined && (typeof storeId !== 'string' || storeId === '')) throw new InvalidClaimError('storeId', 'must be a non-empty string');
  return {
    authenticated: true,
    subject: sub,
    scopes: Object.freeze((scope ?? '').split(' ').filter(Boolean)),
    ...(storeId === undefined ? {} : { storeId }),
    expiresAt: new Date(exp * 1000),
  };
}
