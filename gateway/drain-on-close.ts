/**
 * Makes `app.close()` finish once the requests in flight are answered. Fastify stops accepting
 * connections and reaps idle ones, but a keep-alive connection whose request was still running
 * stays open after its answer until the keep-alive timeout (72 s by default): answers sent while
 * closing therefore tell the client to hang up.
 */
import type { FastifyInstance } from 'fastify';

export function useDrainOnClose(app: FastifyInstance): void {
  let draining = false;
  app.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  // A callback hook, not an async one: it runs on every answer and should not cost a promise.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });
}
