/**
 * The primary fetch of a subscription, streamed from its subgraph. For a resumable field it owns
 * the cursor: every event moves it, an event at or below it is a duplicate and is dropped, and
 * after a drop (subgraph restarted, network cut) it resubscribes with `after: cursor` so the
 * subgraph replays exactly what was missed.
 */
import { Repeater } from '@repeaterjs/repeater';
import type { FormattedExecutionResult as WsResult } from 'graphql-ws';

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
  /** First delay before resubscribing; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

type Outcome = { kind: 'dropped'; error: unknown } | { kind: 'rejected'; errors: readonly unknown[] } | { kind: 'stopped' };

export function streamFromUpstream(options: UpstreamStreamOptions): AsyncIterableIterator<UpstreamResult> {
  const { operation, logger } = options;
  const firstDelay = options.retryDelayMs ?? 100;
  const maxDelay = options.maxRetryDelayMs ?? 2_000;
  let cursor = operation.resume?.initialCursor ?? null;

  const cursorOf = (result: UpstreamResult): number | undefined => {
    if (!operation.resume) return undefined;
    const event = (result.data as Record<string, Record<string, unknown> | null> | null | undefined)?.[operation.resume.responseKey];
    const sequence = event?.[CURSOR_ALIAS];
    return typeof sequence === 'number' ? sequence : undefined;
  };

  return new Repeater<UpstreamResult>(async (push, stop) => {
    let stopped = false;
    void stop.then(() => (stopped = true));
    let delay = firstDelay;
    if (cursor === null && operation.resume?.headQuery !== undefined && options.query) {
      cursor = await readHead(options.query, operation.resume.headQuery, logger, options.url);
    }
    while (!stopped) {
      const variables = operation.resume ? { ...operation.variables, [operation.resume.cursorVariable]: cursor } : operation.variables;
      const client = options.connections.clientFor(options.url, options.principal);
      const outcome = await new Promise<Outcome>((resolve) => {
        const unsubscribe = client.subscribe<Record<string, unknown>>(
          { query: operation.query, variables },
          {
            next(result) {
              const sequence = cursorOf(result);
              if (sequence !== undefined) {
                if (cursor !== null && sequence <= cursor) return;
                cursor = sequence;
              }
              delay = firstDelay;
              void push(result);
            },
            // An array is the subgraph refusing the operation (a GraphQL error): retrying cannot help.
            error: (error) => resolve(Array.isArray(error) ? { kind: 'rejected', errors: error } : { kind: 'dropped', error }),
            complete: () => resolve(stopped ? { kind: 'stopped' } : { kind: 'dropped', error: new Error('the subgraph ended the stream') }),
          },
        );
        void stop.then(() => {
          unsubscribe();
          resolve({ kind: 'stopped' });
        });
      });
      if (outcome.kind === 'stopped') return;
      if (outcome.kind === 'rejected') {
        await push({ errors: outcome.errors as UpstreamResult['errors'] });
        stop();
        return;
      }
      logger.warn({ url: options.url, cursor, err: describe(outcome.error) }, 'subscription upstream dropped; resubscribing');
      await Promise.race([new Promise((resolve) => setTimeout(resolve, delay)), stop]);
      delay = Math.min(delay * 2, maxDelay);
    }
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
