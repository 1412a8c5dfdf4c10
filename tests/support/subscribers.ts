/**
 * Real subscription clients for tests: graphql-ws over WebSocket and graphql-sse over SSE, each
 * collecting what it receives so a test can wait for the events it expects.
 */
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received<TData> {
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Subscriber<TData> {
  results: Received<TData>[];
  /** Set when the server completed the stream (a clean end). */
  completed: boolean;
  /** Set when the stream failed (transport error or an error message). */
  error: unknown;
  /** Resolves once `predicate` holds for the results (checked on every result), or rejects after `timeoutMs`. */
  waitFor(predicate: (results: Received<TData>[]) => boolean, timeoutMs?: number): Promise<Received<TData>[]>;
  /** Resolves when the stream ends (completed or failed). */
  ended(timeoutMs?: number): Promise<void>;
  /** Unsubscribes and closes the client. */
  stop(): Promise<void>;
}

type Sink<TData> = { next(value: Received<TData>): void; error(error: unknown): void; complete(): void };

function collector<TData>(subscribeWith: (sink: Sink<TData>) => () => void, dispose: () => Promise<void> | void): Subscriber<TData> {
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  const state: Subscriber<TData> = {
    results: [],
    completed: false,
    error: undefined,
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (predicate(state.results)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(state.results);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`Timed out after ${timeoutMs} ms with ${state.results.length} results: ${JSON.stringify(state.results.slice(-3))}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    ended(timeoutMs = 10_000) {
      return state.waitFor(() => state.completed || state.error !== undefined, timeoutMs).then(() => undefined);
    },
    async stop() {
      unsubscribe();
      await dispose();
    },
  };
  const unsubscribe = subscribeWith({
    next(value) {
      state.results.push(value);
      notify();
    },
    error(error) {
      state.error = error ?? new Error('stream failed');
      notify();
    },
    complete() {
      state.completed = true;
      notify();
    },
  });
  return state;
}

export interface WebSocketSubscribeOptions {
  /** The `connection_init` payload, e.g. `{ authorization: 'Bearer …' }`: the principal of the whole connection. */
  connectionParams?: Record<string, unknown>;
}

/**
 * Subscribes at `httpUrl`'s WebSocket endpoint (same path, ws:// scheme). `connection` is either
 * options for the client made here, or a client of the caller's own (which is not disposed).
 */
export function subscribeOverWebSocket<TData = any>(
  httpUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  connection: Client | WebSocketSubscribeOptions = {},
): Subscriber<TData> {
  const client = isClient(connection) ? connection : undefined;
  const options = isClient(connection) ? {} : connection;
  const own =
    client ??
    createWsClient({
      url: httpUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      ...(options.connectionParams ? { connectionParams: options.connectionParams } : {}),
    });
  return collector<TData>(
    (sink) => own.subscribe({ query, ...(variables ? { variables } : {}) }, sink as never),
    () => (client ? undefined : own.dispose()),
  );
}

function isClient(connection: Client | WebSocketSubscribeOptions): connection is Client {
  return typeof (connection as Partial<Client>).subscribe === 'function';
}

/**
 * Subscribes over GraphQL over SSE at `streamUrl` (distinct connections mode); `headers` go with the
 * request, e.g. `{ authorization: 'Bearer …' }`.
 */
export function subscribeOverSse<TData = any>(
  streamUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Subscriber<TData> {
  const client = createSseClient({ url: streamUrl, retryAttempts: 0, headers });
  return collector<TData>(
    (sink) => client.subscribe({ query, ...(variables ? { variables } : {}) }, sink as never),
    () => client.dispose(),
  );
}
