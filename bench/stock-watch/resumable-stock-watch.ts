/**
 * A StockWatch subscription that survives dropped connections: when the socket closes, it
 * reconnects with growing pauses and subscribes again with `after` = the last sequence it
 * received, which the graph answers with exactly the changes missed, then live ones.
 * Transport is graphql-ws over the `ws` package; the caller gets events and notices.
 */
import { readFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { CALL_CENTER, DEVELOPMENT_TOKEN_NOTE, mintBenchToken } from '../development-token.js';

const STOCK_WATCH = readFileSync(new URL('../../tests/operations/StockWatch.graphql', import.meta.url), 'utf8');

/** One change as the StockWatch document asks for it. */
export interface StockChangedEvent {
  sequence: number;
  delta: number;
  reason: string;
  onHand: number;
  reserved: number;
  available: number;
  at: string;
  location: { id: string; name: string } | null;
  variant: {
    sku: string;
    product: { id: string; name: string } | null;
    effectivePrice: { amount: number; currency: string } | null;
  } | null;
}

export interface EventError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface StockWatchListener {
  /** A change; `errors` when part of its enrichment failed (e.g. a subgraph is down). */
  event(change: StockChangedEvent, errors: readonly EventError[] | undefined): void;
  /** Something a person should know: connected, connection lost, resuming... */
  notice(message: string): void;
}

export interface StockWatchOptions {
  /** The gateway's GraphQL endpoint; http(s) becomes ws(s) on the same path. */
  gatewayUrl: string;
  skus?: readonly string[];
  locationIds?: readonly string[];
  /** Replay after this sequence before going live. @default undefined (live only) */
  after?: number | undefined;
  /** Ends the watch. */
  signal?: AbortSignal;
  /** First pause before reconnecting, in ms; doubles on each failed attempt. @default 1000 */
  retryDelayMs?: number;
  /** Longest pause between reconnection attempts, in ms. @default 10000 */
  maxRetryDelayMs?: number;
  /** Ping the gateway this often, in ms, so a silently dead connection is noticed. @default 10000 */
  keepAliveMs?: number;
  /** A ping without pong for this long closes the socket (and so resumes), in ms. @default 5000 */
  pongTimeoutMs?: number;
  /**
   * The bearer token each connection sends in its connection_init. A string is sent as is, and the
   * watch ends when the gateway closes the connection at its expiry; a function is asked for a
   * token on every connection, so the watch goes on past any one token's expiry.
   * @default a development call-center token, minted afresh for every connection
   */
  token?: string | (() => Promise<string>);
}

export class StockWatchError extends Error {
  constructor(
    /**
     * GATEWAY_UNREACHABLE: the first connection failed. SUBSCRIPTION_REFUSED: the graph rejected the
     * operation. TOKEN_REFUSED: the gateway refused the token, or closed at the expiry of one that cannot be renewed.
     */
    readonly code: 'GATEWAY_UNREACHABLE' | 'SUBSCRIPTION_REFUSED' | 'TOKEN_REFUSED',
    message: string,
  ) {
    super(message);
  }
}

type AttemptEnd = { kind: 'stopped' } | { kind: 'dropped'; reason: string; connected: boolean; closeCode: number | undefined };

/** The gateway's close code for a connection whose token it refuses or that has just expired. */
const UNAUTHORIZED_CLOSE = 4401;

const closeCodeOf = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
};

const isGraphQLErrorList = (value: unknown): value is EventError[] =>
  Array.isArray(value) && value.every((e) => typeof (e as EventError)?.message === 'string');

