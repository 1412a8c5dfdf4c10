/**
 * The partner key check of the public endpoint, as a Fastify `onRequest` hook: before the body is
 * read, a request without an active `x-api-key` gets 401 and one over its plan's rate gets 429.
 * A GET that runs no operation (the GraphiQL page) passes. The key itself is never logged; the key id is.
 */
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { negotiateMediaType } from '../negotiate-media-type.js';
import { getCarriesOperation } from '../operation-in-url.js';
import type { PartnerRateLimiter } from './partner-rate-limiter.js';
import type { Partner, PartnerStore } from './partner-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The calling partner, set by {@link requirePartnerKey} on the routes it guards. */
    partner?: Partner;
  }
}

export const API_KEY_HEADER = 'x-api-key';

/** Codes of the key check, in `extensions.code` (Apollo's UNAUTHENTICATED for a missing or bad credential). */
export const PartnerErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  RateLimited: 'RATE_LIMITED',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
} as const;
export type PartnerErrorCode = (typeof PartnerErrorCode)[keyof typeof PartnerErrorCode];

export interface RequirePartnerKeyOptions {
  store: Pick<PartnerStore, 'findPartner'>;
  rateLimiter: PartnerRateLimiter;
}

const RESPONSE_MEDIA_TYPES = ['application/graphql-response+json', 'application/json'] as const;

export function requirePartnerKey({ store, rateLimiter }: RequirePartnerKeyOptions): onRequestHookHandler {
  return async function partnerKeyGuard(request: FastifyRequest, reply: FastifyReply) {
    // The GraphiQL page (a GET that runs nothing) loads without a key; the partner types it in the page's headers.
    if ((request.method === 'GET' || request.method === 'HEAD') && !getCarriesOperation(request)) return;
    const header = request.headers[API_KEY_HEADER];
    const key = Array.isArray(header) ? undefined : header?.trim();
    if (!key) return refuseUnauthenticated(request, reply, `Send your partner API key in the ${API_KEY_HEADER} header.`);
    let partner: Partner | undefined;
    let decision;
    try {
      partner = await store.findPartner(key);
      if (!partner) return refuseUnauthenticated(request, reply, 'The API key is unknown or revoked.');
      decision = await rateLimiter.consume(partner.keyId, partner.plan);
    } catch (error) {
      request.log.error({ err: error, keyId: partner?.keyId }, 'partner key check failed');
      return sendError(request, reply, 503, 'The API key cannot be checked right now; retry shortly.', { code: PartnerErrorCode.ServiceUnavailable });
    }
    if (!decision.allowed) {
      const { requestsPerSecond, burst } = partner.plan;
      reply.header('retry-after', String(decision.retryAfterSeconds));
      return sendError(
        request,
        reply,
        429,
        `Rate limit of plan ${partner.plan.name} exceeded (${requestsPerSecond} requests per second, burst ${burst}); retry in ${decision.retryAfterSeconds} s.`,
        { code: PartnerErrorCode.RateLimited, limit: { requestsPerSecond, burst }, retryAfter: decision.retryAfterSeconds },
      );
    }
    request.partner = partner;
  };
}

function refuseUnauthenticated(request: FastifyRequest, reply: FastifyReply, message: string): FastifyReply {
  reply.header('www-authenticate', 'ApiKey');
  return sendError(request, reply, 401, message, { code: PartnerErrorCode.Unauthenticated });
}

function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
  extensions: { code: PartnerErrorCode } & Record<string, unknown>,
): FastifyReply {
  // These answers come before any content negotiation of the endpoint; a client that accepts
  // neither of our types still gets JSON, as an error is better than a 406 here.
  const mediaType = negotiateMediaType(request.headers.accept, RESPONSE_MEDIA_TYPES) ?? 'application/json';
  return reply.status(status).type(`${mediaType}; charset=utf-8`).send(JSON.stringify({ errors: [{ message, extensions }] }));
}
