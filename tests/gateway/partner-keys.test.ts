/**
 * Partner API keys (gateway/partners/): the key check and rate limit a partner meets on the public
 * endpoint, over real HTTP to a Fastify route guarded as the gateway guards /public/graphql, with
 * keys made by `npm run partner:add` in a real store (SQLite, or PostgreSQL when DATABASE_URL is set).
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.js';
import { openPartnerAccess, type PartnerAccess } from '../../gateway/partners/partner-access.js';
import { createPartnerRateLimiter } from '../../gateway/partners/partner-rate-limiter.js';
import { PLANS } from '../../gateway/partners/plans.js';
import { openDatabase } from '../../platform/database.js';
import { databaseUrl, uniquePrefix } from '../support/database.js';

const run = promisify(execFile);
const redisUrl = process.env.REDIS_URL || undefined;
const PUBLIC_PATH = '/public/graphql';

let dataDir: string;
let pgSchemaPrefix: string;
/** The environment `npm run partner:*` and the gateway read their store from. */
let storeEnv: NodeJS.ProcessEnv;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'partner-keys-test-'));
  pgSchemaPrefix = uniquePrefix();
  storeEnv = { DATA_DIR: dataDir, PG_SCHEMA_PREFIX: pgSchemaPrefix, DATABASE_URL: databaseUrl ?? '' };
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm run partner:add -- NAME [--plan PLAN]`: returns the key id and the key it printed. */
async function addPartner(name: string, plan?: string): Promise<{ id: string; key: string; stdout: string }> {
  const args = ['tsx', 'gateway/partners/add-partner.ts', name, ...(plan ? ['--plan', plan] : [])];
  const { stdout } = await run('npx', args, { env: { ...process.env, ...storeEnv } });
  const key = /^(pk_[\w-]{43})$/m.exec(stdout)?.[1];
  const id = /key id (key_[0-9a-f]+)/.exec(stdout)?.[1];
  if (!key || !id) throw new Error(`partner:add printed no key:\n${stdout}`);
  return { id, key, stdout };
}

async function revokeKey(id: string): Promise<void> {
  await run('npx', ['tsx', 'gateway/partners/revoke-partner.ts', id], { env: { ...process.env, ...storeEnv } });
}

interface GuardedServer {
  url: string;
  access: PartnerAccess;
  close(): Promise<void>;
}

/** A gateway-like server: the guard on the public path, whose route echoes the partner it was given. */
async function startGuardedServer(env: NodeJS.ProcessEnv = {}): Promise<GuardedServer> {
  const options = loadGatewayConfig({ ...storeEnv, ...env }).partners;
  const access = await openPartnerAccess(options);
  const app: FastifyInstance = Fastify();
  await app.register(async (scope) => {
    scope.addHook('onRequest', access.guard);
    scope.route({
      method: ['GET', 'POST'],
      url: PUBLIC_PATH,
      handler: async (request) => ({ data: { partner: request.partner ?? null } }),
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PUBLIC_PATH}`,
    access,
    async close() {
      await app.close();
      await access.close();
    },
  };
}

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: { partner: { keyId: string; name: string; plan: Record<string, unknown> } | null }; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

