/**
 * A live event of a shared stream written straight to a WebSocket subscriber's socket, in the loop
 * that hands the event to every subscriber, rather than through each subscriber's async iterator,
 * graphql-ws's `for await`, a `next` message built by JSON.stringify and a send callback. At 10,000
 * subscribers of one stream that path cost about 20 µs of JavaScript and garbage collection per
 * delivery on top of the socket write itself (the fan-out benchmark's profile: 24% of the gateway's
 * time in GC, most of it promotions of what 10,000 pending deliveries kept alive).
 *
 * The bytes are those graphql-ws would send: `{"id":…,"type":"next","payload":{"data":…}}`, the
 * payload built once per event from the text the shaping wrote (serialize-once.ts), the prefix once
 * per subscription. The sink declines — and the event takes the ordinary path — when the event is
 * anything but pre-serialised `data` (errors, extensions, a value rebuilt for this subscriber), when
 * the socket is not open, or when the client is not reading (more than `highWaterMark` bytes wait
 * in its socket): the ordinary path then paces it, and a subscriber that falls behind goes on from
 * the history (shared-streams.ts). The channel (subscriber-channel.ts) uses the sink only while its
 * reader waits with nothing queued, so what the sink writes is always after what graphql-ws sent.
 */
import type { Socket } from 'node:net';
import type { ExecutionResult } from 'graphql';
import WebSocket from 'ws';
import { serializedText } from './serialize-once.js';

/** Writes `result` to the client now and says so, or declines (false) and the caller takes the ordinary path. */
export type DirectSink = (result: ExecutionResult) => boolean;

// Per event, decided once for all its subscribers: the payload, or null when the event cannot go directly.
const payloads = new WeakMap<object, Buffer | null>();

/** The `payload` of a `next` message carrying `result`, closing the message; undefined unless `result` is pre-serialised `data` alone. */
function payloadOf(result: ExecutionResult): Buffer | undefined {
  let payload = payloads.get(result);
  if (payload === undefined) {
    const keys = Object.keys(result);
    const text = keys.length === 1 && keys[0] === 'data' && typeof result.data === 'object' && result.data !== null ? serializedText(result.data) : undefined;
    payload = text === undefined ? null : Buffer.from(`{"data":${text}}}`);
    payloads.set(result, payload);
  }
  return payload ?? undefined;
}

/**
 * The sink of subscription `id` on `socket`, whose TCP connection is `connection` (the upgraded
 * request's socket); none when the connection negotiated an extension. The frame is written whole
 * to the connection: one write of one buffer, where `ws` would write a header and a body (a writev)
 * through its sender. Sound because without per-message compression `ws` itself writes every frame
 * whole and at once (its sender queues only while compressing): frames never interleave.
 */
export function webSocketSink(socket: WebSocket, connection: Socket, id: string, highWaterMark = 64 * 1024): DirectSink | undefined {
  // With an extension negotiated (per-message compression), frames are the `ws` sender's alone.
  if (socket.extensions !== '') return undefined;
  const prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  return (result) => {
    if (socket.readyState !== WebSocket.OPEN || connection.writableLength > highWaterMark) return false;
    const payload = payloadOf(result);
    if (payload === undefined) return false;
    connection.write(textFrame(prefix, payload));
    return true;
  };
}

/** An unmasked, final text frame (RFC 6455 §5.2) of `head` then `body`, in one buffer. */
function textFrame(head: Buffer, body: Buffer): Buffer {
  const length = head.length + body.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81; // FIN, opcode 1 (text)
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  head.copy(frame, header);
  body.copy(frame, header + head.length);
  return frame;
}
