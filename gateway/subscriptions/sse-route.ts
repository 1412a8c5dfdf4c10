/**
 * GraphQL over Server-Sent Events (the GraphQL over SSE protocol, by `graphql-sse`, "distinct
 * connections" mode): one HTTP request per operation, its events streamed back. For clients and
 * networks where WebSockets are not an option.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ExecutionArgs } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/fastify';
import { ErrorCode } from '../errors.js';
import { sendErrors } from '../http-errors.js';
import { ANONYMOUS_PRINCIPAL } from '../identity/principal.js';
import { endAtExpiry } from './end-at-expiry.js';
import { runSafely } from './run-safely.js';
import { sseRequestProblem } from './sse-request-params.js';
import { sseFlowOf, trackSseFlow } from './sse-flow.js';
import { callerKey } from './subscription-quota.js';
import type { StreamingOperationState, StreamingOperations } from './streaming-operations.js';

export interface SseRoute {
  /** Serves one request (also used on the GraphQL path for clients that accept text/event-stream). */
  handle(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Streams open now. */
  streams(): number;
  /** Ends the streams still open (the engine completes them first; this is what remains). */
  close(): void;
}

export function registerSseRoute(app: FastifyInstance, path: string, operations: StreamingOperations): SseRoute {
  const open = new Set<{ end(): void }>();
  const handler = createHandler({
    onSubscribe: (request, params) => {
      const requestId = String(request.raw.headers['x-request-id'] ?? randomUUID());
      const principal = request.raw.principal ?? ANONYMOUS_PRINCIPAL;
      const prepared = operations.prepare(params, requestId, principal, callerKey(principal, request.raw.raw.socket.remoteAddress));
      // graphql-sse answers a result (not arguments) as the only event of the stream.
      // graphql-sse treats only an object with `data` as a result to answer with.
      if (Array.isArray(prepared)) return { data: null, errors: prepared };
      return { ...(prepared as ExecutionArgs), contextValue: (prepared as ExecutionArgs).contextValue as Record<string, unknown> };
    },
    // No token: every request is its own stream ("distinct connections"), never a reserved one.
    authenticate: () => undefined,
    execute: (args) => runSafely(operations, args, app.log),
    subscribe: async (args) => endAtExpiry(await runSafely(operations, args, app.log), (args.contextValue as unknown as StreamingOperationState).principal),
    // Each event waits for the socket to take the ones before it (sse-flow.ts).
    onNext: async (_context, request) => {
      await sseFlowOf((request.context as { reply?: FastifyReply } | undefined)?.reply?.raw)?.beforeMessage();
    },
  });
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    // graphql-sse reads the raw request again when the parsed body is empty, and would wait for
    // an end that has passed already.
    // (sse-request-params.ts also refuses an empty body, which graphql-sse would wait on for ever.)
    const problem = sseRequestProblem(request);
    if (problem) {
      if (problem.headers) void reply.headers(problem.headers);
      return void sendErrors(reply, problem.status, problem.message, problem.code);
    }
    trackSseFlow(reply.raw);
    const stream = { end: () => reply.raw.end() };
    open.add(stream);
    reply.raw.once('close', () => open.delete(stream));
    await handler(request, reply);
  };
  app.register(async (scope) => {
    // Fastify reads the body, as a string for graphql-sse to parse, and stops at the app's
    // bodyLimit (MAX_BODY_BYTES) with a 413: graphql-sse's own reading would buffer any size.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.route({ method: ['GET', 'POST', 'PUT', 'DELETE'], url: path, handler: handle });
  });
  return {
    handle,
    streams: () => open.size,
    close() {
      for (const stream of open) stream.end();
    },
  };
}
