/**
 * A response's `data` already written as JSON text by the engine (shape-response.ts). The HTTP
 * route splices the text into the response body as it is (spliceRawJson); anything else that
 * serialises or reads the result (WebSocket and SSE messages, authorization removals) gets the
 * parsed value, through `toJSON` or `valueOf`.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/** The text in flat chunks (shape-response.ts writes about 64 KB each); joined only when asked for. */
export class RawJson {
  #text: string | undefined;

  constructor(readonly chunks: readonly string[]) {}

  get text(): string {
    return (this.#text ??= this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join(''));
  }

  get length(): number {
    let length = 0;
    for (const chunk of this.chunks) length += chunk.length;
    return length;
  }

  /** The value the text stands for (what JSON.stringify writes for it). */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

export function isRawJson(value: unknown): value is RawJson {
  return value instanceof RawJson;
}

/** Reads `data` as a value, whether the engine wrote it as text or not. */
export function materialize<T>(data: T | RawJson): T {
  return data instanceof RawJson ? (JSON.parse(data.text) as T) : data;
}

/**
 * Stands for a RawJson in a result given to a serialiser that cannot write raw text
 * (graphql-http's JSON.stringify): it writes a marker no client data can forge (random per
 * process), which `splice` then replaces with the text in one pass over the body.
 */
export class RawJsonSlot {
  static readonly #marker = `\u0000raw-json-${randomBytes(16).toString('hex')}`;
  static readonly #written = JSON.stringify(RawJsonSlot.#marker);

  constructor(readonly raw: RawJson) {}

  toJSON(): string {
    return RawJsonSlot.#marker;
  }

  /**
   * The body with the slot's marker replaced by the raw text (the body as is without the marker).
   * A large text is sent as a stream of its chunks, so that encoding and writing megabytes happen
   * one chunk per turn of the event loop rather than in one stretch that holds every other request
   * (and `/health`) waiting.
   */
  splice(body: string): string | Buffer | Readable {
    const at = body.indexOf(RawJsonSlot.#written);
    if (at < 0) return body;
    const before = body.slice(0, at);
    const after = body.slice(at + RawJsonSlot.#written.length);
    const parts = [before, ...this.raw.chunks, after];
    if (this.raw.length > STREAM_ABOVE_LENGTH) return Readable.from(parts, { objectMode: false });
    // Encoded chunk by chunk into one buffer: the text (a rope of many small pieces) is walked once,
    // where a string body would be flattened for its length, then again to be written.
    return Buffer.concat(parts.map((part) => Buffer.from(part)));
  }
}

/** Bodies up to this many characters of data go as one string: a stream costs more than it saves. */
const STREAM_ABOVE_LENGTH = 262_144;
