/**
 * The quick start itself: `npm start`'s entry point on the default seed, as a person runs it, with
 * the users' documents sent the moment it says it is ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, uniquePrefix } from '../support/database.js';
import { postGraphQL } from '../support/graph.js';
import { PARIS, operation } from '../support/operations.js';

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
  child = spawn(process.execPath, ['--import', 'tsx', 'gateway/start-all.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(first),
      SUBGRAPH_PORT: String(first + 1),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      PG_SCHEMA_PREFIX: prefix,
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
});

describe('npm start on the default seed', () => {
  it('seeds the mid-size retailer and prints every URL, ready within 30 s', () => {
    expect(secondsToReady).toBeLessThan(30);
    for (const name of ['catalog', 'inventory', 'customer', 'promotions', 'reviews', 'gateway']) expect(output).toContain(name);
    expect(output).toContain(gatewayUrl);
  });

  it('answers every query and SubmitReview at once, with no errors', async () => {
    const asks: [string, Record<string, unknown>][] = [
      ['ProductPage', { id: 'prod-01999', channel: 'APP', near: PARIS }],
      ['ProductListing', { channel: 'WEB', first: 50 }],
      ['Customer360', { id: 'cust-19999' }],
      ['CustomerSearch', { search: 'martin' }],
      ['StoresNearby', { sku: 'SKU-01000-1', near: PARIS }],
      ['SubmitReview', { input: { productId: 'prod-01999', customerId: 'cust-20000', rating: 5, title: 'Great', body: 'Works.' } }],
    ];
    for (const [name, variables] of asks) {
      const { status, body } = await postGraphQL(gatewayUrl, operation(name), variables);
      expect(body.errors, name).toBeUndefined();
      expect(status, name).toBe(200);
      expect(Object.values(body.data ?? {})[0], name).toBeTruthy();
    }
  });

  it('holds the default seed: 2,000 products', async () => {
    const { body } = await postGraphQL<{ products: { totalCount: number } }>(gatewayUrl, '{ products(first: 0) { totalCount } }');
    expect(body.data!.products.totalCount).toBe(2000);
  });
});
