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
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { InternalTokenSigner } from '../identity/internal-token.js';
import { rightsKey } from '../authorization/rights-key.js';
import { ANONYMOUS_PRINCIPAL, type Principal } from '../identity/principal.js';

export interface UpstreamConnections {
  /** The connection to the subgraph at `httpUrl` acting for `principal` (anonymous when absent). */
  clientFor(httpUrl: string, principal?: Principal): Client;
  close(): Promise<void>;
}

export interface UpstreamConnectionOptions {
  /** Vouches for the principal in each connection_init (`principalToken`). */
  signer: InternalTokenSigner;
  keepAliveMs?: number;
}

export function createUpstreamConnections(options: UpstreamConnectionOptions): UpstreamConnections {
  const connections = new Map<string, { client: Client; principal: Principal }>();
  return {
    clientFor(httpUrl, principal = ANONYMOUS_PRINCIPAL) {
      const url = httpUrl.replace(/^http/, 'ws');
      const key = JSON.stringify([url, rightsKey(principal)]);
      const known = connections.get(key);
      if (known) {
        // The same rights (maybe a renewed token, maybe another agent): reconnects vouch for the latest.
        known.principal = principal;
        return known.client;
      }
      const connection = { principal } as { client: Client; principal: Principal };
      connection.client = createClient({
        url,
        // A function, so each (re)connect carries a token signed then, not one that expired meanwhile.
        connectionParams: async () => ({ principalToken: await options.signer.freshTokenFor(forUpstream(connection.principal)) }),
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        // Pings find a dead peer (a killed subgraph behind a load balancer) that TCP alone may not.
        keepAlive: options.keepAliveMs ?? 10_000,
        // A lazy client closes once its last subscription ends (or its socket drops): forget it then,
        // so a gateway that has served many principals keeps only the connections in use.
        on: {
          closed: () => {
            if (connections.get(key) !== connection) return;
            connections.delete(key);
            void connection.client.dispose();
          },
        },
      });
      connections.set(key, connection);
      return connection.client;
    },
    async close() {
      await Promise.all([...connections.values()].map(({ client }) => client.dispose()));
      connections.clear();
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
