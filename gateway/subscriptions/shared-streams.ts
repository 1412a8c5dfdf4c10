/**
 * Identical subscriptions share one stream: N clients with the same operation and variables cost
 * one upstream subscription and one enrichment per event. Each client has its own bounded backlog;
 * a client that stops reading is ended with an error rather than holding memory for everyone.
 */
import { Repeater } from '@repeaterjs/repeater';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { ErrorCode } from '../errors.js';

export interface SharedStreams {
  /** Joins the stream of `key`, opening it with `open` when it is the first subscriber. */
  join(key: string, open: () => AsyncIterableIterator<ExecutionResult>): AsyncIterableIterator<ExecutionResult>;
  /** Open shared streams and their subscribers. */
  stats(): { streams: number; subscribers: number };
  /** Completes every subscriber (a clean end, not an error) and stops every stream. */
  close(): Promise<void>;
}

interface Subscriber {
  deliver(result: ExecutionResult): void;
  end(error?: Error): void;
}

interface Stream {
  source: AsyncIterableIterator<ExecutionResult>;
  subscribers: Set<Subscriber>;
}

export class SlowSubscriberError extends GraphQLError {
  constructor(limit: number) {
    super(`The client fell more than ${limit} events behind and was disconnected; resubscribe with \`after\` to resume`, {
      extensions: { code: ErrorCode.SubscriberTooSlow, limit },
    });
  }
}

export function createSharedStreams(options: { maxBacklog?: number } = {}): SharedStreams {
  // Below the 1024 pending pushes a Repeater allows.
  const maxBacklog = Math.min(options.maxBacklog ?? 500, 1000);
  const streams = new Map<string, Stream>();
  let subscriberCount = 0;
  let closed = false;

  const pump = async (key: string, stream: Stream) => {
    let failure: Error | undefined;
    try {
      for await (const result of stream.source) {
        for (const subscriber of stream.subscribers) subscriber.deliver(result);
      }
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    } finally {
      if (streams.get(key) === stream) streams.delete(key);
      for (const subscriber of stream.subscribers) subscriber.end(failure);
    }
  };

  const leave = async (key: string, stream: Stream, subscriber: Subscriber) => {
    stream.subscribers.delete(subscriber);
    subscriberCount -= 1;
    if (stream.subscribers.size > 0) return;
    if (streams.get(key) === stream) streams.delete(key);
    await stream.source.return?.();
  };

  return {
    join(key, open) {
      return new Repeater<ExecutionResult>(async (push, stop) => {
        if (closed) {
          stop();
          return;
        }
        let backlog = 0;
        const subscriber: Subscriber = {
          deliver(result) {
            // A push is settled only when the client asks for the event after it, so `backlog`
            // also counts the event the client holds: maxBacklog unread events are still allowed.
            if (backlog > maxBacklog) {
              stop(new SlowSubscriberError(maxBacklog));
              return;
            }
            backlog += 1;
            void push(result).then(() => (backlog -= 1));
          },
          end: (error) => stop(error),
        };
        let stream = streams.get(key);
        const isNew = stream === undefined;
        if (!stream) {
          stream = { source: open(), subscribers: new Set() };
          streams.set(key, stream);
        }
        stream.subscribers.add(subscriber);
        subscriberCount += 1;
        if (isNew) void pump(key, stream);
        await stop;
        await leave(key, stream, subscriber);
      });
    },
    stats: () => ({ streams: streams.size, subscribers: subscriberCount }),
    async close() {
      closed = true;
      const all = [...streams.values()];
      streams.clear();
      for (const stream of all) for (const subscriber of stream.subscribers) subscriber.end();
      await Promise.all(all.map((stream) => stream.source.return?.()));
    },
  };
}
