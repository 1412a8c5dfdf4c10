/**
 * Enriches upstream events concurrently but delivers them in the order they came: the subgraph's
 * order is the ledger's order, and a client must see it unchanged. At most `concurrency`
 * enrichments run at once, so a long replay cannot flood the other subgraphs.
 */
import { Repeater } from '@repeaterjs/repeater';
import type { ExecutionResult } from 'graphql';
import { internalError } from '../errors.js';
import type { EventEnricher } from './enrich-event.js';
import type { UpstreamResult } from './upstream-stream.js';

export function enrichInOrder(
  upstream: AsyncIterableIterator<UpstreamResult>,
  enrich: EventEnricher,
  options: { concurrency?: number; onError?: (error: unknown) => void } = {},
): AsyncIterableIterator<ExecutionResult> {
  const concurrency = options.concurrency ?? 16;
  return new Repeater<ExecutionResult>(async (push, stop) => {
    let inFlight = 0;
    let slotFreed: (() => void) | undefined;
    // Each event's delivery waits for the one before it: order is kept while enrichments overlap.
    let delivered: Promise<void> = Promise.resolve();
    const enrichSafely = (event: UpstreamResult) =>
      enrich(event).catch((error: unknown): ExecutionResult => {
        options.onError?.(error);
        return { errors: [internalError()] };
      });
    const run = async () => {
      for await (const event of upstream) {
        while (inFlight >= concurrency) await new Promise<void>((resolve) => (slotFreed = resolve));
        inFlight += 1;
        const enriched = enrichSafely(event);
        delivered = delivered.then(async () => {
          const result = await enriched;
          inFlight -= 1;
          slotFreed?.();
          await push(result);
        });
      }
      await delivered;
    };
    run().then(() => stop(), (error: unknown) => stop(error));
    await stop;
    await upstream.return?.();
  });
}
