/**
 * The app's only way to the graph: queries and mutations over HTTP (POST, GraphQL over HTTP), and
 * subscriptions over one WebSocket (graphql-ws) per session, resumed from the last sequence seen.
 */
import { createClient, type Client } from 'graphql-ws/client';

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
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
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
    this.live ??= createClient({
      url: new URL(this.endpoint, location.href).href.replace(/^http/, 'ws'),
      connectionParams: () => ({ authorization: `Bearer ${this.token}` }),
      lazy: true,
      // Subscriptions resume themselves with `after` (follow below): the client must not replay
      // their first variables on its own.
      retryAttempts: 0,
      keepAlive: 10_000,
      on: {
        connected: () => this.setStatus('live'),
        closed: (event) => {
          if ((event as CloseEvent | undefined)?.code === 4401) this.onUnauthorized();
          this.setStatus('reconnecting');
        },
      },
    });
    return this.live;
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
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
    const subscribe = () => {
      if (stopped) return;
      unsubscribe = this.client().subscribe<TData>(
        { query: options.query, variables: { ...options.variables, after: last } },
        {
          next: (result) => {
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
            if (stopped) return;
            if (Array.isArray(error)) {
              options.onRefused?.(error as GraphQLErrorShape[]);
              return;
            }
            // The connection dropped (or never came): the client goes back to "reconnecting" and
            // the subscription is asked again, after the last sequence, once the gateway answers.
            this.setStatus('reconnecting');
            retry = setTimeout(subscribe, delay);
            delay = Math.min(delay * 2, 4_000);
          },
          complete: () => {
            // The gateway ends a stream only when it shuts down or the token expires: resume.
            if (!stopped) retry = setTimeout(subscribe, delay);
          },
        },
      );
    };
    subscribe();
    return () => {
      stopped = true;
      clearTimeout(retry);
      unsubscribe?.();
    };
  }

  close(): void {
    void this.live?.dispose();
    this.live = undefined;
  }
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** The first error's code, if the answer has one. */
export function errorCode(result: GraphQLResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
