/**
 * The bearer token check of the main endpoint, as a Fastify `onRequest` hook: before the body is
 * read, a request with an `Authorization` header gets its principal or a 401. A request without
 * the header stays anonymous and goes on exactly as before; nothing refuses anonymous requests
 * here (that is the authorization directives' job, issue 5 item 2).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { negotiateMediaType } from '../negotiate-media-type.js';
import { ANONYMOUS_PRINCIPAL, type Principal } from './principal.js';
import { TokenRefusalReason, TokenRefusedError } from './token-refusal.js';
import type { TokenVerifier } from './verify-token.js';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Who is calling, set by {@link useBearerAuthentication} on the routes it guards. Nothing reads
     * it yet: the directives, subgraph signatures and ownership rules of issue 5 will.
     */
    principal?: Principal;
  }
}

export interface BearerAuthenticationOptions {
  /** The routes that run operations as registered (e.g. '/graphql'); not the partners' endpoint, which uses API keys. */
  paths: readonly string[];
  verify: TokenVerifier;
}

/** RFC 6750 §2.1 `b64token`, the only token syntax a Bearer header may carry. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The token of an `Authorization: Bearer <token>` value; undefined when the value has another form. */
export function bearerTokenOf(header: string): string | undefined {
  return BEARER.exec(header.trim())?.[1];
}

const RESPONSE_MEDIA_TYPES = ['application/graphql-response+json', 'application/json'] as const;

export function useBearerAuthentication(app: FastifyInstance, { paths, verify }: BearerAuthenticationOptions): void {
  const guarded = new Set(paths);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url;
    if (route === undefined || !guarded.has(route)) return;
    const header = request.headers.authorization;
    if (header === undefined) {
      request.principal = ANONYMOUS_PRINCIPAL;
      return;
    }
    const token = bearerTokenOf(header);
    try {
      if (token === undefined) {
        throw new TokenRefusedError(TokenRefusalReason.Malformed, 'The Authorization header must be "Bearer <token>".');
      }
      request.principal = await verify(token);
    } catch (error) {
      if (!(error instanceof TokenRefusedError)) throw error;
      // The reason, never the token: a log line must not be a credential.
      request.log.info({ reason: error.reason }, 'bearer token refused');
      return refuse(request, reply, error);
    }
  });
}

function refuse(request: FastifyRequest, reply: FastifyReply, refusal: TokenRefusedError): FastifyReply {
  const challenge = refusal.wwwAuthenticate;
  if (challenge !== undefined) reply.header('www-authenticate', challenge);
  // Before the endpoint's content negotiation: a client that accepts neither type still gets JSON.
  const mediaType = negotiateMediaType(request.headers.accept, RESPONSE_MEDIA_TYPES) ?? 'application/json';
  return reply
    .status(refusal.status)
    .type(`${mediaType}; charset=utf-8`)
    .send(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code, reason: refusal.reason } }] }));
}
