import type { FastifyInstance } from 'fastify';

/**
 * A request answered before its body was read (refused from its headers alone: a content-length
 * over the limit, no credentials) has its connection closed after the answer. Otherwise Node reads
 * and discards the rest of the body, whatever its size, to reuse the connection.
 */
export function closeConnectionsWithUnreadBodies(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (!request.raw.complete) reply.header('connection', 'close');
  });
}
