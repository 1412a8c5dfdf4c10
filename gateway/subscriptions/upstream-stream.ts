/**
 * The primary fetch of a subscription, streamed from its subgraph. For a resumable field it owns
 * the cursor: every event moves it, an event at or below it is a duplicate and is dropped, and
 * after a drop (subgraph restarted, network cut) it resubscribes with `after: cursor` so the
 * subgraph replays exactly what was missed.
 *
 * The WebSocket to the subgraph has no backpressure of its own: the subgraph sends as fast as it
 * reads its ledger. So events wait in a bounded queue, and when it is full (a long replay after an
 * outage, a burst) the stream unsubscribes, lets its consumer drain the queue, and subscribes again
 * after the last sequence it kept: flow control by cursor, whatever the length of the replay.
 */
import { Repeater } from '@repeaterjs/repeater';
import { GraphQLError } from 'graphql';
import type { FormattedExecutionResult as WsResult } from 'graphql-ws';

import { ErrorCode } from '../errors.js';
import { CURSOR_ALIAS, type UpstreamOperation } from './resumable-operation.js';
import type { Principal } from '../identity/principal.js';
import type { UpstreamConnections } from './upstream-connections.js';

/** One result of the upstream subscription, as the subgraph sent it (JSON). */
export type UpstreamResult = WsResult<Record<string, unknown>, unknown>;

export interface UpstreamStreamOptions {
  connections: UpstreamConnections;
  /** The subgraph's HTTP GraphQL URL; its WebSocket endpoint is the same path. */
  url: string;
  operation: UpstreamOperation;
  /** Who the stream is for: the subgraph is told, vouched for by the gateway (anonymous when absent). */
  principal?: Principal;
  logger: { warn(object: object, message: string): void };
  /**
   * Runs a query on the same subgraph (for the stream's principal): how a stream without a cursor
   * learns the last sequence before it subscribes, so it can resume from there after any drop.
   */
  query?: (query: string) => Promise<{ data?: Record<string, unknown> | null }>;
  /** Called once the stream knows where it starts: every event after `cursor` will come (null: from whenever it went live). */
  onStart?: (cursor: number | null) => void;
  /** First delay before resubscribing; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Events kept for a consumer that has not read them yet; beyond it the stream pauses (resumable) or fails. @default 1000 */
  maxQueued?: number;
}

type Outcome =
  | { kind: 'dropped'; error: unknown }
  | { kind: 'rejected'; errors: readonly unknown[] }
  | { kind: 'paused' }
  | { kind: 'overflowed' }
  | { kind: 'stopped' };

/** Read the sequence of an upstream result of `operation` (undefined: not resumable, or an error without data). */
export function sequenceOf(operation: UpstreamOperation, result: UpstreamResult): number | undefined {
  if (!operation.resume) return undefined;
  const event = (result.data as Record<string, Record<string, unknown> | null> | null | undefined)?.[operation.resume.responseKey];
  const sequence = event?.[CURSOR_ALIAS];
  return typeof sequence === 'number' ? sequence : undefined;
}

