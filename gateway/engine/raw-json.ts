/**
 * A response's `data` already written as JSON text by the engine (shape-response.ts). The HTTP
 * route splices the text into the response body as it is (spliceRawJson); anything else that
 * serialises or reads the result (WebSocket and SSE messages, authorization removals) gets the
 * parsed value, through `toJSON` or `valueOf`.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/** The text in flat chunks (shape-response.ts writes about 8 KB each); joined only when asked for. */
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
    if (this.raw.length > STREAM_ABOVE_LENGTH) return Readable.from(inGroups(parts, STREAM_PIECE_LENGTH), { objectMode: false });
    // Encoded chunk by chunk into one buffer, no string body joined (and copied) first.
    let bytes = 0;
    for (const part of parts) bytes += Buffer.byteLength(part);
    const encoded = Buffer.allocUnsafe(bytes);
    let offset = 0;
    for (const part of parts) offset += encoded.write(part, offset);
    return encoded;
  }
}

/** Bodies up to this many characters of data go as one buffer: a stream costs more than it saves. */
const STREAM_ABOVE_LENGTH = 262_144;
/** A streamed body's pieces: the shaping's small chunks joined to about this length, one write each. */
const STREAM_PIECE_LENGTH = 65_536;

/** The strings joined into pieces of at least `length` characters (the last one maybe shorter). */
function* inGroups(strings: readonly string[], length: number): Generator<string> {
  let group: string[] = [];
  let grouped = 0;
  for (const string of strings) {
    group.push(string);
    grouped += string.length;
    if (grouped >= length) {
      yield group.join('');
      group = [];
      grouped = 0;
    }
  }
  if (group.length > 0) yield group.join('');
}
