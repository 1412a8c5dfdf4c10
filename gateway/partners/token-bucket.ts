/**
 * The token bucket of a partner key, as arithmetic: a bucket holds up to `capacity` tokens, refills
 * continuously at `ratePerSecond`, and each request takes one whole token. A quiet key can so send
 * `capacity` requests at once; a busy one settles at the rate. `redis-token-bucket.ts` runs the same
 * arithmetic in Redis; this module also keeps the buckets of one process in memory.
 */
import { LRUCache } from 'lru-cache';

/** Whether the request may go, and the whole tokens left in the bucket after it (what `RateLimit` reports). */
export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number; remaining: 0 };

export interface BucketLimits {
  /** Tokens added per second (the plan's requestsPerSecond). */
  ratePerSecond: number;
  /** Most tokens the bucket holds (the plan's burst). */
  capacity: number;
}

export interface BucketState {
  /** Tokens left at `at`, a fraction while refilling. */
  tokens: number;
  /** When `tokens` was counted, in seconds. */
  at: number;
}

/** Refills the bucket up to `now` and takes one token if a whole one is there. */
export function takeToken(
  state: BucketState | undefined,
  now: number,
  limits: BucketLimits,
): { state: BucketState; decision: RateDecision } {
  const refilled = state
    ? Math.min(limits.capacity, state.tokens + Math.max(0, now - state.at) * limits.ratePerSecond)
    : limits.capacity;
  if (refilled >= 1) return { state: { tokens: refilled - 1, at: now }, decision: { allowed: true, remaining: Math.floor(refilled - 1) } };
  // The wait until a whole token is there, rounded up because Retry-After counts whole seconds.
  return {
    state: { tokens: refilled, at: now },
    decision: { allowed: false, retryAfterSeconds: Math.ceil((1 - refilled) / limits.ratePerSecond), remaining: 0 },
  };
}

export interface MemoryTokenBuckets {
  take(key: string, limits: BucketLimits): RateDecision;
}

/**
 * The buckets of one process. Bounded, least recently used first out: an evicted key has been idle
 * longest and would mostly have refilled anyway, so forgetting it costs at most one early burst.
 */
export function createMemoryTokenBuckets(maxKeys = 50_000): MemoryTokenBuckets {
  const buckets = new LRUCache<string, BucketState>({ max: maxKeys });
  return {
    take(key, limits) {
      // A monotonic clock: a wall-clock step must neither refill every bucket nor freeze them.
      const { state, decision } = takeToken(buckets.get(key), performance.now() / 1000, limits);
      buckets.set(key, state);
      return decision;
    },
  };
}