async function call(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

/** Calls as fast as one client can until the first refusal; the number let through and that refusal. */
async function callUntilRefused(url: string, key: string, max = 200): Promise<{ allowed: number; refusal: Answer }> {
  for (let allowed = 0; allowed < max; allowed += 1) {
    const answer = await call(url, { 'x-api-key': key });
    if (answer.status !== 200) return { allowed, refusal: answer };
  }
  throw new Error(`no refusal after ${max} requests`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('partner API keys', () => {
  let server: GuardedServer;
  beforeAll(async () => {
    // A short lookup cache, so that a revocation shows within the test.
    server = await startGuardedServer({ PARTNER_KEY_CACHE_MS: '200' });
  });
  afterAll(() => server?.close());

  it('partner:add prints a key that works, and the store holds only its hash', async () => {
    const { id, key, stdout } = await addPartner('Acme Marketplace', 'pro');
    expect(stdout).toContain('shown once');

    const answer = await call(server.url, { 'x-api-key': key });
    expect(answer.status).toBe(200);
    expect(answer.body.data?.partner).toMatchObject({ keyId: id, name: 'Acme Marketplace', plan: { name: 'pro', costBudget: 5_000 } });

    const database = await openDatabase<any>({
      databaseUrl,
      sqlitePath: join(dataDir, 'gateway.sqlite'),
      pgSchema: `${pgSchemaPrefix}gateway`,
    });
    try {
      const rows = await database.db.selectFrom('partner_keys').selectAll().where('id', '=', id).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(key.slice(3));
    } finally {
      await database.close();
    }
  });

  it('gives a new partner the starter plan unless told otherwise', async () => {
    const { key } = await addPartner('Compare-o-matic');
    const answer = await call(server.url, { 'x-api-key': key });
    expect(answer.body.data?.partner?.plan).toEqual({ name: 'starter', requestsPerSecond: 10, burst: 20, costBudget: 1_000 });
  });

  it('refuses a request without a key with 401 UNAUTHENTICATED and WWW-Authenticate: ApiKey', async () => {
    const answer = await call(server.url);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('ApiKey');
    expect(answer.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(answer.body.errors).toEqual([{ message: expect.stringContaining('x-api-key'), extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('refuses an unknown key with 401, answering in application/json to a client that asks for it', async () => {
    const answer = await call(server.url, { 'x-api-key': `pk_${randomBytes(32).toString('base64url')}`, accept: 'application/json' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('www-authenticate')).toBe('ApiKey');
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(answer.body.data).toBeUndefined();
  });

  it('refuses a revoked key with 401 once the lookup cache has expired', async () => {
    const { id, key } = await addPartner('Former Affiliate');
    expect((await call(server.url, { 'x-api-key': key })).status).toBe(200);
    await revokeKey(id);
    await sleep(300);
    const answer = await call(server.url, { 'x-api-key': key });
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('lets the GraphiQL page (a GET that runs no operation) load without a key', async () => {
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const operation = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(operation.status).toBe(401);
  });

  it('answers 429 with Retry-After over the plan rate, and lets the key through after that wait', async () => {
    const { key } = await addPartner('Busy Comparator');
    const { allowed, refusal } = await callUntilRefused(server.url, key);
    // A quiet key gets its whole burst (plus what refilled at 10 per second while it was calling).
    expect(allowed).toBeGreaterThanOrEqual(20);
    expect(refusal.status).toBe(429);
    const retryAfter = Number(refusal.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    expect(refusal.body.errors).toEqual([
      {
        message: expect.stringContaining('Rate limit'),
        extensions: { code: 'RATE_LIMITED', limit: { requestsPerSecond: 10, burst: 20 }, retryAfter },
      },
    ]);
    await sleep(retryAfter * 1000);
    expect((await call(server.url, { 'x-api-key': key })).status).toBe(200);
  });

  it('reads its options from the environment, with the rate-limit prefix following the graph channel prefix', () => {
    expect(loadGatewayConfig({}).partners).toEqual({
      databaseUrl: undefined,
      dataDir: join(process.cwd(), '.data'),
      pgSchemaPrefix: '',
      redisUrl: undefined,
      rateLimitPrefix: 'omnichannel:rate-limit:',
      keyCacheMs: 5_000,
    });
    expect(loadGatewayConfig({ EVENT_CHANNEL_PREFIX: 'shop-b:' }).partners.rateLimitPrefix).toBe('shop-b:rate-limit:');
    expect(loadGatewayConfig({ EVENT_CHANNEL_PREFIX: 'shop-b:', RATE_LIMIT_PREFIX: 'limits:' }).partners.rateLimitPrefix).toBe('limits:');
    expect(() => loadGatewayConfig({ PG_SCHEMA_PREFIX: 'Bad-Prefix' })).toThrow(/PG_SCHEMA_PREFIX/);
  });
});

describe.skipIf(!redisUrl)('partner rate limits through Redis', () => {
  const prefix = `test:partner-keys:${randomBytes(4).toString('hex')}:`;
  let first: GuardedServer;
  let second: GuardedServer;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl, RATE_LIMIT_PREFIX: prefix };
    [first, second] = await Promise.all([startGuardedServer(env), startGuardedServer(env)]);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    const admin = new Redis(redisUrl!);
    const keys: string[] = [];
    for await (const batch of admin.scanStream({ match: `${prefix}*`, count: 1000 })) keys.push(...(batch as string[]));
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  it('shares one bucket per key between two gateway processes', async () => {
    const { key } = await addPartner('Two-Region Marketplace');
    const { allowed } = await callUntilRefused(first.url, key);
    expect(allowed).toBeGreaterThanOrEqual(20);
    // Counted alone, the second gateway would let this key send its own burst of 20. Shared, it lets
    // through only what refilled (10 per second) since the first gateway refused: a handful even
    // when a loaded machine is slow between the calls.
    const started = performance.now();
    const { allowed: secondAllowed, refusal } = await callUntilRefused(second.url, key);
    const refilled = Math.ceil(((performance.now() - started) / 1000) * 10) + 1;
    expect(secondAllowed).toBeLessThanOrEqual(Math.min(refilled, 10));
    expect(refusal.status).toBe(429);
    expect(refusal.body.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
  });
});

describe('partner rate limits while Redis is unreachable', () => {
  it('keeps limiting each process on its own, without waiting for Redis', async () => {
    // A client that never connected: what a gateway has during a Redis outage.
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true });
    try {
      const limiter = createPartnerRateLimiter({ redis: unreachable, keyPrefix: 'test:unreachable:' });
      const plan = { ...PLANS.starter, requestsPerSecond: 2, burst: 2 };
      const started = performance.now();
      const decisions = [];
      for (let i = 0; i < 3; i += 1) decisions.push(await limiter.consume('key_outage', plan));
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, false]);
      expect(decisions[2]).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 0 });
      expect(performance.now() - started).toBeLessThan(500);
    } finally {
      unreachable.disconnect();
    }
  });
});
