/**
 * GraphQL over Server-Sent Events (the GraphQL over SSE protocol, by `graphql-sse`, "distinct
 * connections" mode): one HTTP request per operation, its events streamed back. For clients and
 * networks where WebSockets are not an option.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ExecutionArgs } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/fastify';
import { ANONYMOUS_PRINCIPAL } from '../identity/principal.js';
import { endAtExpiry } from './end-at-expiry.js';
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
      const prepared = operations.prepare(params, requestId, request.raw.principal ?? ANONYMOUS_PRINCIPAL);
      // graphql-sse answers a result (not arguments) as the only event of the stream.
      // graphql-sse treats only an object with `data` as a result to answer with.
      if (Array.isArray(prepared)) return { data: null, errors: prepared };
      return { ...(prepared as ExecutionArgs), contextValue: (prepared as ExecutionArgs).contextValue as Record<string, unknown> };
    },
    execute: (args) => operations.run(args),
    subscribe: async (args) => endAtExpiry(await operations.run(args), (args.contextValue as unknown as StreamingOperationState).principal),
  });
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const stream = { end: () => reply.raw.end() };
    open.add(stream);
    reply.raw.once('close', () => open.delete(stream));
    await handler(request, reply);
  };
  app.register(async (scope) => {
    // The handler reads the raw body itself.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
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
