/**
 * The partner rate limiter's token bucket (gateway/partners/): the same specification in one process's
 * memory and, when REDIS_URL is set, in a real Redis shared by several limiters, with real time.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createPartnerRateLimiter, type PartnerRateLimiter } from '../../gateway/partners/partner-rate-limiter.js';
import { PLANS, type Plan } from '../../gateway/partners/plans.js';
import { deleteRedisKeys } from '../support/redis.js';

const redisUrl = process.env.REDIS_URL || undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Timers may fire a little early and the clocks of Redis and the test differ by a request's travel. */
const MARGIN_MS = 50;

let keyCount = 0;
const newKey = () => `key_${(keyCount += 1)}`;
const plan = (requestsPerSecond: number, burst: number): Plan => ({ ...PLANS.starter, requestsPerSecond, burst });

async function consumeMany(limiter: PartnerRateLimiter, keyId: string, limits: Plan, count: number) {
  const decisions = [];
  for (let i = 0; i < count; i += 1) decisions.push(await limiter.consume(keyId, limits));
  return decisions;
}

interface Store {
  name: string;
  /** Prefix of the store's Redis keys. */
  prefix: string;
  createLimiter(): Promise<PartnerRateLimiter>;
  close(): Promise<void>;
}

const memoryStore = (): Store => ({
  name: 'in memory',
  prefix: 'test:memory:',
  createLimiter: async () => createPartnerRateLimiter({ keyPrefix: 'test:memory:' }),
  close: async () => {},
});

/** Limiters on one Redis and one prefix, each with its own client, as gateway processes have. */
const redisStore = (): Store => {
  const prefix = `test:token-bucket:${randomBytes(4).toString('hex')}:`;
  const clients: Redis[] = [];
  return {
    name: 'in Redis',
    prefix,
    async createLimiter() {
      const redis = new Redis(redisUrl!);
      clients.push(redis);
      await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
      return createPartnerRateLimiter({ redis, keyPrefix: prefix });
    },
    async close() {
      await Promise.all(clients.map((client) => client.quit()));
      await deleteRedisKeys(redisUrl!, prefix);
    },
  };
};

const stores = [memoryStore(), ...(redisUrl ? [redisStore()] : [])];

describe.each(stores)('a partner token bucket $name', (store) => {
  afterAll(() => store.close());

  it('lets a fresh key send its whole burst at once and refuses the next with the wait for a whole token', async () => {
    const limiter = await store.createLimiter();
    const decisions = await consumeMany(limiter, newKey(), plan(0.5, 3), 4);
    // Each decision says the whole tokens left after it (what the RateLimit field reports).
    expect(decisions).toEqual([{ allowed: true, remaining: 2 }, { allowed: true, remaining: 1 }, { allowed: true, remaining: 0 }, { allowed: false, retryAfterSeconds: 2, remaining: 0 }]);
  });

  it('counts a partial refill in Retry-After, and lets exactly one more through after 1/rate seconds', async () => {
    const limiter = await store.createLimiter();
    const key = newKey();
    const limits = plan(0.5, 3);
    await consumeMany(limiter, key, limits, 3);
    await sleep(1_000 + MARGIN_MS);
    // Half a token is there: one more second to a whole one.
    expect(await limiter.consume(key, limits)).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 0 });
    await sleep(1_000);
    expect(await consumeMany(limiter, key, limits, 2)).toEqual([{ allowed: true, remaining: 0 }, { allowed: false, retryAfterSeconds: 2, remaining: 0 }]);
  });

  it('refills one token per 1/rate seconds at a faster rate too', async () => {
    const limiter = await store.createLimiter();
    const key = newKey();
    const limits = plan(10, 5);
    const burstStarted = performance.now();
    const burst = await consumeMany(limiter, key, limits, 6);
    expect(burst.filter((d) => d.allowed)).toHaveLength(5);
    expect(burst[5]).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 0 });
    await sleep(100 + MARGIN_MS);
    const refilled = (await consumeMany(limiter, key, limits, 2)).map((d) => d.allowed);
    // The bucket emptied after burstStarted: a second token can have come only if 2/rate seconds had
    // passed since then (a slow machine's round trips can make it so; then only the first is sure).
    const sinceEmpty = performance.now() - burstStarted;
    expect(refilled[0]).toBe(true);
    if (sinceEmpty < 200) expect(refilled[1]).toBe(false);
  });

  it('settles a sustained sender at the plan rate once its burst is spent', async () => {
    const limiter = await store.createLimiter();
    const key = newKey();
    const limits = plan(20, 5);
    await consumeMany(limiter, key, limits, 5);
    let allowed = 0;
    const started = performance.now();
    while (performance.now() - started < 1_500) {
      if ((await limiter.consume(key, limits)).allowed) allowed += 1;
      await sleep(5);
    }
    const elapsedSeconds = (performance.now() - started) / 1000;
    // An exact bucket lets through rate × elapsed, give or take the token being refilled at each end.
    expect(Math.abs(allowed - 20 * elapsedSeconds)).toBeLessThanOrEqual(2);
  });

  it('keeps separate buckets per key and per plan', async () => {
    const limiter = await store.createLimiter();
    const key = newKey();
    await consumeMany(limiter, key, plan(1, 2), 2);
    expect((await limiter.consume(key, plan(1, 2))).allowed).toBe(false);
    expect((await limiter.consume(newKey(), plan(1, 2))).allowed).toBe(true);
    // A changed plan starts a fresh bucket rather than misreading the old one.
    expect((await limiter.consume(key, plan(1, 3))).allowed).toBe(true);
  });
});

describe.skipIf(!redisUrl)('a partner token bucket shared through Redis', () => {
  const store = redisStore();
  afterAll(() => store.close());

  it('is one bucket for two limiters (two gateway processes) on the same Redis', async () => {
    const [first, second] = await Promise.all([store.createLimiter(), store.createLimiter()]);
    const key = newKey();
    const limits = plan(0.5, 4);
    const decisions = [];
    for (let i = 0; i < 3; i += 1) {
      decisions.push(await first.consume(key, limits), await second.consume(key, limits));
    }
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, false, false]);
    expect(decisions[5]).toEqual({ allowed: false, retryAfterSeconds: 2, remaining: 0 });
  });

  it('lets idle buckets expire from Redis', async () => {
    const limiter = await store.createLimiter();
    const admin = new Redis(redisUrl!);
    try {
      const before = new Set(await admin.keys(`${store.prefix}*`));
      await limiter.consume(newKey(), plan(10, 2));
      const created = (await admin.keys(`${store.prefix}*`)).filter((key) => !before.has(key));
      expect(created).toHaveLength(1);
      // Full again after burst / rate = 0.2 s; kept twice that.
      const ttl = await admin.pttl(created[0]!);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(400);
      await sleep(400 + MARGIN_MS);
      expect(await admin.exists(created[0]!)).toBe(0);
    } finally {
      admin.disconnect();
    }
  });
});
