/** One Redis connection of the event bus: reachable at start or a clear failure, self-healing afterwards. */
import { Redis } from 'ioredis';
import { EVENT_BUS_ERROR, EventBusError } from './event-bus-errors.js';

export interface RedisConnectionOptions {
  /** The REDIS_URL. */
  url: string;
  /** Shown by CLIENT LIST, so an operator can tell the bus's connections apart. */
  name: string;
  /** How long connecting (and the ready check) may take before start fails. */
  connectTimeoutMs: number;
  /** Told the first error of each outage once the connection has been up (later ones would repeat it). */
  onError: (error: Error) => void;
}

export interface RedisConnection {
  redis: Redis;
  /** QUIT (or drop, when Redis is not reachable); silent afterwards. */
  close(): Promise<void>;
}

/** The URL without its password, for messages. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

export async function openRedisConnection(options: RedisConnectionOptions): Promise<RedisConnection> {
  let everReady = false;
  let closing = false;
  let outageReported = false;
  let lastError: Error | undefined;
  const redis = new Redis(options.url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs,
    // CLIENT SETNAME takes no spaces nor quotes.
    connectionName: options.name.replace(/[^\w:.-]/g, '_'),
    // Before the first connection nothing is retried: start fails now with a message an operator can act
    // on, instead of a process that looks up but waits forever. Once up, a Redis restart or a network cut
    // heals by itself (commands wait in the offline queue, subscriptions are renewed by ioredis).
    retryStrategy: (attempt) => (everReady && !closing ? Math.min(attempt * 100, 2_000) : null),
  });
  redis.on('error', (error: Error) => {
    lastError = error;
    if (!everReady || closing || outageReported) return;
    outageReported = true;
    options.onError(error);
  });
  redis.on('ready', () => {
    outageReported = false;
  });

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      // connectTimeout bounds the TCP connect only; an AUTH or ready check that never answers is bounded here.
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${options.connectTimeoutMs} ms`)), options.connectTimeoutMs);
      }),
    ]);
  } catch (error) {
    closing = true;
    redis.disconnect();
    const reason = lastError?.message || (error instanceof Error ? error.message : String(error));
    throw new EventBusError(
      EVENT_BUS_ERROR.UNAVAILABLE,
      `Cannot reach Redis at ${describeRedisUrl(options.url)} (REDIS_URL): ${reason}`,
      { cause: lastError ?? error },
    );
  } finally {
    clearTimeout(timer);
  }
  everReady = true;

  return {
    redis,
    async close() {
      if (closing) return;
      closing = true;
      if (redis.status !== 'ready') {
        // QUIT would wait in the offline queue for a Redis that may never come back.
        redis.disconnect();
        return;
      }
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
