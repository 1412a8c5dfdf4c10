/**
 * A response's `data` already written as JSON text by the engine (shape-response.ts). The HTTP
 * route splices the text into the response body as it is (spliceRawJson); anything else that
 * serialises or reads the result (WebSocket and SSE messages, authorization removals) gets the
 * parsed value, through `toJSON` or `valueOf`.
 */
import { randomBytes } from 'node:crypto';

export class RawJson {
  constructor(readonly text: string) {}

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

  /** The body with the slot's marker replaced by the raw text (the body as is without the marker). */
  splice(body: string): string {
    const at = body.indexOf(RawJsonSlot.#written);
    return at < 0 ? body : body.slice(0, at) + this.raw.text + body.slice(at + RawJsonSlot.#written.length);
  }
}
