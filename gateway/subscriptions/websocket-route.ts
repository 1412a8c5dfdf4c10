/**
 * GraphQL over WebSocket (the graphql-transport-ws protocol, by `graphql-ws`) on the GraphQL path:
 * subscriptions, and queries and mutations too, as graphql-ws clients expect.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { StreamingOperations } from './streaming-operations.js';

export interface WebSocketRoute {
  /** Open WebSocket connections. */
  connections(): number;
  /** Closes every connection ("Going away") once the completed subscriptions have said so (2 s at most). */
  close(): Promise<void>;
}

export function registerWebSocketRoute(app: FastifyInstance, path: string, operations: StreamingOperations): WebSocketRoute {
  const server = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  app.server.on('upgrade', (request, socket, head) => {
    const { pathname } = new URL(request.url ?? '/', 'http://gateway');
    if (pathname !== path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
  });
  // Operations whose `complete` has not been sent yet: closing waits for them, so a client sees a
  // clean end of each subscription before the socket goes away.
  let running = 0;
  let allCompleted: (() => void) | undefined;
  const disposable = useServer(
    {
      onSubscribe: (context, id, payload) => {
        const requestId = `${String(context.extra.request.headers['x-request-id'] ?? randomUUID())}:${id}`;
        return operations.prepare(payload, requestId);
      },
      onOperation: () => {
        running += 1;
      },
      onComplete: () => {
        running -= 1;
        if (running <= 0) allCompleted?.();
      },
      execute: (args) => operations.run(args),
      subscribe: (args) => operations.run(args),
    },
    server,
  );
  return {
    connections: () => server.clients.size,
    close: async () => {
      if (running > 0) {
        await Promise.race([new Promise<void>((resolve) => (allCompleted = resolve)), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      }
      await disposable.dispose();
    },
  };
}
