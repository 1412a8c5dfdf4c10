/**
 * Identical subscriptions share one stream: N clients with the same operation and variables (their
 * cursors aside) cost one upstream subscription and one enrichment per live event.
 *
 * Each subscriber has its own cursor, the sequence of the last event it was handed — a catch-up
 * subscription, as EventStoreDB calls it. A subscriber whose cursor is behind the shared stream
 * (it came with `after`, or fell behind) reads the history by pages at its own pace, while it keeps
 * the shared live events in a bounded buffer; when a page comes back short it has caught up: it
 * hands over the buffered events after its cursor and follows the shared stream. A buffer that
 * overflows is dropped, and the subscriber goes on by pages. So every subscriber gets exactly the
 * events after its own cursor, however far behind it starts or falls, and memory stays bounded.
 *
 * A stream without history (not resumable) keeps the simple rule: a subscriber that leaves more than
 * `maxBacklog` events unread is ended with SUBSCRIBER_TOO_SLOW.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { SequencedResult } from './enrich-event.js';
import { createSubscriberChannel } from './subscriber-channel.js';

/** One page of history: events after the cursor asked for, in sequence order. */
export interface HistoryPage {
  items: SequencedResult[];
  /** True when the page is the last one for now (it came back short): the reader has caught up. */
  last: boolean;
}

export interface SharedSource {
  /** The live events, each with its sequence. */
  events: AsyncIterableIterator<SequencedResult>;
  /**
   * Reads the events after `cursor` by pages; absent when the stream has no history (then a
   * subscriber cannot catch up and is ended when it falls behind). May reject (a subgraph down):
   * the reader retries.
   */
  history?: (cursor: number) => Promise<HistoryPage>;
  /** Resolves once `events` knows where it starts: a short page read after it joins the live stream without a gap. */
  started?: Promise<void>;
}

export interface JoinOptions {
  /** The subscriber's cursor: it gets the events after it. Null or absent: live events from now on. */
  after?: number | null;
  /** Writes a live event straight to the client when it can (direct-delivery.ts); the stream must reach the client unchanged. */
  sink?: (result: ExecutionResult) => boolean;
}

export interface SharedStreams {
  /** Joins the stream of `key`, opening it with `open` when it is the first subscriber. */
  join(key: string, open: () => SharedSource, options?: JoinOptions): AsyncIterableIterator<ExecutionResult>;
  /** Open shared streams and their subscribers. */
  stats(): { streams: number; subscribers: number };
  /** Completes every subscriber (a clean end, not an error) and stops every stream. */
  close(): Promise<void>;
}

interface Subscriber {
  deliver(item: SequencedResult): void;
  /** The stream ended (with `error` when it failed); `now`: without handing over what is queued. */
  end(error?: Error, now?: boolean): void;
}

interface Stream {
  source: SharedSource;
  subscribers: Set<Subscriber>;
}

export interface SharedStreamOptions {
  /** Events a subscriber may leave unread before it falls back to the history (or, without one, is ended). @default 500 */
  maxBacklog?: number;
  /** First delay before reading a history page again after a failure; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  logger?: { warn(object: object, message: string): void };
}

export class SlowSubscriberError extends GraphQLError {
  constructor(limit: number) {
    super(`The client fell more than ${limit} events behind and was disconnected; resubscribe with \`after\` to resume`, {
      extensions: { code: ErrorCode.SubscriberTooSlow, limit },
    });
  }
}

export function createSharedStreams(options: SharedStreamOptions = {}): SharedStreams {
  const maxBacklog = options.maxBacklog ?? 500;
  const firstDelay = options.retryDelayMs ?? 100;
  const maxDelay = options.maxRetryDelayMs ?? 2_000;
  const streams = new Map<string, Stream>();
  let subscriberCount = 0;
  let closed = false;

  const pump = async (key: string, stream: Stream) => {
    let failure: Error | undefined;
    try {
      for await (const item of stream.source.events) {
        for (const subscriber of stream.subscribers) subscriber.deliver(item);
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
    await stream.source.events.return?.();
  };

  return {
    join(key, open, joinOptions = {}) {
      const channel = createSubscriberChannel<ExecutionResult>(joinOptions.sink);
      if (closed) {
        channel.end();
        return channel.iterator;
      }
      let stopped = false;
      // Live events not handed over yet: the backlog in live mode, the buffer while catching up.
      let queue: SequencedResult[] = [];
      // Following the shared stream with nothing queued: each live event goes straight to the
      // client (one push, no hop through the run loop), which is what fan-out to thousands costs.
      let direct = false;
      // Bumped whenever the buffer is dropped: only a page read after that may end a catch-up.
      let epoch = 0;
      let finished = false;
      let waiting: (() => void) | undefined;
      function wake() {
        const resolve = waiting;
        waiting = undefined;
        resolve?.();
      }
      let stream = streams.get(key);
      if (!stream) {
        stream = { source: open(), subscribers: new Set() };
        streams.set(key, stream);
        void pump(key, stream);
      }
      const joined = stream;
      const { history, started } = joined.source;
      // The sequence of the last event handed to the client (or the cursor it came with).
      let cursor: number | null = joinOptions.after ?? null;
      let catchingUp = history !== undefined && cursor !== null;
      const isDuplicate = (item: SequencedResult) => item.sequence !== undefined && cursor !== null && item.sequence <= cursor;

      /** Ends this subscriber now; `flush`: what is queued for it (only what ends the stream, while it catches up) still reaches it first. */
      const finish = (error: Error | undefined, flush: boolean) => {
        if (finished) return;
        finished = true;
        if (flush) {
          for (const item of queue) {
            if ((catchingUp && item.sequence !== undefined) || isDuplicate(item)) continue;
            channel.push(item.result);
          }
        }
        queue = [];
        channel.end(error);
      };

