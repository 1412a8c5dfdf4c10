/**
 * Per-key rate limits of the partner plans: a token bucket per key (`token-bucket.ts`) refilled at
 * `requestsPerSecond` and holding `burst` tokens, so a quiet key can send `burst` requests at once
 * and a busy one settles at the rate. In Redis (REDIS_URL, `redis-token-bucket.ts`) every gateway
 * process draws from the same bucket of a key; without Redis each process keeps its own buckets.
 *
 * While Redis is away each process limits on its own, at once, in its memory buckets: neither failing,
 * nor letting everything through, nor holding requests in ioredis's offline queue until Redis is back.
 */
import type { Redis } from 'ioredis';
import type { Plan } from './plans.js';
import { takeRedisToken } from './redis-token-bucket.js';
import { createMemoryTokenBuckets, type BucketLimits, type RateDecision } from './token-bucket.js';

export type { RateDecision } from './token-bucket.js';

export interface PartnerRateLimiter {
  /** Takes one request from the key's bucket. */
  consume(keyId: string, plan: Plan): Promise<RateDecision>;
}

export interface PartnerRateLimiterOptions {
  /** A connected Redis client shared by the gateways of one graph; absent, each process counts alone. */
  redis?: Redis | undefined;
  /** Prefix of the Redis keys, unique per graph sharing a Redis (RATE_LIMIT_PREFIX). */
  keyPrefix: string;
}

export function createPartnerRateLimiter(options: PartnerRateLimiterOptions): PartnerRateLimiter {
  const { redis, keyPrefix } = options;
  const memory = createMemoryTokenBuckets();

  return {
    async consume(keyId, plan) {
      const limits: BucketLimits = { ratePerSecond: plan.requestsPerSecond, capacity: plan.burst };
      // The plan's numbers are in the key: changing a plan starts fresh buckets instead of misreading old ones.
      const key = `${keyPrefix}${plan.name}:${plan.requestsPerSecond}:${plan.burst}:${keyId}`;
      if (!redis || redis.status !== 'ready') return memory.take(key, limits);
      try {
        return await takeRedisToken(redis, key, limits);
      } catch {
        // Redis failed the command (an outage that began with it in flight, say): as while it is away.
        return memory.take(key, limits);
      }
    },
  };
}
