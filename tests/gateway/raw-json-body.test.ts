/**
 * The response body around the engine's `data` text (raw-json.ts): the shaping's chunks spliced in
 * as UTF-8, as one buffer for an ordinary answer and as a stream of ~64 KB pieces for a large one,
 * with multi-byte characters split across nothing and the envelope around them intact.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RawJson, RawJsonSlot } from '../../gateway/engine/raw-json.js';

async function bytesOf(body: string | Buffer | Readable): Promise<{ text: string; pieces: number[] }> {
  if (typeof body === 'string') return { text: body, pieces: [Buffer.byteLength(body)] };
  if (Buffer.isBuffer(body)) return { text: body.toString('utf8'), pieces: [body.length] };
  const pieces: Buffer[] = [];
  for await (const piece of body) pieces.push(Buffer.isBuffer(piece) ? piece : Buffer.from(piece as string));
  return { text: Buffer.concat(pieces).toString('utf8'), pieces: pieces.map((piece) => piece.length) };
}

/** `count` chunks of about 8 KB of JSON text, as the shaping writes them, with non-ASCII names. */
function chunksOf(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const items = Array.from({ length: 60 }, (_, j) => JSON.stringify({ name: `Crème brûlée n°${i}-${j} — 東京 🍮`, price: i * j }));
    return `${i === 0 ? '{"items":[' : ','}${items.join(',')}${i === count - 1 ? ']}' : ''}`;
  });
}

describe('a response body with data written by the engine', () => {
  it.each([
    ['an ordinary answer, one buffer', 3],
    ['a large answer, streamed', 120],
  ])('%s: the same JSON as the value serialised whole', async (_name, count) => {
    const raw = new RawJson(chunksOf(count));
    const slot = new RawJsonSlot(raw);
    const envelope = JSON.stringify({ data: slot, extensions: { note: 'é' } });
    const body = slot.splice(envelope);
    const { text, pieces } = await bytesOf(body);
    expect(JSON.parse(text)).toEqual({ data: JSON.parse(raw.text), extensions: { note: 'é' } });
    if (count > 100) {
      expect(body).toBeInstanceOf(Readable);
      // Pieces of about 64 KB, not one write per 8 KB chunk nor one for the whole body.
      expect(pieces.length).toBeGreaterThan(5);
      expect(pieces.length).toBeLessThan(count / 4);
    } else {
      expect(Buffer.isBuffer(body)).toBe(true);
    }
  });
});
