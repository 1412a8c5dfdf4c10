/**
 * Verifies a bearer JWT (compact JWS) and turns it into a principal. The accepted algorithms
 * follow from the key source and nothing else, so a token cannot choose how it is checked:
 * HS256 only with a shared secret (development), RS256/ES256 only with a JWKS (production),
 * `none` never. Issuer, audience and expiry are always checked, with a small clock tolerance.
 */
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { IdentityOptions } from '../config.js';
import { InvalidClaimError, principalFromClaims, type AuthenticatedPrincipal } from './principal.js';
import { formatTimeSpan } from './time-span.js';
import { TokenRefusalReason, TokenRefusedError } from './token-refusal.js';

export type KeySource =
  | { kind: 'secret'; secret: string }
  | { kind: 'jwks-file'; path: string }
  | { kind: 'jwks-url'; url: string };

export interface TokenVerifierOptions {
  /** Undefined: no key configured; every token is refused with "not configured". */
  keys: KeySource | undefined;
  issuer: string;
  audience: string;
  clockSkewSeconds: number;
  /** The longest lifetime accepted: `exp − iat`, or `exp − now` for a token without `iat`. @default 86400 (24 h) */
  maxTokenAgeSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 86_400;

/** Resolves to the token's principal or rejects with a {@link TokenRefusedError}. */
export type TokenVerifier = (token: string) => Promise<AuthenticatedPrincipal>;

export const SECRET_ALGORITHMS = ['HS256'] as const;
export const JWKS_ALGORITHMS = ['RS256', 'ES256'] as const;

/** Reads the JWKS file now (a bad file stops start-up), not on the first request. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const { keys } = options;
  if (keys === undefined) {
    return async () => {
      throw new TokenRefusedError(TokenRefusalReason.NotConfigured, 'Bearer token verification is not configured on this gateway.');
    };
  }
  const algorithms: readonly string[] = keys.kind === 'secret' ? SECRET_ALGORITHMS : JWKS_ALGORITHMS;
  const key = keyOf(keys);
  const checks = {
    algorithms: [...algorithms],
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockSkewSeconds,
    requiredClaims: ['exp', 'sub'],
  };
  return async (token) => {
    let alg: unknown;
    try {
      ({ alg } = decodeProtectedHeader(token));
    } catch {
      throw new TokenRefusedError(TokenRefusalReason.Malformed, 'The bearer token is malformed.');
    }
    // Checked before jose sees the token, so `alg: none` or a foreign algorithm gets its own message.
    if (typeof alg !== 'string' || !algorithms.includes(alg)) throw unsupportedAlgorithm(algorithms);
    let claims;
    try {
      // Two calls because jose's overloads take a key or a key resolver, not their union.
      ({ payload: claims } = typeof key === 'function' ? await jwtVerify(token, key, checks) : await jwtVerify(token, key, checks));
    } catch (error) {
      throw refusalOf(error, algorithms, keys.kind === 'jwks-url');
    }
    checkLifetime(claims, options);
    try {
      return principalFromClaims(claims);
    } catch (error) {
      if (error instanceof InvalidClaimError) throw new TokenRefusedError(TokenRefusalReason.InvalidClaim, `The bearer token's ${error.message}.`);
      throw error;
    }
  };
}

/**
 * jose checks `iat` only with its maxTokenAge, which makes `iat` required and bounds the age, not
 * the lifetime: a token with `exp` in 9999 would pass. Here: no `iat` in the future (beyond the
 * skew), and no lifetime over the cap, whether or not the token says when it was issued.
 */
function checkLifetime(claims: JWTPayload, options: TokenVerifierOptions): void {
  const now = Math.floor(Date.now() / 1000);
  const { iat, exp } = claims;
  if (typeof iat === 'number' && iat > now + options.clockSkewSeconds) {
    throw new TokenRefusedError(TokenRefusalReason.NotYetValid, 'The bearer token is not valid yet (claim iat is in the future).');
  }
  // exp is required and checked by jose; iat, when present, is a number (jose checks its type).
  if (typeof exp !== 'number') return;
  const maxLifetime = options.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
  const lifetime = typeof iat === 'number' ? exp - iat : exp - now;
  if (lifetime > maxLifetime + (typeof iat === 'number' ? 0 : options.clockSkewSeconds)) {
    throw new TokenRefusedError(
      TokenRefusalReason.LifetimeTooLong,
      `The bearer token's lifetime is longer than this gateway accepts (at most ${formatTimeSpan(maxLifetime)}).`,
    );
  }
}

function keyOf(keys: KeySource): Uint8Array | JWTVerifyGetKey {
  switch (keys.kind) {
    case 'secret':
      return new TextEncoder().encode(keys.secret);
    case 'jwks-file':
      return createLocalJWKSet(readJwks(keys.path));
    case 'jwks-url':
      // jose caches the set and refetches it (rate-limited) when a token names an unknown kid: key rotation works.
      return createRemoteJWKSet(new URL(keys.url));
  }
}

/** The JWKS file, or an error naming the variable so start-up fails with a line a person can act on. */
function readJwks(path: string): Parameters<typeof createLocalJWKSet>[0] {
  try {
    const jwks = JSON.parse(readFileSync(path, 'utf8')) as { keys?: unknown };
    if (!Array.isArray(jwks.keys)) throw new Error('no "keys" array');
    return jwks as Parameters<typeof createLocalJWKSet>[0];
  } catch (error) {
    throw new Error(`JWKS_PATH: cannot read a JWKS from ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function unsupportedAlgorithm(algorithms: readonly string[]): TokenRefusedError {
  return new TokenRefusedError(
    TokenRefusalReason.UnsupportedAlgorithm,
    `The bearer token is signed with an algorithm this gateway does not accept (accepted: ${algorithms.join(', ')}).`,
  );
}

/** jose's error → the client's reason. jose's own messages are not passed on: some quote claim values. */
function refusalOf(error: unknown, algorithms: readonly string[], remoteKeys: boolean): TokenRefusedError {
  if (error instanceof errors.JWTExpired) return new TokenRefusedError(TokenRefusalReason.Expired, 'The bearer token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return new TokenRefusedError(TokenRefusalReason.WrongIssuer, 'The bearer token was not issued by the issuer this gateway trusts.');
      case 'aud':
        return new TokenRefusedError(TokenRefusalReason.WrongAudience, 'The bearer token is meant for another audience than this graph.');
      case 'nbf':
      case 'iat':
        return new TokenRefusedError(TokenRefusalReason.NotYetValid, `The bearer token is not valid yet (claim ${error.claim}).`);
      default:
        return new TokenRefusedError(TokenRefusalReason.InvalidClaim, `The bearer token's claim ${error.claim} is missing or invalid.`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return unsupportedAlgorithm(algorithms);
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRefusedError(TokenRefusalReason.BadSignature, 'The bearer token signature does not verify.');
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new TokenRefusedError(TokenRefusalReason.UnknownKey, 'The bearer token is signed with a key this gateway does not know.');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || (remoteKeys && isFetchFailure(error))) {
    return new TokenRefusedError(TokenRefusalReason.KeysUnavailable, 'The signing keys cannot be fetched right now; retry shortly.');
  }
  // JWSInvalid, JWTInvalid, a header that is not base64url JSON...: the token is not a JWT we can read.
  return new TokenRefusedError(TokenRefusalReason.Malformed, 'The bearer token is malformed.');
}

/** The remote JWKS fetch failed at the network level (undici's `fetch failed`, an abort). */
function isFetchFailure(error: unknown): boolean {
  return error instanceof Error && !(error instanceof errors.JOSEError) && (error.name === 'TypeError' || error.name === 'AbortError');
}

/** The gateway's identity options (config.ts guarantees at most one key source) → the verifier's. */
export function tokenVerifierOptions(identity: IdentityOptions): TokenVerifierOptions {
  const keys: KeySource | undefined =
    identity.jwtSecret !== undefined
      ? { kind: 'secret', secret: identity.jwtSecret }
      : identity.jwksPath !== undefined
        ? { kind: 'jwks-file', path: identity.jwksPath }
        : identity.jwksUrl !== undefined
          ? { kind: 'jwks-url', url: identity.jwksUrl }
          : undefined;
  return {
    keys,
    issuer: identity.issuer,
    audience: identity.audience,
    clockSkewSeconds: identity.clockSkewSeconds,
    maxTokenAgeSeconds: identity.maxTokenAgeSeconds,
  };
}
