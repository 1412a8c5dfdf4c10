/**
 * The partner key check of the public endpoint, as a Fastify `onRequest` hook: before the body is
 * read, a request without an active `x-api-key` gets 401 and one over its plan's rate gets 429.
 * A GET that runs no operation (the GraphiQL page) passes. The key itself is never logged; the key id is.
 *
 * Every answer to a known key carries the IETF rate-limit fields (draft-ietf-httpapi-ratelimit-headers):
 * `RateLimit-Policy: "<plan>";q=<burst>;w=<seconds to refill a whole burst>` and
 * `RateLimit: "<plan>";r=<requests left now>;t=<seconds until the bucket is full again, or on a
 * refusal until the next request may go>`, with `Retry-After` on a 429. Each served and refused request is counted per key id (`observer`).
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
  /** Told of each request a key made and of each refusal (the key id, never the key). */
  observer?: PartnerRequestObserver;
}

export type PartnerRefusal = 'unknown_key' | 'rate_limited';

export interface PartnerRequestObserver {
  /** A request with a known key passed the check (`keyId`, `plan`). */
  admitted(keyId: string, plan: string): void;
  /** A request was refused; `keyId` is absent for a missing or unknown key. */
  refused(reason: PartnerRefusal, keyId?: string, plan?: string): void;
}

const RESPONSE_MEDIA_TYPES = ['application/graphql-response+json', 'application/json'] as const;

export function requirePartnerKey({ store, rateLimiter, observer }: RequirePartnerKeyOptions): onRequestHookHandler {
  return async function partnerKeyGuard(request: FastifyRequest, reply: FastifyReply) {
    // The GraphiQL page (a GET that runs nothing) loads without a key; the partner types it in the page's headers.
    if ((request.method === 'GET' || request.method === 'HEAD') && !getCarriesOperation(request)) return;
    const header = request.headers[API_KEY_HEADER];
    const key = Array.isArray(header) ? undefined : header?.trim();
    if (!key) {
      observer?.refused('unknown_key');
      return refuseUnauthenticated(request, reply, `Send your partner API key in the ${API_KEY_HEADER} header.`);
    }
    let partner: Partner | undefined;
    let decision;
    try {
      partner = await store.findPartner(key);
      if (!partner) {
        observer?.refused('unknown_key');
        return refuseUnauthenticated(request, reply, 'The API key is unknown or revoked.');
      }
      decision = await rateLimiter.consume(partner.keyId, partner.plan);
    } catch (error) {
      request.log.error({ err: error, keyId: partner?.keyId }, 'partner key check failed');
      return sendError(request, reply, 503, 'The API key cannot be checked right now; retry shortly.', { code: PartnerErrorCode.ServiceUnavailable });
    }
    const { requestsPerSecond, burst, name: planName } = partner.plan;
    reply.header('ratelimit-policy', `"${planName}";q=${burst};w=${Math.ceil(burst / requestsPerSecond)}`);
    reply.header('ratelimit', `"${planName}";r=${decision.remaining};t=${decision.allowed ? Math.ceil((burst - decision.remaining) / requestsPerSecond) : decision.retryAfterSeconds}`);
    if (!decision.allowed) {
      observer?.refused('rate_limited', partner.keyId, planName);
      reply.header('retry-after', String(decision.retryAfterSeconds));
      return sendError(
        request,
        reply,
        429,
        `Rate limit of plan ${partner.plan.name} exceeded (${requestsPerSecond} requests per second, burst ${burst}); retry in ${decision.retryAfterSeconds} s.`,
        { code: PartnerErrorCode.RateLimited, limit: { requestsPerSecond, burst }, retryAfter: decision.retryAfterSeconds },
      );
    }
    observer?.admitted(partner.keyId, planName);
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
