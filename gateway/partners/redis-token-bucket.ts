/**
 * The token bucket of `token-bucket.ts` kept in Redis, so that every gateway process draws from the
 * same bucket of a key. One Lua script reads, refills and takes atomically, on the Redis server's
 * clock (gateway clocks may disagree). A bucket is a hash {tokens, at} that expires once it would
 * have been full for a while, so idle keys vanish.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BucketLimits, RateDecision } from './token-bucket.js';

// `at` is written as the TIME strings joined, not as a Lua number: tostring() keeps only 14 digits,
// too few for seconds since 1970 with microseconds.
const TAKE_TOKEN_SCRIPT = `
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = capacity
if state[1] and state[2] then
  tokens = math.min(capacity, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * rate)
end
if tokens < 1 then
  return {0, math.ceil((1 - tokens) / rate), 0}
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens - 1), 'at', time[1] .. '.' .. string.format('%06d', tonumber(time[2])))
redis.call('PEXPIRE', KEYS[1], math.ceil(2000 * capacity / rate))
return {1, 0, math.floor(tokens - 1)}
`;
const TAKE_TOKEN_SHA = createHash('sha1').update(TAKE_TOKEN_SCRIPT).digest('hex');

/** Takes one token from the bucket at `key`; rejects when Redis does (the caller decides what then). */
export async function takeRedisToken(redis: Redis, key: string, limits: BucketLimits): Promise<RateDecision> {
  const args = [1, key, String(limits.ratePerSecond), String(limits.capacity)] as const;
  let reply: unknown;
  try {
    reply = await redis.evalsha(TAKE_TOKEN_SHA, ...args);
  } catch (error) {
    // The script cache is empty after a Redis restart or on a new server: send the script once.
    if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
    reply = await redis.eval(TAKE_TOKEN_SCRIPT, ...args);
  }
  const [allowed, retryAfterSeconds, remaining] = reply as [number, number, number];
  return allowed === 1 ? { allowed: true, remaining } : { allowed: false, retryAfterSeconds, remaining: 0 };
}
