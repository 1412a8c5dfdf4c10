/**
 * The app's only way to the graph: queries and mutations over HTTP (POST, GraphQL over HTTP), and
 * subscriptions over one WebSocket (graphql-ws) per session, resumed from the last sequence seen.
 * Where WebSockets cannot get through (a proxy that drops the upgrade) while HTTP does, the
 * subscriptions go over Server-Sent Events instead (graphql-sse, distinct connections, on the same
 * path), with the same resumption.
 */
import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import { createClient, type Client, type Sink } from 'graphql-ws/client';

export type LiveTransport = 'websocket' | 'sse';

/**
 * WebSocket connections in a row that closed before the server acknowledged them while the gateway
 * answered over HTTP, after which SSE is used: a gateway restarting fails both ways and counts none.
 */
const BLOCKED_OPENINGS_BEFORE_SSE = 2;

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResult<TData> {
  data?: TData | null;
  errors?: GraphQLErrorShape[];
}

/** A request that got no GraphQL answer at all (network down, gateway restarting, a non-GraphQL status). */
export class TransportError extends Error {}

export class Graph {
  private live: Client | undefined;
  private sse: SseClient | undefined;
  private transport: LiveTransport = 'websocket';
  /** WebSocket connections closed unacknowledged since the last look (chooseTransport). */
  private failedOpenings = 0;
  /** Of those looks in a row, the ones that found the gateway answering over HTTP. */
  private blockedOpenings = 0;
  private readonly statusListeners = new Set<(status: LiveStatus, transport: LiveTransport) => void>();
  /** Every followed subscription's way to start again on a renewed token. */
  private readonly restarts = new Set<() => void>();
  private status: LiveStatus = 'connecting';

  constructor(
    private readonly endpoint: string,
    private token: string,
    private readonly onUnauthorized: () => void,
  ) {}

  /**
   * A fresh token for the same person (refreshed before the old one expired): requests use it at
   * once, and the WebSocket is opened again with it — its subscriptions resume after the last
   * sequence each handled, so nothing is missed.
   */
  renewToken(token: string): void {
    if (token === this.token) return;
    this.token = token;
    const old = this.live;
    this.live = undefined;
    for (const restart of this.restarts) restart();
    void old?.dispose();
  }

