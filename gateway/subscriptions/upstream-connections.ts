/**
 * One graphql-transport-ws connection per subgraph and principal, shared by every upstream
 * subscription to it.
 * The connection does not retry by itself: a drop ends each subscription with an error, and each
 * resubscribes from its own cursor (see upstream-stream.ts), which a blind automatic retry of the
 * original request could not do.
 *
 * A subgraph trusts a connection for the principal the gateway vouched for when it opened, so a
 * connection serves one set of rights (authorization/rights-key.ts): subscriptions acting with
 * different rights never share one.
 */
import { createClient, type Client, type Sink, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import type { InternalTokenSigner } from '../identity/internal-token.js';
import { rightsKey } from '../authorization/rights-key.js';
import { ANONYMOUS_PRINCIPAL, type Principal } from '../identity/principal.js';
import { traceContextFields } from '../../platform/tracing.js';

export interface UpstreamConnections {
  /** The connection to the subgraph at `httpUrl` acting for `principal` (anonymous when absent). */
  clientFor(httpUrl: string, principal?: Principal): UpstreamClient;
  close(): Promise<void>;
}

/** What a stream needs of a connection: graphql-ws's `subscribe`. */
export type UpstreamClient = Pick<Client, 'subscribe'>;

export interface UpstreamConnectionOptions {
  /** Vouches for the principal in each connection_init (`principalToken`). */
  signer: InternalTokenSigner;
  keepAliveMs?: number;
}

interface Connection extends UpstreamClient {
  principal: Principal;
  /** Subscriptions started on it and not yet ended. */
  active: number;
  client: Client;
}

export function createUpstreamConnections(options: UpstreamConnectionOptions): UpstreamConnections {
  const connections = new Map<string, Connection>();
  /** Whoever asks for this key from now on gets a new connection; this one closes. */
  const retire = (key: string, connection: Connection) => {
    if (connections.get(key) === connection) connections.delete(key);
    void connection.client.dispose();
  };
  const open = (key: string, url: string, principal: Principal): Connection => {
    const connection: Connection = {
      principal,
      active: 0,
      client: createClient({
        url,
        // A function, so each (re)connect carries a token signed then, not one that expired meanwhile.
        connectionParams: async () => ({ principalToken: await options.signer.freshTokenFor(forUpstream(connection.principal)) }),
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        // Pings find a dead peer (a killed subgraph behind a load balancer) that TCP alone may not.
        keepAlive: options.keepAliveMs ?? 10_000,
        // A dropped socket ends every subscription on it (no retry): the next ones open a new connection.
        on: { closed: () => retire(key, connection) },
      }),
      // Generic in graphql-ws's signature; the sink only passes values through.
      subscribe: ((payload: SubscribePayload, sink: Sink<unknown>) => {
        connection.active += 1;
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          connection.active -= 1;
          // The last subscription gone, the connection is retired at once, not lazily: a subscription
          // starting meanwhile would land on a socket already closing and be dropped with it.
          if (connection.active === 0) retire(key, connection);
        };
        // With tracing on, the subscription's trace context goes in the subscribe message's extensions.
        const fields = traceContextFields();
        const traced = Object.keys(fields).length === 0 ? payload : { ...payload, extensions: { ...payload.extensions, ...fields } };
        const unsubscribe = connection.client.subscribe(traced, {
          next: (value) => sink.next(value),
          error: (error) => {
            end();
            sink.error(error);
          },
          complete: () => {
            end();
            sink.complete();
          },
        });
        return () => {
          unsubscribe();
          end();
        };
      }) as Client['subscribe'],
    };
    return connection;
  };
  return {
    clientFor(httpUrl, principal = ANONYMOUS_PRINCIPAL) {
      const url = httpUrl.replace(/^http/, 'ws');
      const key = JSON.stringify([url, rightsKey(principal)]);
      const known = connections.get(key);
      if (known) {
        // The same rights (maybe a renewed token, maybe another agent): reconnects vouch for the latest.
        known.principal = principal;
        return known;
      }
      const connection = open(key, url, principal);
      connections.set(key, connection);
      return connection;
    },
    async close() {
      const all = [...connections.values()];
      connections.clear();
      await Promise.all(all.map(({ client }) => client.dispose()));
    },
  };
}

/**
 * The shared connection outlives any one subscriber's token (each subscriber is ended at its own
 * expiry by its transport), so a reconnect vouches for the rights with a fresh lifetime, not with
 * a token that may have expired meanwhile.
 */
function forUpstream(principal: Principal): Principal {
  return principal.authenticated ? { ...principal, expiresAt: new Date(Date.now() + 60_000) } : principal;
}
