/**
 * One id per request, from the caller's `x-request-id` when it sends a sane one, else a new UUID:
 * the gateway's log lines, its answer and every subgraph fetch of the request carry it, so a slow or
 * failed request can be followed across the services.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's `genReqId`. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
}

/** The request id a data source finds in the per-request context the gateway hands it. */
export function requestIdFromContext(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null || !('requestId' in context)) return undefined;
  const { requestId } = context as { requestId: unknown };
  return typeof requestId === 'string' ? requestId : undefined;
}
