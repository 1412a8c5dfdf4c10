/**
 * The event bus over Redis (`REDIS_URL`), shared by every process that uses the same Redis and prefix.
 *
 * - broadcast: PUBLISH / SUBSCRIBE on the channel `<prefix><topic>`, over one subscriber connection per bus.
 * - work: a Redis Stream `<prefix><topic>` per topic, one consumer group per worker group, each
 *   worker on its own connection (redis-stream-worker.ts).
 *
 * Connections: one for commands (PUBLISH, XADD, group bookkeeping), one subscriber opened at the first
 * onBroadcast, one per onWork.
 */
import { EVENT_BUS_ERROR, EventBusError } from '../event-bus-errors.js';
import type { BroadcastHandler, EventBus } from './event-bus.js';
import { openRedisConnection, type RedisConnection } from '../redis-connection.js';
import { MESSAGE_FIELD, startStreamWorker, type StreamWorker } from './redis-stream-worker.js';

export interface RedisEventBusOptions {
  /** The REDIS_URL. */
  url: string;
  /** Prefix of every channel and stream key, so several graphs (or test runs) can share one Redis. */
  channelPrefix: string;
  /** How long each connection may take to come up before it fails with EVENT_BUS_UNAVAILABLE. @default 5000 */
  connectTimeoutMs?: number;
  /** Longest wait of a worker's blocking read: close() returns within about this. @default 500 */
  blockMs?: number;
  /** Delay before a message whose handler failed is handed to it again. @default 1000 */
  retryDelayMs?: number;
  /** A message left unacknowledged this long by another worker of the group is taken over (that worker is presumed dead). @default 60000 */
  claimIdleMs?: number;
  /** How long close() waits for work handlers in progress. @default 10000 */
  stopGraceMs?: number;
  /**
   * Messages a work stream keeps (XADD MAXLEN ~, trimmed approximately). Trimming drops the oldest
   * even if unhandled, so it must exceed what can pile up while no worker runs. @default 100000
   */
  maxStreamLength?: number;
  /** Told about connection outages, failed handlers and undeliverable messages. @default a line on stderr */
  onError?: (error: Error) => void;
}

const reportOnStderr = (error: Error) => console.error(`event bus (Redis): ${error.message}`);

interface TopicSubscription {
  handlers: Set<BroadcastHandler>;
  /** Settles when Redis has acknowledged the SUBSCRIBE. */
  active: Promise<void>;
}

/** Connects (failing fast with EVENT_BUS_UNAVAILABLE naming REDIS_URL) and returns the bus. */
export async function createRedisEventBus(options: RedisEventBusOptions): Promise<EventBus> {
  const prefix = options.channelPrefix;
  const onError = options.onError ?? reportOnStderr;
  const settings = {
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    blockMs: options.blockMs ?? 500,
    retryDelayMs: options.retryDelayMs ?? 1_000,
    claimIdleMs: options.claimIdleMs ?? 60_000,
    stopGraceMs: options.stopGraceMs ?? 10_000,
    maxStreamLength: options.maxStreamLength ?? 100_000,
  };
  const connect = (role: string) =>
    openRedisConnection({ url: options.url, name: `${prefix}${role}`, connectTimeoutMs: settings.connectTimeoutMs, onError });

  const commands = await connect('commands');
  const topics = new Map<string, TopicSubscription>();
  const workers = new Set<StreamWorker>();
  let subscriber: Promise<RedisConnection> | undefined;
  let closed: Promise<void> | undefined;

  const assertOpen = () => {
    if (closed) throw new EventBusError(EVENT_BUS_ERROR.CLOSED, 'The event bus is closed.');
  };

  const dispatch = (channel: string, text: string) => {
    if (!channel.startsWith(prefix)) return;
    const subscription = topics.get(channel.slice(prefix.length));
    if (!subscription) return;
    for (const handler of subscription.handlers) {
      // A copy per handler, and one handler's failure is its own: it must not reach the connection.
      try {
        handler(JSON.parse(text));
      } catch (error) {
        onError(new Error(`A broadcast handler of ${channel} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
      }
    }
  };

  const subscriberConnection = () => {
    subscriber ??= connect('subscriber').then((connection) => {
      connection.redis.on('message', dispatch);
      return connection;
    });
    // A failed first connection is not kept: the next onBroadcast tries again.
    subscriber.catch(() => {
      subscriber = undefined;
    });
    return subscriber;
  };

  return {
    async broadcast(topic, message) {
      assertOpen();
      await commands.redis.publish(`${prefix}${topic}`, toJson(message));
    },

    async onBroadcast(topic, handler) {
      assertOpen();
      const { redis } = await subscriberConnection();
      const channel = `${prefix}${topic}`;
      let subscription = topics.get(topic);
      if (!subscription) {
        // ioredis resolves SUBSCRIBE on Redis's acknowledgement: from then on every PUBLISH reaches us.
        subscription = { handlers: new Set(), active: redis.subscribe(channel).then(() => undefined) };
        topics.set(topic, subscription);
      }
      const current = subscription;
      current.handlers.add(handler);
      const leave = async () => {
        if (!current.handlers.delete(handler) || current.handlers.size > 0) return;
        if (topics.get(topic) !== current) return;
        topics.delete(topic);
        // Commands on one connection run in order, so a later SUBSCRIBE of the topic is not undone by this.
        if (!closed) await redis.unsubscribe(channel).catch(onUnsubscribeError(onError, channel));
      };
      try {
        await current.active;
      } catch (error) {
        await leave();
        throw error;
      }
      return leave;
    },

    async enqueue(topic, message) {
      assertOpen();
      await commands.redis.call(
        'XADD',
        `${prefix}${topic}`,
        'MAXLEN',
        '~',
        settings.maxStreamLength,
        '*',
        MESSAGE_FIELD,
        toJson(message),
      );
    },

    async onWork(topic, group, handler) {
      assertOpen();
      const connection = await connect(`worker:${group}`);
      let worker: StreamWorker;
      try {
        worker = await startStreamWorker({
          connection,
          commands: commands.redis,
          stream: `${prefix}${topic}`,
          group,
          handler,
          blockMs: settings.blockMs,
          retryDelayMs: settings.retryDelayMs,
          claimIdleMs: settings.claimIdleMs,
          stopGraceMs: settings.stopGraceMs,
          onError,
        });
      } catch (error) {
        await connection.close();
        throw error;
      }
      if (closed) {
        // close() ran while this worker was starting, and could not see it.
        await worker.stop();
        assertOpen();
      }
      workers.add(worker);
      return async () => {
        workers.delete(worker);
        await worker.stop();
      };
    },

    close() {
      closed ??= (async () => {
        await Promise.all([...workers].map((worker) => worker.stop()));
        workers.clear();
        topics.clear();
        const opened = await subscriber?.catch(() => undefined);
        await opened?.close();
        await commands.close();
      })();
      return closed;
    },
  };
}

/** JSON on the wire; `undefined` (which JSON cannot carry) travels as null. */
const toJson = (message: unknown) => JSON.stringify(message) ?? 'null';

const onUnsubscribeError = (onError: (error: Error) => void, channel: string) => (error: unknown) =>
  onError(new Error(`UNSUBSCRIBE ${channel} failed: ${error instanceof Error ? error.message : String(error)}`));
