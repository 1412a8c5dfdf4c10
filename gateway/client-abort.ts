/**
 * Ties a request's subgraph fetches to its client: when the client hangs up before the answer is
 * sent, the fetches still running are cancelled instead of spending subgraph time for no one.
 */
import type { FastifyReply } from 'fastify';

/** A signal that aborts when the client's connection closes before the response was finished. */
export function abortOnClientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('The client closed the connection'));
  });
  return controller.signal;
}

/** The signal a data source finds in the per-request context the gateway hands it. */
export function clientSignalOf(context: unknown): AbortSignal | undefined {
  if (typeof context !== 'object' || context === null || !('clientSignal' in context)) return undefined;
  const { clientSignal } = context as { clientSignal: unknown };
  return clientSignal instanceof AbortSignal ? clientSignal : undefined;
}
