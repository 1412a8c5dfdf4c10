/**
 * One graphql-transport-ws connection per subgraph, shared by every upstream subscription to it.
 * The connection does not retry by itself: a drop ends each subscription with an error, and each
 * resubscribes from its own cursor (see upstream-stream.ts), which a blind automatic retry of the
 * original request could not do.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface UpstreamConnections {
  clientFor(httpUrl: string): Client;
  close(): Promise<void>;
}

export function createUpstreamConnections(options: { keepAliveMs?: number } = {}): UpstreamConnections {
  const clients = new Map<string, Client>();
  return {
    clientFor(httpUrl) {
      const url = httpUrl.replace(/^http/, 'ws');
      let client = clients.get(url);
      if (!client) {
        client = createClient({
          url,
          webSocketImpl: WebSocket,
          lazy: true,
          retryAttempts: 0,
          // Pings find a dead peer (a killed subgraph behind a load balancer) that TCP alone may not.
          keepAlive: options.keepAliveMs ?? 10_000,
        });
        clients.set(url, client);
      }
      return client;
    },
    async close() {
      await Promise.all([...clients.values()].map((client) => client.dispose()));
      clients.clear();
    },
  };
}