      /** Hands `item` to the client; the cursor moves as it is handed over (the channel keeps the order). */
      const pushNow = (item: SequencedResult) => {
        if (item.sequence !== undefined) cursor = item.sequence;
        channel.push(item.result);
      };
      /** Hands `item` over and waits until the client has taken it: a reader of pages goes at the client's pace. */
      const handOver = async (item: SequencedResult) => {
        if (isDuplicate(item)) return;
        pushNow(item);
        await channel.drained();
      };

      const subscriber: Subscriber = {
        deliver(item) {
          if (finished) return;
          // Events handed over that the client has not finished with count as unread too.
          if (queue.length + channel.unread > maxBacklog) {
            if (!history || item.sequence === undefined) {
              finish(new SlowSubscriberError(maxBacklog), true);
              return;
            }
            // Live events after the cursor are all in the ledger: read them from there instead.
            // (What was handed over already reaches the client first; the cursor is the last of it.)
            if (cursor === null) cursor = (queue[0]?.sequence ?? item.sequence) - 1;
            queue = [];
            epoch += 1;
            catchingUp = true;
            direct = false;
            wake();
            return;
          }
          if (direct) {
            if (!isDuplicate(item)) pushNow(item);
            return;
          }
          queue.push(item);
          wake();
        },
        end: (error, now = false) => finish(error, !now),
      };
      joined.subscribers.add(subscriber);
      subscriberCount += 1;

      const catchUp = async () => {
        let delay = firstDelay;
        await Promise.race([started, channel.stopped]);
        while (!stopped && catchingUp) {
          const epochAtRead = epoch;
          let page: HistoryPage;
          try {
            page = await history!(cursor!);
          } catch (error) {
            options.logger?.warn({ cursor, err: error }, 'subscription history unreadable; retrying');
            await Promise.race([new Promise((resolve) => setTimeout(resolve, delay)), channel.stopped]);
            delay = Math.min(delay * 2, maxDelay);
            continue;
          }
          delay = firstDelay;
          for (const item of page.items) {
            if (stopped) return;
            if (item.sequence === undefined) {
              // The subgraph refused the reading (bad input, no right): that ends the subscription.
              channel.push(item.result);
              finish(undefined, false);
              return;
            }
            await handOver(item);
          }
          if (page.last && epoch === epochAtRead) catchingUp = false;
        }
      };

      const run = async () => {
        while (!stopped) {
          if (catchingUp) {
            await catchUp();
            continue;
          }
          const item = queue.shift();
          if (item) await handOver(item);
          else if (!finished) {
            // Caught up and nothing queued: live events go straight to the client until it falls behind.
            direct = true;
            await new Promise<void>((resolve) => (waiting = resolve));
          } else await new Promise<void>((resolve) => (waiting = resolve));
        }
      };

      void channel.stopped.then(async () => {
        stopped = true;
        finished = true;
        queue = [];
        wake();
        await leave(key, joined, subscriber);
      });
      run().catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error)), false));
      return channel.iterator;
    },
    stats: () => ({ streams: streams.size, subscribers: subscriberCount }),
    async close() {
      closed = true;
      const all = [...streams.values()];
      streams.clear();
      for (const stream of all) for (const subscriber of stream.subscribers) subscriber.end(undefined, true);
      await Promise.all(all.map((stream) => stream.source.events.return?.()));
    },
  };
}