  async request<TData>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<TData>> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new TransportError(error instanceof Error ? error.message : String(error));
    }
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json')) throw new TransportError(`HTTP ${response.status}`);
    const result = (await response.json()) as GraphQLResult<TData>;
    if (response.status === 401 || result.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED' || error.extensions?.code === 'TOKEN_EXPIRED')) {
      this.onUnauthorized();
    }
    return result;
  }

  /** The session's WebSocket; it reconnects when a subscription needs it (see {@link Graph.follow}). */
  private client(): Client {
    if (this.live) return this.live;
    let acknowledged = false;
    // Events of a client this one has replaced (a renewed token, a move to SSE) change nothing.
    const current = () => this.live === created;
    const created: Client = createClient({
      url: new URL(this.endpoint, location.href).href.replace(/^http/, 'ws'),
      connectionParams: () => ({ authorization: `Bearer ${this.token}` }),
      lazy: true,
      // Subscriptions resume themselves with `after` (follow below): the client must not replay
      // their first variables on its own.
      retryAttempts: 0,
      keepAlive: 10_000,
      on: {
        // Each connection of this client starts unacknowledged (a lazy client reconnects on demand).
        connecting: () => {
          acknowledged = false;
        },
        connected: () => {
          if (!current()) return;
          acknowledged = true;
          this.failedOpenings = 0;
          this.blockedOpenings = 0;
          this.setStatus('live');
        },
        closed: (event) => {
          if (!current()) return;
          if ((event as CloseEvent | undefined)?.code === 4401) this.onUnauthorized();
          if (!acknowledged) this.failedOpenings++;
          this.setStatus('reconnecting');
        },
      },
    });
    this.live = created;
    return created;
  }

  private sseClient(): SseClient {
    this.sse ??= createSseClient({
      // The gateway answers GraphQL over SSE on its GraphQL path to `Accept: text/event-stream`.
      url: new URL(this.endpoint, location.href).href,
      headers: () => ({ authorization: `Bearer ${this.token}` }),
      retryAttempts: 0,
      on: { connected: () => this.setStatus('live') },
    });
    return this.sse;
  }

  /**
   * After a drop: WebSockets that keep failing to open while the gateway answers over HTTP are
   * being stopped on the way, so the subscriptions move to SSE (for the rest of this sign-in).
   */
  private async chooseTransport(): Promise<void> {
    if (this.transport === 'sse' || this.failedOpenings === 0) return;
    this.failedOpenings = 0;
    const reachable = await fetch(new URL('/health', location.href), { cache: 'no-store' }).then(
      (response) => response.ok,
      () => false,
    );
    this.blockedOpenings = reachable ? this.blockedOpenings + 1 : 0;
    if (this.blockedOpenings < BLOCKED_OPENINGS_BEFORE_SSE || this.transport !== 'websocket') return;
    this.transport = 'sse';
    const old = this.live;
    this.live = undefined;
    void old?.dispose();
    for (const listener of this.statusListeners) listener(this.status, this.transport);
  }

  private subscribeLive<TData>(payload: { query: string; variables: Record<string, unknown> }, sink: Sink<{ data?: TData | null; errors?: readonly GraphQLErrorShape[] }>): () => void {
    if (this.transport === 'sse') return this.sseClient().subscribe<TData>(payload, sink as never);
    return this.client().subscribe<TData>(payload, sink as never);
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status, this.transport);
  }

  onStatus(listener: (status: LiveStatus, transport: LiveTransport) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status, this.transport);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Follows a resumable subscription (one with `after`): every event whose sequence is greater than
   * the last one handed to `onEvent`, in order, across any disconnect — each resubscription asks
   * for what came after the last sequence seen. Ends when the returned function is called.
   * `onRefused` gets errors the server answered with (not a network drop): those are not retried.
   */
  follow<TData>(options: {
    query: string;
    variables: Record<string, unknown>;
    after: number;
    sequenceOf: (data: TData) => number;
    onEvent: (data: TData, errors: GraphQLErrorShape[] | undefined) => void;
    onRefused?: (errors: GraphQLErrorShape[]) => void;
  }): () => void {
    let last = options.after;
    let stopped = false;
    let unsubscribe: (() => void) | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = 250;
    // Each subscription attempt has its number: what an ended attempt's stream still says is ignored.
    let attempt = 0;
    const subscribe = () => {
      if (stopped) return;
      const current = ++attempt;
      const live = () => !stopped && current === attempt;
      unsubscribe = this.subscribeLive<TData>(
        { query: options.query, variables: { ...options.variables, after: last } },
        {
          next: (result) => {
            if (!live()) return;
            delay = 250;
            const data = result.data as TData | null | undefined;
            if (!data) {
              if (result.errors?.length) options.onRefused?.(result.errors as GraphQLErrorShape[]);
              return;
            }
            const sequence = options.sequenceOf(data);
            // A resumed stream may repeat what was already handled: only what is newer counts.
            if (sequence <= last) return;
            last = sequence;
            options.onEvent(data, result.errors as GraphQLErrorShape[] | undefined);
          },
          error: (error) => {
            if (!live()) return;
            if (Array.isArray(error)) {
              options.onRefused?.(error as GraphQLErrorShape[]);
              return;
            }
            // The connection dropped (or never came): the client goes back to "reconnecting" and
            // the subscription is asked again, after the last sequence, once the gateway answers.
            this.setStatus('reconnecting');
            const wait = delay;
            delay = Math.min(delay * 2, 4_000);
            void this.chooseTransport().finally(() => {
              if (live()) retry = setTimeout(subscribe, wait);
            });
          },
          complete: () => {
            // The gateway ends a stream only when it shuts down or the token expires: resume.
            if (live()) retry = setTimeout(subscribe, delay);
          },
        },
      );
    };
    // A renewed token: this attempt ends and the next starts at once on the new token, after the
    // last sequence handled (an SSE stream keeps the token it was opened with until it ends).
    const restart = () => {
      if (stopped) return;
      clearTimeout(retry);
      attempt++;
      unsubscribe?.();
      subscribe();
    };
    this.restarts.add(restart);
    subscribe();
    return () => {
      stopped = true;
      this.restarts.delete(restart);
      clearTimeout(retry);
      unsubscribe?.();
    };
  }

  close(): void {
    void this.live?.dispose();
    this.live = undefined;
    this.sse?.dispose();
    this.sse = undefined;
  }
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** The first error's code, if the answer has one. */
export function errorCode(result: GraphQLResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
