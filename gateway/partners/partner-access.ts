/**
 * Everything the public endpoint needs to check partner keys, opened from the gateway's options:
 * the key store, the rate limiter (on Redis when configured) and the guard built from them.
 */
import type { onRequestHookHandler } from 'fastify';
import { openRedisConnection, type RedisConnection } from '../../platform/redis-connection.js';
import { createPartnerRateLimiter } from './partner-rate-limiter.js';
import { openPartnerStore, type PartnerStore, type PartnerStoreOptions } from './partner-store.js';
import { requirePartnerKey, type PartnerRequestObserver } from './require-partner-key.js';

export interface PartnerAccessOptions extends PartnerStoreOptions {
  /** Shared rate-limit buckets across gateway processes; unset = per process. */
  redisUrl?: string | undefined;
  /** Prefix of the rate-limit keys in Redis (RATE_LIMIT_PREFIX). */
  rateLimitPrefix: string;
  /** Told when the Redis connection fails after start (limits fall back to per process meanwhile). */
  onRedisError?: (error: Error) => void;
  /** Counts each partner request and refusal (the gateway's /metrics). */
  observer?: PartnerRequestObserver | undefined;
}

export interface PartnerAccess {
  store: PartnerStore;
  /** The `onRequest` hook for the routes partners call. */
  guard: onRequestHookHandler;
  close(): Promise<void>;
}

export async function openPartnerAccess(options: PartnerAccessOptions): Promise<PartnerAccess> {
  const store = await openPartnerStore(options);
  let redis: RedisConnection | undefined;
  try {
    if (options.redisUrl) {
      redis = await openRedisConnection({
        url: options.redisUrl,
        name: `gateway:rate-limits:${process.pid}`,
        connectTimeoutMs: 5_000,
        onError: options.onRedisError ?? (() => {}),
      });
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  const rateLimiter = createPartnerRateLimiter({ redis: redis?.redis, keyPrefix: options.rateLimitPrefix });
  return {
    store,
    guard: requirePartnerKey({ store, rateLimiter, ...(options.observer ? { observer: options.observer } : {}) }),
    async close() {
      await redis?.close();
      await store.close();
    },
  };
}
