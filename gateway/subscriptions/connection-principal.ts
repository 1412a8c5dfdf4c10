/**
 * Who a WebSocket connection acts for: the bearer token of its `connection_init` payload
 * (`{ "authorization": "Bearer ..." }`, as Apollo and Hive clients send it, or the same under
 * `headers`), else the `Authorization` header of the upgrade request; anonymous without either.
 * The token is checked like an HTTP request's; a bad one refuses the connection.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { bearerTokenOf } from '../identity/authenticate-request.js';
import { ANONYMOUS_PRINCIPAL, type Principal } from '../identity/principal.js';
import { TokenRefusalReason, TokenRefusedError } from '../identity/token-refusal.js';
import type { TokenVerifier } from '../identity/verify-token.js';

export async function connectionPrincipal(
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  upgradeHeaders: IncomingHttpHeaders,
  verify: TokenVerifier,
): Promise<Principal> {
  const header = authorizationOf(connectionParams) ?? upgradeHeaders.authorization;
  if (header === undefined) return ANONYMOUS_PRINCIPAL;
  const token = bearerTokenOf(header);
  if (token === undefined) throw new TokenRefusedError(TokenRefusalReason.Malformed, 'The authorization must be "Bearer <token>".');
  return verify(token);
}

function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  const headers = typeof params.headers === 'object' && params.headers !== null ? (params.headers as Record<string, unknown>) : {};
  for (const value of [params.authorization, params.Authorization, headers.authorization, headers.Authorization]) {
    if (typeof value === 'string') return value;
    // Credentials of the wrong shape are bad credentials, not none: refused, never anonymous.
    if (value !== undefined && value !== null) {
      throw new TokenRefusedError(TokenRefusalReason.Malformed, 'The authorization must be "Bearer <token>".');
    }
  }
  return undefined;
}
