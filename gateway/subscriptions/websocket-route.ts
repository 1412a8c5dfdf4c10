/**
 * GraphQL over WebSocket (the graphql-transport-ws protocol, by `graphql-ws`) on the GraphQL path:
 * subscriptions, and queries and mutations too, as graphql-ws clients expect.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { atExpiry } from '../identity/at-expiry.js';
import { ANONYMOUS_PRINCIPAL, type Principal } from '../identity/principal.js';
import { TokenRefusedError } from '../identity/token-refusal.js';
import type { TokenVerifier } from '../identity/verify-token.js';
import { connectionPrincipal } from './connection-principal.js';
import { webSocketSink } from './direct-delivery.js';
import { SplicingWebSocket, spliceSerializedData } from './serialize-once.js';
import { runSafely } from './run-safely.js';
import { callerKey, subscriptionLimitError } from './subscription-quota.js';
import type { StreamingOperations } from './streaming-operations.js';

/** graphql-ws close codes: the client must not retry with the same credentials. */
const UNAUTHORIZED_CLOSE = 4401;

export interface WebSocketRoute {
  /** Open WebSocket connections. */
  connections(): number;
  /** Closes every connection ("Going away") once the completed subscriptions have said so (2 s at most). */
  close(): Promise<void>;
}

export function registerWebSocketRoute(
  app: FastifyInstance,
  path: string,
  operations: StreamingOperations,
  verify: TokenVerifier,
  options: { maxOperationsPerSocket?: number } = {},
): WebSocketRoute {
  const maxPerSocket = options.maxOperationsPerSocket ?? Number.POSITIVE_INFINITY;
  // A message over MAX_BODY_BYTES (the app's bodyLimit) closes the socket with 1009, unread.
  // Events of a shared stream are serialised once for all subscribers (serialize-once.ts).
  const server = new WebSocketServer({ noServer: true, maxPayload: app.initialConfig.bodyLimit ?? 1024 * 1024, WebSocket: SplicingWebSocket });
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
  // Set at connection_init, read by every operation of the connection.
  const principals = new WeakMap<object, Principal>();
  const disposable = useServer(
    {
      onConnect: async (context) => {
        const { socket, request } = context.extra;
        let principal: Principal;
        try {
          principal = await connectionPrincipal(context.connectionParams, request.headers, verify);
        } catch (error) {
          if (!(error instanceof TokenRefusedError)) throw error;
          // The reason, never the token; a close reason holds at most 123 bytes.
          socket.close(UNAUTHORIZED_CLOSE, `Unauthorized: ${error.reason}`.slice(0, 123));
          return false;
        }
        principals.set(context, principal);
        if (principal.authenticated) closeAtExpiry(socket, principal.expiresAt);
        return true;
      },
      onSubscribe: (context, id, payload) => {
        // graphql-ws lists every operation in progress on the socket, this one included.
        if (Object.keys(context.subscriptions).length > maxPerSocket) return [subscriptionLimitError('perSocket', maxPerSocket)];
        const requestId = `${String(context.extra.request.headers['x-request-id'] ?? randomUUID())}:${id}`;
        const principal = principals.get(context) ?? ANONYMOUS_PRINCIPAL;
        // Live events of a shared stream are written straight to the connection (direct-delivery.ts).
        const sink = webSocketSink(context.extra.socket, context.extra.request.socket, id);
        return operations.prepare(payload, requestId, principal, callerKey(principal, context.extra.request.socket.remoteAddress), sink);
      },
      onOperation: () => {
        running += 1;
      },
      onComplete: () => {
        running -= 1;
        if (running <= 0) allCompleted?.();
      },
      // A fault while starting an operation is that operation's error, never the socket's
      // (graphql-ws would close the connection with 4500 and the fault's own message).
      execute: (args) => runSafely(operations, args, app.log),
      subscribe: (args) => runSafely(operations, args, app.log),
      jsonMessageReplacer: spliceSerializedData,
    },
    server,
  );
  return {
    connections: () => server.clients.size,
    close: async () => {
      const deadline = Date.now() + 2_000;
      if (running > 0) {
        await Promise.race([new Promise<void>((resolve) => (allCompleted = resolve)), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      }
      // graphql-ws calls onComplete before it sends the `complete` message: let those sends reach
      // the sockets before they close, or a client sees its stream cut instead of completed.
      await new Promise((resolve) => setImmediate(resolve));
      while (Date.now() < deadline && [...server.clients].some((client) => client.bufferedAmount > 0)) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await disposable.dispose();
    },
  };
}

/**
 * A connection acts for its token's principal only while the token is valid: at its expiry the
 * connection closes with 4401 and says why, and the client reconnects with a fresh token (resuming
 * its streams with `after`).
 */
function closeAtExpiry(socket: { close(code: number, reason: string): void; once(event: 'close', listener: () => void): unknown }, expiresAt: Date): void {
  socket.once('close', atExpiry(expiresAt, () => socket.close(UNAUTHORIZED_CLOSE, 'Unauthorized: token expired')));
}
