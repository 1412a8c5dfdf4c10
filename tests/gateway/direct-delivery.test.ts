/**
 * Live events written straight to a WebSocket subscriber's connection
 * (gateway/subscriptions/direct-delivery.ts), over a real `ws` server and client on loopback: the
 * frames are the `next` messages graphql-ws would send, at every frame length, and the sink declines
 * once the client stops reading, so that a slow client is paced by the ordinary path.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { webSocketSink } from '../../gateway/subscriptions/direct-delivery.js';
import { rememberSerialized } from '../../gateway/subscriptions/serialize-once.js';

let server: WebSocketServer | undefined;
afterEach(async () => {
  for (const client of server?.clients ?? []) client.terminate();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server socket and the client connected to it, with the server side's TCP connection. */
async function connectedPair(options: { perMessageDeflate?: boolean } = {}) {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: options.perMessageDeflate ?? false });
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[WebSocket, { socket: Socket }]>;
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: options.perMessageDeflate ?? false });
  const received: string[] = [];
  client.on('message', (data, isBinary) => received.push(isBinary ? '<binary>' : data.toString()));
  await once(client, 'open');
  const [socket, request] = await accepted;
  return { socket, connection: request.socket, client, received };
}

/** An event as the enrichment hands it over: its `data` with the JSON text the shaping wrote. */
function event(data: Record<string, unknown>) {
  const value = structuredClone(data);
  rememberSerialized(value, JSON.stringify(data));
  return { data: value };
}

const until = async (condition: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('direct delivery to a WebSocket subscriber', () => {
  it('writes the next message graphql-ws would send, for short, 16-bit and 64-bit frame lengths', async () => {
    const { socket, connection, received } = await connectedPair();
    const sink = webSocketSink(socket, connection, 'sub-1')!;
    const events = [event({ n: 1 }), event({ text: 'é'.repeat(300) }), event({ text: 'x'.repeat(70_000) })];
    for (const value of events) expect(sink(value)).toBe(true);
    await until(() => received.length === 3);
    expect(received.map((text) => JSON.parse(text))).toEqual(events.map(({ data }) => ({ id: 'sub-1', type: 'next', payload: { data } })));
    expect(received[0]).toBe('{"id":"sub-1","type":"next","payload":{"data":{"n":1}}}');
  });

  it('declines what is not pre-serialised data alone, a closed socket, and a negotiated extension', async () => {
    const { socket, connection, client, received } = await connectedPair();
    const sink = webSocketSink(socket, connection, 'sub-1')!;
    expect(sink({ data: { n: 1 } })).toBe(false);
    const withErrors = event({ n: 2 });
    expect(sink({ ...withErrors, errors: [] })).toBe(false);
    client.close();
    await once(socket, 'close');
    expect(sink(event({ n: 3 }))).toBe(false);
    expect(received).toEqual([]);
    await new Promise((resolve) => server!.close(resolve));
    const compressed = await connectedPair({ perMessageDeflate: true });
    expect(compressed.socket.extensions).not.toBe('');
    expect(webSocketSink(compressed.socket, compressed.connection, 'sub-2')).toBeUndefined();
  });

  it('declines once the client stops reading, and what it wrote arrives whole and in order when it reads again', async () => {
    const { socket, connection, client, received } = await connectedPair();
    const sink = webSocketSink(socket, connection, 'sub-1', 64 * 1024)!;
    (client as unknown as { _socket: Socket })._socket.pause();
    const big = 'y'.repeat(16 * 1024);
    let written = 0;
    // The kernel's buffers fill first; then the connection holds more than 64 KB and the sink declines.
    while (sink(event({ n: written, big }))) {
      written += 1;
      if (written > 10_000) throw new Error('the sink never declined');
    }
    expect(connection.writableLength).toBeGreaterThan(64 * 1024);
    (client as unknown as { _socket: Socket })._socket.resume();
    await until(() => received.length === written);
    expect(received.map((text) => (JSON.parse(text) as { payload: { data: { n: number } } }).payload.data.n)).toEqual(Array.from({ length: written }, (_, n) => n));
  });
});
