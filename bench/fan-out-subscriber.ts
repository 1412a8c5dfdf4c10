/**
 * The fan-out benchmark's subscriber: a minimal client of the graphql-transport-ws protocol on
 * `ws` — connection_init, one subscribe, and each `next` decoded and parsed whole (JSON.parse of
 * the message, as any client must) before its arrival is timed.
 *
 * Why not graphql-ws's own client: 10,000 subscribers are 10,000 screens, each handling its own
 * message at once; in the bench they are one process on the gateway's two cores, so each message
 * waits for the client-side handling of every message before it, and that queue is timed as the
 * gateway's latency. graphql-ws's client (message validation, its sinks and bookkeeping) handled a
 * message in about 20 µs here, more than the gateway's write of it (about 12 µs): the last of
 * 10,000 deliveries came 70–80 ms after the gateway had written it. This client keeps the
 * instrument's share small; the bench still measures one row with graphql-ws clients
 * (`subscriberClient: 'graphql-ws'`) so the two can be compared.
 */
import WebSocket from 'ws';

export interface FanOutSubscriber {
  close(): void;
}

interface ProtocolMessage {
  type: string;
  payload?: { data?: { stockChanged?: { sequence?: number } } } | unknown[];
}

/**
 * Connects, subscribes `query` with `variables`, and calls `onSequence` with each change's
 * sequence as its `next` arrives; resolves once the subscription is sent (after connection_ack).
 * A protocol `error` or `complete`, or a closed socket, calls `onEnd` (the bench counts what then
 * never arrives as missed).
 */
export function subscribeMinimal(options: {
  url: string;
  connectionParams: Record<string, unknown>;
  query: string;
  variables: Record<string, unknown>;
  onSequence(sequence: number): void;
  onEnd(reason: string): void;
}): Promise<FanOutSubscriber> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(options.url, 'graphql-transport-ws', { perMessageDeflate: false });
    let subscribed = false;
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: options.connectionParams })));
    socket.on('error', (error) => (subscribed ? options.onEnd(error.message) : reject(error)));
    socket.on('close', (code, reason) => {
      if (subscribed) options.onEnd(`closed ${code} ${reason.toString()}`);
      else reject(new Error(`closed before the subscription: ${code} ${reason.toString()}`));
    });
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ProtocolMessage;
      switch (message.type) {
        case 'next': {
          const sequence = (message.payload as { data?: { stockChanged?: { sequence?: number } } } | undefined)?.data?.stockChanged?.sequence;
          if (typeof sequence === 'number') options.onSequence(sequence);
          return;
        }
        case 'connection_ack':
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: options.query, variables: options.variables } }));
          subscribed = true;
          resolve({ close: () => socket.close() });
          return;
        case 'ping':
          socket.send('{"type":"pong"}');
          return;
        case 'error':
        case 'complete':
          options.onEnd(`${message.type}: ${JSON.stringify(message.payload ?? null)}`);
          return;
      }
    });
  });
}