export function streamFromUpstream(options: UpstreamStreamOptions): AsyncIterableIterator<UpstreamResult> {
  const { operation, logger } = options;
  const firstDelay = options.retryDelayMs ?? 100;
  const maxDelay = options.maxRetryDelayMs ?? 2_000;
  const maxQueued = options.maxQueued ?? 1_000;
  // Resubscribe once the consumer has this few left: it keeps reading while the replay starts again.
  const resumeBelow = Math.floor(maxQueued / 4);
  let cursor = operation.resume?.initialCursor ?? null;

  return new Repeater<UpstreamResult>(async (push, stop) => {
    let stopped = false;
    const queue: UpstreamResult[] = [];
    // Wakes the delivery loop (an event queued, the producer done) or the producer (the queue drained).
    let wakeConsumer: (() => void) | undefined;
    let wakeProducer: (() => void) | undefined;
    const notify = (which: 'consumer' | 'producer') => {
      const wake = which === 'consumer' ? wakeConsumer : wakeProducer;
      if (which === 'consumer') wakeConsumer = undefined;
      else wakeProducer = undefined;
      wake?.();
    };
    void stop.then(() => {
      stopped = true;
      notify('consumer');
      notify('producer');
    });

    const subscribeOnce = (delay: { value: number }) =>
      new Promise<Outcome>((resolve) => {
        const variables = operation.resume ? { ...operation.variables, [operation.resume.cursorVariable]: cursor } : operation.variables;
        const client = options.connections.clientFor(options.url, options.principal);
        let active = true;
        const finish = (outcome: Outcome) => {
          if (!active) return;
          active = false;
          unsubscribe();
          resolve(outcome);
        };
        const unsubscribe = client.subscribe<Record<string, unknown>>(
          { query: operation.query, variables },
          {
            next(result) {
              if (!active) return;
              const sequence = sequenceOf(operation, result);
              if (sequence !== undefined) {
                if (cursor !== null && sequence <= cursor) return;
                cursor = sequence;
              }
              delay.value = firstDelay;
              queue.push(result);
              notify('consumer');
              if (queue.length >= maxQueued) finish(operation.resume ? { kind: 'paused' } : { kind: 'overflowed' });
            },
            // An array is the subgraph refusing the operation (a GraphQL error): retrying cannot help.
            error: (error) => finish(Array.isArray(error) ? { kind: 'rejected', errors: error } : { kind: 'dropped', error }),
            complete: () => finish(stopped ? { kind: 'stopped' } : { kind: 'dropped', error: new Error('the subgraph ended the stream') }),
          },
        );
        void stop.then(() => finish({ kind: 'stopped' }));
      });

    // Subscribes, and subscribes again after every drop or pause, until stopped or refused.
    const produce = async (): Promise<UpstreamResult | undefined> => {
      if (cursor === null && operation.resume?.headQuery !== undefined && options.query) {
        cursor = await readHead(options.query, operation.resume.headQuery, logger, options.url);
      }
      options.onStart?.(cursor);
      const delay = { value: firstDelay };
      while (!stopped) {
        while (!stopped && queue.length > resumeBelow) await new Promise<void>((resolve) => (wakeProducer = resolve));
        if (stopped) return undefined;
        const outcome = await subscribeOnce(delay);
        switch (outcome.kind) {
          case 'stopped':
            return undefined;
          case 'paused':
            continue;
          case 'overflowed':
            // Not resumable: what was missed cannot be asked for again, so the stream ends and says so.
            return { errors: [new GraphQLError('The subscription fell too far behind its source', { extensions: { code: ErrorCode.SubscriberTooSlow } }).toJSON()] };
          case 'rejected':
            return { errors: outcome.errors as UpstreamResult['errors'] };
          case 'dropped':
            logger.warn({ url: options.url, cursor, err: describe(outcome.error) }, 'subscription upstream dropped; resubscribing');
            await Promise.race([new Promise((resolve) => setTimeout(resolve, delay.value)), stop]);
            delay.value = Math.min(delay.value * 2, maxDelay);
        }
      }
      return undefined;
    };

    let produced: { last: UpstreamResult | undefined } | undefined;
    let failure: unknown;
    produce().then(
      (last) => {
        produced = { last };
        notify('consumer');
      },
      (error: unknown) => {
        failure = error ?? new Error('subscription upstream failed');
        notify('consumer');
      },
    );
    // Delivers one event at a time, each when the consumer asks for it: the queue is the only buffer.
    while (!stopped) {
      const next = queue.shift();
      if (next) {
        if (queue.length <= resumeBelow) notify('producer');
        await push(next);
        continue;
      }
      if (failure !== undefined) throw failure;
      if (produced) {
        if (produced.last) await push(produced.last);
        break;
      }
      await new Promise<void>((resolve) => (wakeConsumer = resolve));
    }
    stop();
  });
}

/** The subgraph's last sequence, or null (live from whenever the subscription starts) when it cannot be read. */
async function readHead(
  query: NonNullable<UpstreamStreamOptions['query']>,
  headQuery: string,
  logger: UpstreamStreamOptions['logger'],
  url: string,
): Promise<number | null> {
  try {
    const head = (await query(headQuery)).data?.head;
    if (typeof head === 'number') return head;
    logger.warn({ url }, 'subscription upstream: no last sequence; starting live');
  } catch (error) {
    logger.warn({ url, err: describe(error) }, 'subscription upstream: last sequence unreadable; starting live');
  }
  return null;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'code' in error) return `closed with code ${String((error as { code: unknown }).code)}`;
  return String(error);
}
