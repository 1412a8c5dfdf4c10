/**
 * Starts the gateway's cache of subgraph answers, or says why it stays off (CACHE.md, "when it is
 * on"): its store (in this process, or Redis with REDIS_URL), and the subgraphs' announcements it
 * listens to — on the bus it is given (the all-in-one launcher's, which its subgraphs announce on),
 * or on a bus of its own through Redis. Without either, no announcement can reach this gateway and
 * the cache stays off: a cache nobody invalidates would serve old answers for their whole max-age.
 */
import type { CacheOptions, EventOptions } from '../config.js';
import { createEventBus } from '../../platform/events/create-event-bus.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { openRedisConnection } from '../../platform/redis-connection.js';
import { listenForGraphChanges } from './cache-invalidation.js';
import type { CacheStore } from './cache-store.js';
import { createEntityCache, type CacheObserver, type EntityCache } from './entity-cache.js';
import { createInProcessCacheStore } from './in-process-cache-store.js';
import { createRedisCacheStore } from './redis-cache-store.js';
import { createLayeredCacheStore } from './layered-cache-store.js';

export interface EntityCacheLogger {
  info(message: string): void;
  warn(details: object, message: string): void;
}

export interface StartEntityCacheOptions {
  cache: CacheOptions;
  events: EventOptions;
  /** The bus the subgraphs announce on, when they run in this process. */
  bus?: EventBus | undefined;
  observer?: CacheObserver | undefined;
  /** Told, at each scrape, the room the in-process store takes. */
  watchBytes?: ((read: () => number) => void) | undefined;
  logger: EntityCacheLogger;
}

export interface RunningEntityCache {
  cache: EntityCache;
  /** Stops listening, closes what it opened (its bus, its Redis connection). */
  close(): Promise<void>;
}

/** Tags' versions outlive the longest-lived entry by this much (redis-cache-store.ts). */
const TAG_VERSION_MARGIN_MS = 60_000;

export async function startEntityCache(options: StartEntityCacheOptions): Promise<RunningEntityCache | undefined> {
  const { logger } = options;
  if (!options.cache.enabled) return undefined;
  const { redisUrl, channelPrefix } = options.events;
  if (!options.bus && !redisUrl) {
    logger.info('entity cache off: without REDIS_URL this gateway cannot hear the subgraphs announce their changes (set REDIS_URL on the gateway and the subgraphs to share it)');
    return undefined;
  }
  const maxTtlMs = options.cache.maxTtlSeconds * 1000;
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const bus = options.bus ?? (await createEventBus({ redisUrl, channelPrefix }));
    if (!options.bus) closers.push(() => bus.close());
    let store: CacheStore<unknown>;
    // Entries in this process: the whole store without Redis, the level in front of it with Redis.
    const inProcess = createInProcessCacheStore({ maxBytes: options.cache.maxBytes });
    options.watchBytes?.(inProcess.bytes);
    if (redisUrl) {
      let reported = false;
      const connection = await openRedisConnection({
        url: redisUrl,
        name: `${channelPrefix}cache`,
        connectTimeoutMs: 5_000,
        onError: (error) => logger.warn({ err: error }, 'entity cache: Redis connection failed; fetches go without the cache meanwhile'),
      });
      closers.push(() => connection.close());
      connection.redis.on('ready', () => {
        reported = false;
        // Back after an outage: announcements of meanwhile may be lost; Redis's entries are flushed by its store, ours here.
        inProcess.clear();
      });
      const shared = createRedisCacheStore({
        redis: connection.redis,
        keyPrefix: `${channelPrefix}cache:`,
        tagTtlMs: maxTtlMs + TAG_VERSION_MARGIN_MS,
        onUnavailable: (error) => {
          if (reported) return;
          reported = true;
          logger.warn({ err: error }, 'entity cache: Redis did not answer; fetches go without the cache meanwhile');
        },
      });
      store = createLayeredCacheStore({ near: inProcess, far: shared }) as CacheStore<unknown>;
    } else {
      store = inProcess as CacheStore<unknown>;
    }
    const cache = createEntityCache({ store, maxTtlMs, observer: options.observer });
    closers.push(() => cache.close());
    closers.push(await listenForGraphChanges(bus, cache, logger));
    logger.info(`entity cache on: ${redisUrl ? `entries in Redis, shared by every gateway, the hot ones in this process too (at most ${options.cache.maxBytes} bytes)` : `entries in this process (at most ${options.cache.maxBytes} bytes)`}, kept at most ${options.cache.maxTtlSeconds} s`);
    return { cache, close };
  } catch (error) {
    await close();
    throw error;
  }
}
