/**
 * Backpressure for GraphQL over SSE. graphql-sse reads a stream's results as fast as they come and
 * queues each message until its Fastify adapter has written the one before, with no bound: a long
 * replay to a client that reads slower than the gateway produces would pile up in that queue. Its
 * `onNext` hook is awaited before each message is queued, so it waits there until the messages
 * queued before have been written to the socket (at most `maxUnwritten` in between): the stream is
 * then read at the pace the client takes it, and the catch-up reads the ledger at that pace too.
 */
import type { ServerResponse } from 'node:http';

export interface SseFlow {
  /** Resolves when one more message may be queued (or the response has closed). */
  beforeMessage(): Promise<void>;
}

const flows = new WeakMap<ServerResponse, SseFlow>();

/** Counts the writes of `response` that have reached the socket; call before graphql-sse writes anything. */
export function trackSseFlow(response: ServerResponse, maxUnwritten = 16): SseFlow {
  let queued = 0;
  let written = 0;
  let closed = false;
  let waiting: (() => void) | undefined;
  const release = () => {
    const resolve = waiting;
    waiting = undefined;
    resolve?.();
  };
  const write = response.write.bind(response) as (chunk: unknown, ...rest: unknown[]) => boolean;
  // graphql-sse's adapter writes `write(message, callback)`; the callback says the socket took it.
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    const index = rest.findIndex((argument) => typeof argument === 'function');
    const callback = index === -1 ? undefined : (rest[index] as (error?: Error | null) => void);
    const counted = (error?: Error | null) => {
      written += 1;
      if (queued - written <= maxUnwritten) release();
      callback?.(error);
    };
    if (index === -1) rest.push(counted);
    else rest[index] = counted;
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  response.once('close', () => {
    closed = true;
    release();
  });
  const flow: SseFlow = {
    async beforeMessage() {
      // Pings and the opening comment are written too: `written` may run ahead, never behind.
      while (!closed && queued - written > maxUnwritten) await new Promise<void>((resolve) => (waiting = resolve));
      queued += 1;
    },
  };
  flows.set(response, flow);
  return flow;
}

/** The flow of a response tracked by {@link trackSseFlow}, if any. */
export function sseFlowOf(response: ServerResponse | undefined): SseFlow | undefined {
  return response ? flows.get(response) : undefined;
}
