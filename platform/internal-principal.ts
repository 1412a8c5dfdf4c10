/**
 * How a subgraph knows who a request acts for: the gateway vouches for its verified principal with
 * a short-lived HS256 JWT (gateway/identity/internal-token.ts) in the `x-omnichannel-principal`
 * header, or in `principalToken` of a WebSocket's connection_init payload. Only a token signed with
 * the shared INTERNAL_TOKEN_SECRET is believed, so a request sent straight to a subgraph, around
 * the gateway and its checks, is refused.
 */
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { ANONYMOUS, type SubgraphPrincipal } from './principal.js';
import { rememberVerified } from './verified-token-cache.js';

/** The header of every subgraph HTTP request the gateway sends. */
export const PRINCIPAL_HEADER = 'x-omnichannel-principal';
/** `iss` of the gateway's vouching, distinct from any end-user token issuer. */
export const INTERNAL_TOKEN_ISSUER = 'omnichannel-gateway';
/** `aud` of the gateway's vouching: a client's own bearer token (another audience) is never accepted here. */
export const INTERNAL_TOKEN_AUDIENCE = 'omnichannel-subgraphs';
/** HS256 wants a key at least as long as its 256-bit hash. */
export const MIN_INTERNAL_TOKEN_SECRET_LENGTH = 32;
/** The vouching lives about a minute; a few seconds cover clocks that disagree between hosts. */
const CLOCK_TOLERANCE_SECONDS = 5;
const ALGORITHMS = ['HS256'];

export type PrincipalRefusalReason = 'missing' | 'malformed' | 'bad-signature' | 'expired' | 'wrong-issuer' | 'wrong-audience' | 'invalid-claim';

/** Thrown by the verifier; its message says why and never repeats the token. */
export class PrincipalRefusedError extends Error {
  override readonly name = 'PrincipalRefusedError';
  constructor(readonly reason: PrincipalRefusalReason) {
    super(`Requests to this subgraph must come through the gateway: ${WHY_REFUSED[reason]}.`);
  }
}

const WHY_REFUSED: Record<PrincipalRefusalReason, string> = {
  missing: "the gateway's vouching for the caller is missing",
  malformed: "the gateway's vouching for the caller is malformed",
  'bad-signature': "the gateway's vouching for the caller does not verify",
  expired: "the gateway's vouching for the caller has expired",
  'wrong-issuer': 'the vouching for the caller was not issued by the gateway',
  'wrong-audience': 'the vouching for the caller is meant for someone else',
  'invalid-claim': "the gateway's vouching for the caller has an invalid claim",
};

/** Resolves to the principal the token vouches for, or rejects with a {@link PrincipalRefusedError}. */
export type InternalPrincipalVerifier = (token: string | undefined) => Promise<SubgraphPrincipal>;

/** Throws when the secret cannot be the shared HS256 key, naming the variable it comes from. */
export function checkInternalTokenSecret(secret: string): void {
  if (secret.length < MIN_INTERNAL_TOKEN_SECRET_LENGTH) {
    throw new Error(`INTERNAL_TOKEN_SECRET must be at least ${MIN_INTERNAL_TOKEN_SECRET_LENGTH} characters (HS256 needs a 256-bit secret)`);
  }
}

export function createInternalPrincipalVerifier(secret: string, options: { now?: () => Date } = {}): InternalPrincipalVerifier {
  checkInternalTokenSecret(secret);
  const key = new TextEncoder().encode(secret);
  const now = options.now ?? (() => new Date());
  const verify = async (token: string) => {
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, key, {
        algorithms: ALGORITHMS,
        issuer: INTERNAL_TOKEN_ISSUER,
        audience: INTERNAL_TOKEN_AUDIENCE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
        currentDate: now(),
      }));
    } catch (error) {
      throw new PrincipalRefusedError(reasonOf(error));
    }
    return { principal: principalOf(claims), usableUntil: (claims.exp! + CLOCK_TOLERANCE_SECONDS) * 1000 };
  };
  // The gateway reuses a token for many fetches; a token verified once need not be verified again
  // until it expires, which keeps the HMAC off the hot path of a busy subgraph.
  const remembered = rememberVerified(verify, { trustedUntil: ({ usableUntil }) => usableUntil, now: () => now().getTime() });
  return async (token) => {
    if (token === undefined || token === '') throw new PrincipalRefusedError('missing');
    return (await remembered(token)).principal;
  };
}

/** Verified claims → the principal: `sub` present means authenticated, absent means anonymous. */
function principalOf(claims: JWTPayload): SubgraphPrincipal {
  const { sub, scope, storeId } = claims as JWTPayload & { scope?: unknown; storeId?: unknown };
  if (sub !== undefined && (typeof sub !== 'string' || sub === '')) throw new PrincipalRefusedError('invalid-claim');
  if (scope !== undefined && typeof scope !== 'string') throw new PrincipalRefusedError('invalid-claim');
  if (storeId !== undefined && (typeof storeId !== 'string' || storeId === '')) throw new PrincipalRefusedError('invalid-claim');
  const scopes = Object.freeze((scope ?? '').split(' ').filter(Boolean));
  if (sub === undefined) return ANONYMOUS;
  return Object.freeze({ authenticated: true, subject: sub, scopes, ...(storeId === undefined ? {} : { storeId }) });
}

function reasonOf(error: unknown): PrincipalRefusalReason {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'wrong-issuer';
    if (error.claim === 'aud') return 'wrong-audience';
    return 'invalid-claim';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  // `alg: none`, another algorithm, a token that is not a compact JWS...
  return 'malformed';
}