function describeDrop(error: unknown, lastSocketError: string | undefined): string {
  const close = error as { code?: unknown; reason?: unknown } | null;
  if (close && typeof close.code === 'number') {
    const reason = typeof close.reason === 'string' && close.reason ? ` ${close.reason}` : '';
    return `closed ${close.code}${reason}${lastSocketError ? `, ${lastSocketError}` : ''}`;
  }
  return lastSocketError ?? (error instanceof Error ? error.message : String(error));
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Watches until `signal` aborts (then resolves). Rejects with StockWatchError when the very first
 * connection fails or the graph refuses the subscription; later drops are resumed, never thrown.
 */
export async function watchStock(options: StockWatchOptions, listener: StockWatchListener): Promise<void> {
  const { signal } = options;
  const wsUrl = options.gatewayUrl.replace(/^http/, 'ws');
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
  let after = options.after;
  let everConnected = false;
  let failedAttempts = 0;
  // A given string is all there is; a source is asked on every connection, so one after an expiry gets a fresh token.
  const given = options.token;
  const tokenForConnection: () => Promise<string> =
    typeof given === 'function' ? given : given === undefined ? () => mintBenchToken(CALL_CENTER) : async () => given;

  /** One connection and one subscription, until it drops or the watch stops. */
  const attempt = (resuming: boolean): Promise<AttemptEnd> => {
    let connected = false;
    let lastSocketError: string | undefined;
    let pongTimer: NodeJS.Timeout | undefined;
    let socket: WebSocket | undefined;
    const client: Client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      // Reconnection is ours: graphql-ws would resubscribe with the original `after`.
      retryAttempts: 0,
      lazy: true,
      keepAlive: options.keepAliveMs ?? 10_000,
      connectionParams: async () => ({ authorization: `Bearer ${await tokenForConnection()}` }),
      on: {
        connected: (opened) => {
          connected = true;
          everConnected = true;
          failedAttempts = 0;
          socket = opened as WebSocket;
          const from = after === undefined ? 'live changes' : `changes after #${after}`;
          listener.notice(resuming ? `reconnected to ${wsUrl}; resuming with ${from}` : `connected to ${wsUrl}; watching ${from}`);
        },
        error: (error) => {
          lastSocketError = (error as { message?: string })?.message ?? lastSocketError;
        },
        ping: (received) => {
          if (received) return;
          pongTimer = setTimeout(() => {
            if (socket?.readyState === WebSocket.OPEN) socket.close(4408, 'Pong timeout');
          }, options.pongTimeoutMs ?? 5000);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
      },
    });
    const variables: Record<string, unknown> = {
      ...(options.skus?.length ? { skus: options.skus } : {}),
      ...(options.locationIds?.length ? { locationIds: options.locationIds } : {}),
      ...(after === undefined ? {} : { after }),
    };
    let stop = () => {};
    return new Promise<AttemptEnd>((resolve, reject) => {
      const unsubscribe = client.subscribe<{ stockChanged: StockChangedEvent }>(
        { query: STOCK_WATCH, variables },
        {
          next: (result) => {
            const change = result.data?.stockChanged;
            if (!change) {
              listener.notice(`an event without data: ${(result.errors ?? []).map((e) => e.message).join('; ')}`);
              return;
            }
            after = change.sequence;
            listener.event(change, result.errors?.length ? result.errors : undefined);
          },
          error: (error) => {
            if (isGraphQLErrorList(error)) {
              reject(new StockWatchError('SUBSCRIPTION_REFUSED', `The gateway refused the subscription: ${error.map((e) => e.message).join('; ')}`));
            } else {
              resolve({ kind: 'dropped', reason: describeDrop(error, lastSocketError), connected, closeCode: closeCodeOf(error) });
            }
          },
          // stockChanged never ends on its own: a completed stream means the server is going away.
          complete: () => resolve({ kind: 'dropped', reason: 'the gateway ended the stream', connected, closeCode: undefined }),
        },
      );
      stop = () => {
        unsubscribe();
        resolve({ kind: 'stopped' });
      };
      signal?.addEventListener('abort', stop, { once: true });
    }).finally(() => {
      signal?.removeEventListener('abort', stop);
      clearTimeout(pongTimer);
      void client.dispose();
    });
  };

  let resuming = false;
  while (!signal?.aborted) {
    const end = await attempt(resuming);
    if (end.kind === 'stopped' || signal?.aborted) return;
    if (end.closeCode === UNAUTHORIZED_CLOSE && (!end.connected || typeof given === 'string')) throw tokenRefused(end, given, after);
    if (!everConnected) throw new StockWatchError('GATEWAY_UNREACHABLE', `Cannot reach the gateway at ${wsUrl}: ${end.reason}`);
    if (!end.connected) failedAttempts++;
    const delay = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** failedAttempts);
    const resumeFrom =
      after === undefined ? 'resuming live (no change received yet, so nothing to resume from)' : `resuming after #${after}`;
    listener.notice(`connection lost (${end.reason}); ${resumeFrom} in ${(delay / 1000).toFixed(1)} s`);
    resuming = true;
    await sleep(delay, signal);
  }
}

/**
 * A refused token is not retried: the same one would be refused again. An expired given token
 * says how to go on from where the watch stopped.
 */
function tokenRefused(end: { reason: string; connected: boolean }, given: StockWatchOptions['token'], after: number | undefined): StockWatchError {
  if (end.connected) {
    const resume = after === undefined ? '' : ` and --after ${after} to resume after the last change printed`;
    return new StockWatchError('TOKEN_REFUSED', `The gateway ended the watch at the token's expiry (${end.reason}): pass a fresh one with --token${resume}.`);
  }
  const whose = given === undefined ? `: the watch's own tokens are ${DEVELOPMENT_TOKEN_NOTE}; pass one this gateway accepts with --token` : '';
  return new StockWatchError('TOKEN_REFUSED', `The gateway refused the token (${end.reason})${whose}.`);
}
