/**
 * The quick start itself: `npm start`'s entry point on the default seed, as a person runs it, with
 * the users' documents sent the moment it says it is ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, uniquePrefix } from '../support/database.js';
import { postGraphQL } from '../support/graph.js';
import { PARIS, operation } from '../support/operations.js';
import { deleteRedisKeys } from '../support/redis.js';
import { subscribeOverWebSocket } from '../support/subscribers.js';
import { asCallCenter, asCustomer, asStoreStaff } from '../support/tokens.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `count` consecutive free ports. */
async function freePorts(count: number): Promise<number> {
  for (;;) {
    // Below the ephemeral range (32768+ on Linux), so no port-0 listener of another test takes one meanwhile.
    const first = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = Array.from({ length: count }, (_, i) => first + i);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return first;
  }
}

let child: ChildProcess;
let output = '';
let gatewayUrl: string;
let secondsToReady: number;
const dataDir = mkdtempSync(join(tmpdir(), 'npm-start-test-'));
const prefix = uniquePrefix();

beforeAll(async () => {
  const first = await freePorts(6);
  gatewayUrl = `http://127.0.0.1:${first}/graphql`;
  const started = Date.now();
  child = spawn(process.execPath, ['--import', 'tsx', 'launcher/start-all.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(first),
      SUBGRAPH_PORT: String(first + 1),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      PG_SCHEMA_PREFIX: prefix,
      // With REDIS_URL set (CI), events of this graph must not meet those of other runs.
      EVENT_CHANNEL_PREFIX: `${prefix}:`,
      LOG_LEVEL: 'warn',
      SEED_SCALE: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready in')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  secondsToReady = (Date.now() - started) / 1000;
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
  if (process.env.REDIS_URL) await deleteRedisKeys(process.env.REDIS_URL, `${prefix}:`);
});

describe('npm start on the default seed', () => {
  it('seeds the mid-size retailer and prints every URL, ready within 30 s', () => {
    expect(secondsToReady).toBeLessThan(30);
    for (const name of ['catalog', 'inventory', 'customer', 'promotions', 'reviews', 'gateway']) expect(output).toContain(name);
    expect(output).toContain(gatewayUrl);
  });

  it('answers every query and SubmitReview at once, with no errors', async () => {
    // Each as its users send it: shoppers anonymous, the call center and the reviewer with their
    // tokens, which npm start accepts (it verifies with the development secret).
    const agent = await asCallCenter();
    const asks: [string, Record<string, unknown>, Record<string, string>?][] = [
      ['ProductPage', { id: 'prod-01999', channel: 'APP', near: PARIS }],
      ['ProductListing', { channel: 'WEB', first: 50 }],
      ['Customer360', { id: 'cust-19999' }, agent],
      ['CustomerSearch', { search: 'martin' }, agent],
      ['StoresNearby', { sku: 'SKU-01000-1', near: PARIS }],
      ['SubmitReview', { input: { productId: 'prod-01999', customerId: 'cust-20000', rating: 5, title: 'Great', body: 'Works.' } }, await asCustomer('cust-20000')],
    ];
    for (const [name, variables, headers] of asks) {
      const { status, body } = await postGraphQL(gatewayUrl, operation(name), variables, headers);
      expect(body.errors, name).toBeUndefined();
      expect(status, name).toBe(200);
      expect(Object.values(body.data ?? {})[0], name).toBeTruthy();
    }
  });

  it('streams live stock: AdjustStock, ReserveForPickup and RecordSale reach a StockWatch subscriber, enriched', async () => {
    const sku = 'SKU-01500-1';
    const send = async (name: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
      const { body } = await postGraphQL<Record<string, { userErrors: unknown[]; changes?: { sequence: number }[] }>>(
        gatewayUrl,
        operation(name),
        { ...variables, idempotencyKey: randomUUID() },
        headers,
      );
      expect(body.errors, name).toBeUndefined();
      expect(Object.values(body.data!)[0]!.userErrors, name).toEqual([]);
      return Object.values(body.data!)[0]!;
    };
    const staff = await asStoreStaff('store-01');
    const restock = await send('AdjustStock', { input: { sku, locationId: 'store-01', delta: 5, reason: 'RESTOCK' } }, staff);
    const from = restock.changes![0]!.sequence;
    const subscriber = subscribeOverWebSocket<{ stockChanged: { sequence: number; reason: string; variant: { product: { name: string } } } }>(
      gatewayUrl,
      operation('StockWatch'),
      { skus: [sku], locationIds: ['store-01'], after: from - 1 },
      { connectionParams: await asCallCenter() },
    );
    try {
      await send('ReserveForPickup', { input: { sku, locationId: 'store-01', quantity: 1, customerId: 'cust-00042' } }, await asCustomer('cust-00042'));
      await send('RecordSale', { input: { locationId: 'store-01', channel: 'STORE', lines: [{ sku, quantity: 1 }] } }, staff);
      const results = await subscriber.waitFor((r) => r.length >= 3, 15_000);
      expect(results.map((r) => r.data?.stockChanged.reason)).toEqual(['RESTOCK', 'RESERVATION', 'SALE']);
      expect(results[0]!.data!.stockChanged.sequence).toBe(from);
      expect(results.every((r) => r.errors === undefined && r.data!.stockChanged.variant.product.name)).toBe(true);
    } finally {
      await subscriber.stop();
    }
  });

  it('holds the default seed: 2,000 products', async () => {
    const { body } = await postGraphQL<{ products: { totalCount: number } }>(gatewayUrl, '{ products(first: 0) { totalCount } }');
    expect(body.data!.products.totalCount).toBe(2000);
  });
});
