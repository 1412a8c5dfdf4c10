/**
 * What a GraphQL-over-SSE request must hold before graphql-sse sees it, checked the way the HTTP
 * route checks its own (GraphQL over HTTP's request parameters), so a malformed one gets the same
 * coded 400 — not graphql-sse's uncoded "Missing query" or a raw JSON.parse message.
 * Only "distinct connections" are served: a single-connection reservation (PUT) or completion
 * (DELETE) is a 405, since graphql-sse would otherwise key every token-less reservation by the
 * same string and hand one caller's stream to the next.
 */
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '../errors.js';

export interface SseRequestProblem {
  status: number;
  message: string;
  code: ErrorCode;
  headers?: Record<string, string>;
}

/** Why `request` cannot be served as a GraphQL-over-SSE request, or undefined when it can. */
export function sseRequestProblem(request: FastifyRequest): SseRequestProblem | undefined {
  if (request.method !== 'GET' && request.method !== 'POST') {
    return { status: 405, message: 'GraphQL over SSE is served in distinct connections mode: GET or POST.', code: ErrorCode.MethodNotAllowed, headers: { allow: 'GET, POST' } };
  }
  if (request.method === 'POST') {
    if (typeof request.body !== 'string' || request.body === '') return badRequest('A GraphQL request needs a JSON body.');
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return badRequest('The body is not valid JSON.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return badRequest('The body must be a JSON object.');
    return paramsProblem(body as Record<string, unknown>);
  }
  const search = new URL(request.url, 'http://gateway').searchParams;
  const params: Record<string, unknown> = { query: search.get('query') ?? undefined, operationName: search.get('operationName') ?? undefined };
  for (const name of ['variables', 'extensions']) {
    const text = search.get(name);
    if (text === null || text === '') continue;
    try {
      params[name] = JSON.parse(text);
    } catch {
      return badRequest(`\`${name}\` is not valid JSON.`);
    }
  }
  return paramsProblem(params);
}

function paramsProblem(params: Record<string, unknown>): SseRequestProblem | undefined {
  if (typeof params.query !== 'string' || params.query === '') return badRequest('A GraphQL request needs a `query` string.');
  if (params.operationName != null && typeof params.operationName !== 'string') return badRequest('`operationName` must be a string.');
  for (const name of ['variables', 'extensions']) {
    const value = params[name];
    if (value != null && (typeof value !== 'object' || Array.isArray(value))) return badRequest(`\`${name}\` must be a JSON object.`);
  }
  return undefined;
}

function badRequest(message: string): SseRequestProblem {
  return { status: 400, message, code: ErrorCode.BadRequest };
}
