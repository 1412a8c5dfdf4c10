/**
 * A shared stream serialises each event once for all its subscribers. The enrichment writes an
 * event's `data` as JSON text anyway (shape-response.ts); that text is remembered beside the parsed
 * value every subscriber is handed. graphql-ws writes each `next` message with JSON.stringify and
 * our replacer: where it meets a `data` whose text is remembered, it writes a marker instead of
 * walking the value again, and the socket (SplicingWebSocket) puts the text in the marker's place
 * as it sends. So the message to each of 10,000 subscribers costs a string splice, not a
 * serialisation of the event.
 *
 * Sound because graphql-ws calls the replacer and then `send` in one synchronous stretch (its
 * `socket.send(stringifyMessage(…))`): the text taken by the replacer is the one spliced next.
 * Anything else (a value a subscriber's removals rebuilt, a query's answer) is written as before.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

const texts = new WeakMap<object, string>();

/** Remembers `text` as the JSON of `data` (the same object reference every subscriber is handed). */
export function rememberSerialized(data: object, text: string): void {
  texts.set(data, text);
}

/** The JSON text remembered for `data`, if any. */
export function serializedText(data: object): string | undefined {
  return texts.get(data);
}

const MARKER = `\u0000serialized-${randomBytes(12).toString('hex')}`;
const WRITTEN_MARKER = JSON.stringify(MARKER);
let taken: string | undefined;

/** graphql-ws's `jsonMessageReplacer`: a remembered `data` is written as the marker. */
export function spliceSerializedData(this: unknown, key: string, value: unknown): unknown {
  if (key === 'data' && typeof value === 'object' && value !== null) {
    const text = texts.get(value);
    if (text !== undefined) {
      taken = text;
      return MARKER;
    }
  }
  return value;
}

/** The WebSocket class of the server: sends a message with the remembered text in the marker's place. */
export class SplicingWebSocket extends WebSocket {
  override send(data: unknown, optionsOrCallback?: unknown, callback?: unknown): void {
    if (taken !== undefined && typeof data === 'string') {
      const text = taken;
      taken = undefined;
      const at = data.indexOf(WRITTEN_MARKER);
      if (at >= 0) data = data.slice(0, at) + text + data.slice(at + WRITTEN_MARKER.length);
    }
    (super.send as (...args: unknown[]) => void)(data, optionsOrCallback, callback);
  }
}
