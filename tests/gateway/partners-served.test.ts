/**
 * Partners served well, through a real gateway and keys made by `npm run partner:add`: the IETF
 * RateLimit-Policy / RateLimit fields on every answer to a key (and Retry-After on a 429),
 * per-key counters in /metrics (the key id, never the key), `npm run partner:list`, the contract's
 * SDL at /public/schema.graphql (every argument described, ETag and 304), and a landing page at /.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, isInterfaceType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { PLANS } from '../../gateway/partners/plans.js';
import { databaseUrl, uniquePrefix } from '../support/database.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { startGatewayAgainst } from './helpers.js';

const run = promisify(execFile);

let graph: TestGraph;
let gateway: RunningGateway;
let dataDir: string;
let storeEnv: NodeJS.ProcessEnv;
let partner: { id: string; key: string };

async function addPartner(name: string): Promise<{ id: string; key: string }> {
  const { stdout } = await run('npx', ['tsx', 'gateway/partners/add-partner.ts', name], { env: { ...process.env, ...storeEnv } });
  const key = /^(pk_[\w-]{43})$/m.exec(stdout)?.[1];
  const id = /key id (key_[0-9a-f]+)/.exec(stdout)?.[1];
  if (!key || !id) throw new Error(`partner:add printed no key:\n${stdout}`);
  return { id, key };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'partners-served-'));
  storeEnv = { DATA_DIR: dataDir, PG_SCHEMA_PREFIX: uniquePrefix(), DATABASE_URL: databaseUrl ?? '', REDIS_URL: '' };
  graph = await startGraph();
  partner = await addPartner('Acme Marketplace');
  gateway = await startGatewayAgainst(graph, { ...storeEnv });
}, 120_000);
afterAll(async () => {
  await gateway?.close();
  await graph?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const publicUrl = () => new URL('/public/graphql', gateway.url).href;

async function ask(key: string) {
  const response = await fetch(publicUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query: '{ product(id: "prod-00001") { id name } }' }),
  });
  await response.text();
  return response;
}

describe('a partner', () => {
  it('reads its plan and what is left of it on every answer (RateLimit-Policy, RateLimit)', async () => {
    const { requestsPerSecond, burst } = PLANS.starter;
    const first = await ask(partner.key);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe(`"starter";q=${burst};w=${Math.ceil(burst / requestsPerSecond)}`);
    const fields = /^"starter";r=(\d+);t=(\d+)$/.exec(first.headers.get('ratelimit') ?? '');
    expect(fields).not.toBeNull();
    expect(Number(fields![1])).toBe(burst - 1);
    // Until refused: r goes down to 0, then a 429 with Retry-After and the same fields.
    let last = first;
    for (let i = 0; i < burst * 3 && last.status === 200; i++) last = await ask(partner.key);
    expect(last.status).toBe(429);
    expect(last.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(last.headers.get('ratelimit')).toBe(`"starter";r=0;t=${last.headers.get('retry-after')}`);
    expect(last.headers.get('ratelimit-policy')).toBe(first.headers.get('ratelimit-policy'));
  });

  it("is counted in /metrics by its key's id, served and refused, never by the key", async () => {
    const metrics = await (await fetch(new URL('/metrics', gateway.url))).text();
    const served = new RegExp(`^gateway_partner_requests_total\\{key_id="${partner.id}",plan="starter"\\} (\\d+)$`, 'm').exec(metrics);
    const refused = new RegExp(`^gateway_partner_refusals_total\\{key_id="${partner.id}",plan="starter",reason="rate_limited"\\} (\\d+)$`, 'm').exec(metrics);
    expect(Number(served?.[1])).toBeGreaterThan(0);
    expect(Number(refused?.[1])).toBeGreaterThan(0);
    await fetch(publicUrl(), { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'pk_not-a-key' }, body: '{"query":"{ __typename }"}' });
    const after = await (await fetch(new URL('/metrics', gateway.url))).text();
    expect(after).toMatch(/^gateway_partner_refusals_total\{key_id="none",plan="none",reason="unknown_key"\} \d+$/m);
    expect(after).not.toContain(partner.key);
  });

  it('is listed by npm run partner:list (the id, never the key)', async () => {
    const { stdout } = await run('npx', ['tsx', 'gateway/partners/list-partners.ts'], { env: { ...process.env, ...storeEnv } });
    expect(stdout).toMatch(/^KEY ID\s+PARTNER\s+PLAN\s+STATE\s+CREATED$/m);
    expect(stdout).toMatch(new RegExp(`^${partner.id}\\s+Acme Marketplace\\s+starter\\s+active\\s+\\S`, 'm'));
    expect(stdout).not.toContain(partner.key);
    const json = JSON.parse((await run('npx', ['tsx', 'gateway/partners/list-partners.ts', '--json'], { env: { ...process.env, ...storeEnv } })).stdout) as { id: string; state: string }[];
    expect(json).toEqual(expect.arrayContaining([expect.objectContaining({ id: partner.id, partner: 'Acme Marketplace', plan: 'starter', state: 'active' })]));
  }, 60_000);

  it('downloads the contract as SDL, every argument described, cacheable with an ETag', async () => {
    const url = new URL('/public/schema.graphql', gateway.url);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql/);
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const sdl = await response.text();
    const schema = buildSchema(sdl);
    expect(schema.getQueryType()?.getFields().product).toBeDefined();
    // Outside the contract: not there.
    expect(schema.getType('Customer')).toBeUndefined();
    const undescribed: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) for (const arg of field.args) if (!arg.description) undescribed.push(`${type.name}.${field.name}(${arg.name})`);
    }
    expect(undescribed).toEqual([]);
    const again = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await fetch(url, { headers: { 'if-none-match': '"something-else"' } })).status).toBe(200);
  });
});

describe('the landing page', () => {
  it('links GraphiQL, the partners GraphiQL and SDL, /health and /ready', async () => {
    const response = await fetch(new URL('/', gateway.url), { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    for (const href of ['/graphql', '/public/graphql', '/public/schema.graphql', '/health', '/ready']) expect(html).toContain(`href="${href}"`);
    const json = (await (await fetch(new URL('/', gateway.url), { headers: { accept: 'application/json' } })).json()) as { links: { href: string }[] };
    expect(json.links.map((link) => link.href)).toEqual(expect.arrayContaining(['/graphql', '/public/graphql', '/public/schema.graphql', '/health', '/ready']));
  });
});
