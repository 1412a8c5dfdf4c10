/**
 * Enriches upstream events concurrently but delivers them in the order they came: the subgraph's
 * order is the ledger's order, and a client must see it unchanged. At most `concurrency`
 * enrichments run at once, and the next upstream event is read only when a slot is free, so a long
 * replay cannot flood the other subgraphs nor pile up in memory.
 */
import { Repeater } from '@repeaterjs/repeater';
import type { ExecutionResult } from 'graphql';
import { internalError } from '../errors.js';
import type { EventEnricher, SequencedResult } from './enrich-event.js';
import type { UpstreamResult } from './upstream-stream.js';

export interface EnrichOptions {
  concurrency?: number;
  onError?: (error: unknown) => void;
  /** The ledger sequence of an upstream event (carried beside its enriched result). */
  sequenceOf?: (event: UpstreamResult) => number | undefined;
}

/** Enriches one event, never failing: an enrichment that throws becomes an INTERNAL_SERVER_ERROR event (logged by `onError`). */
export function enrichSafely(enrich: EventEnricher, event: UpstreamResult, options: EnrichOptions): Promise<SequencedResult> {
  const sequence = options.sequenceOf?.(event);
  return enrich(event).then(
    (result) => ({ sequence, result }),
    (error: unknown) => {
      options.onError?.(error);
      return { sequence, result: { errors: [internalError()] } as ExecutionResult };
    },
  );
}

/** Enriches a list of events (a page of history), `concurrency` at a time, in their order. */
export async function enrichAll(events: readonly UpstreamResult[], enrich: EventEnricher, options: EnrichOptions = {}): Promise<SequencedResult[]> {
  const concurrency = options.concurrency ?? 16;
  const results: SequencedResult[] = new Array(events.length);
  let next = 0;
  const worker = async () => {
    while (next < events.length) {
      const index = next++;
      results[index] = await enrichSafely(enrich, events[index]!, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, events.length) }, worker));
  return results;
}

export function enrichInOrder(
  upstream: AsyncIterableIterator<UpstreamResult>,
  enrich: EventEnricher,
  options: EnrichOptions = {},
): AsyncIterableIterator<SequencedResult> {
  const concurrency = options.concurrency ?? 16;
  return new Repeater<SequencedResult>(async (push, stop) => {
    let inFlight = 0;
    let slotFreed: (() => void) | undefined;
    // Each event's delivery waits for the one before it: order is kept while enrichments overlap.
    let delivered: Promise<void> = Promise.resolve();
    let deliveryFailure: unknown;
    const run = async () => {
      for await (const event of upstream) {
        while (inFlight >= concurrency) await new Promise<void>((resolve) => (slotFreed = resolve));
        if (deliveryFailure !== undefined) throw deliveryFailure;
        inFlight += 1;
        const enriched = enrichSafely(enrich, event, options);
        delivered = delivered.then(async () => {
          const result = await enriched;
          try {
            await push(result);
          } catch (error) {
            deliveryFailure = error ?? new Error('delivery failed');
          } finally {
            inFlight -= 1;
            const freed = slotFreed;
            slotFreed = undefined;
            freed?.();
          }
        });
      }
      await delivered;
      if (deliveryFailure !== undefined) throw deliveryFailure;
    };
    run().then(
      () => stop(),
      (error: unknown) => stop(error),
    );
    await stop;
    await upstream.return?.();
  });
}
