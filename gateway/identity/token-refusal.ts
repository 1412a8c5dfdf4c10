/**
 * Why a bearer token was refused, as the client is told: a stable reason, a message that says
 * why without repeating the token, and the HTTP answer it maps to (RFC 6750 `invalid_token`).
 */

export const TokenRefusalReason = {
  NotConfigured: 'not-configured',
  Malformed: 'malformed',
  UnsupportedAlgorithm: 'unsupported-algorithm',
  UnknownKey: 'unknown-key',
  BadSignature: 'bad-signature',
  Expired: 'expired',
  NotYetValid: 'not-yet-valid',
  WrongIssuer: 'wrong-issuer',
  WrongAudience: 'wrong-audience',
  InvalidClaim: 'invalid-claim',
  /** Valid for longer than JWT_MAX_TOKEN_AGE allows. */
  LifetimeTooLong: 'lifetime-too-long',
  /** The JWKS URL could not be fetched: our fault, not the token's, so 503 rather than 401. */
  KeysUnavailable: 'keys-unavailable',
} as const;
export type TokenRefusalReason = (typeof TokenRefusalReason)[keyof typeof TokenRefusalReason];

/** Apollo's code for a missing or bad credential, in `extensions.code`. */
export const UNAUTHENTICATED = 'UNAUTHENTICATED';
const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

export class TokenRefusedError extends Error {
  override readonly name = 'TokenRefusedError';
  constructor(
    readonly reason: TokenRefusalReason,
    message: string,
  ) {
    super(message);
  }

  get status(): 401 | 503 {
    return this.reason === TokenRefusalReason.KeysUnavailable ? 503 : 401;
  }

  get code(): string {
    return this.status === 401 ? UNAUTHENTICATED : SERVICE_UNAVAILABLE;
  }

  /** RFC 6750 §3: a 401 names the scheme and `invalid_token`; the description is our message. */
  get wwwAuthenticate(): string | undefined {
    if (this.status !== 401) return undefined;
    return `Bearer error="invalid_token", error_description="${this.message.replace(/["\\]/g, '')}"`;
  }
}
