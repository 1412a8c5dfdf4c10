/**
 * Long replays through the gateway (issue 9, item 1): a caller resuming `StockWatch` far behind
 * the ledger's head gets every change after its cursor exactly once, in order, over WebSocket and
 * over SSE, while the gateway's memory stays bounded and the gateway stays up. The gateway runs in
 * its own process (its RSS is read from its /metrics); the subgraphs run in the test process.
 */
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import { openDatabase } from '../../subgraphs/shared/database.js';
import { databaseUrl, uniquePrefix } from '../support/database.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { appendRestocks } from '../support/ledger-bulk.js';
import { operation } from '../support/operations.js';
import { asCallCenter } from '../support/tokens.js';

const STOCK_WATCH = operation('StockWatch');
/**
 * What the gateway's RSS may grow by during a replay: the 100 MB. Measured (1,000-event
 * warm-up, then 50,000): +8 to +18 MB, alone or beside other test files. It was +53 to +143 MB
 * while each subscriber's events went through a Repeater, whose promise chain per pushed event
 * outlived young-generation collections and piled up in the old space until a full one.
 */
const MAX_RSS_GROWTH = 100 * 1024 * 1024;

type Change = { sequence: number; variant: { product: { name: string } | null } | null; location: { id: string } };

/**
 * Reads a stream keeping only what the test checks (sequences, errors), so the test process's
 * memory stays small whatever the replay's length; resolves once `count` events came.
 */
function collectSequences(subscribe: (sink: { next(value: { data?: { stockChanged: Change } | null; errors?: unknown[] }): void; error(error: unknown): void; complete(): void }) => () => void, count: number) {
  const sequences: number[] = [];
  let unnamed = 0;
  let errors = 0;
  let dispose: () => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    dispose = subscribe({
      next(value) {
        if (value.errors) errors += 1;
        const change = value.data?.stockChanged;
        if (!change) return;
        if (!change.variant?.product?.name) unnamed += 1;
        sequences.push(change.sequence);
        if (sequences.length === count) resolve();
      },
      error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
      complete: () => reject(new Error(`the stream completed after ${sequences.length} events`)),
    });
  });
  return { sequences, done, stop: () => dispose(), counts: () => ({ unnamed, errors }) };
}

const level = { sku: 'SKU-00011-1', locationId: 'store-01' };
let graph: TestGraph;
let gateway: GatewayProcess;
let inventory: { db: Kysely<InventoryDatabase>; close(): Promise<void> };
let head: number;
const dataDir = mkdtempSync(join(tmpdir(), 'live-stock-replay-'));
const pgSchemaPrefix = uniquePrefix();

beforeAll(async () => {
  graph = await startGraph({ subgraph: { dataDir, pgSchemaPrefix } });
  const store = await openDatabase<InventoryDatabase>({ databaseUrl, sqlitePath: join(dataDir, 'inventory.sqlite'), pgSchema: `${pgSchemaPrefix}inventory` });
  inventory = { db: store.db, close: () => store.close() };
  head = await appendRestocks(inventory.db, level, 50_000);
  gateway = await startGatewayProcess(graph);
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await inventory?.close();
  await graph?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Subscribes `StockWatch` after `head - count` over `transport` to `gateway`; checks every sequence
 * once, in order, and the gateway's memory: its RSS may not grow by MAX_RSS_GROWTH from before.
 */
async function replay(transport: 'websocket' | 'sse', count: number, gateway: GatewayProcess) {
  const variables = { skus: [level.sku], locationIds: [level.locationId], after: head - count };
  const authorization = await asCallCenter();
  const before = await gateway.rss();
  let peak = before;
  const sampler = setInterval(() => {
    gateway.rss().then(
      (rss) => (peak = Math.max(peak, rss)),
      () => {},
    );
  }, 250);
  const ws = createWsClient({ url: gateway.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: authorization });
  const sse = createSseClient({ url: `${gateway.url}/stream`, retryAttempts: 0, headers: authorization });
  const stream = collectSequences((sink) => (transport === 'websocket' ? ws : sse).subscribe({ query: STOCK_WATCH, variables }, sink as never), count);
  try {
    await stream.done.catch((error: unknown) => {
      throw new Error(`the stream failed after ${stream.sequences.length} events (${String(error)}); gateway exited: ${JSON.stringify(gateway.exited())}\n${gateway.output().slice(-2_000)}`);
    });
    // Nothing beyond the head: no duplicate arrives late.
    await new Promise((resolve) => setTimeout(resolve, 300));
  } finally {
    clearInterval(sampler);
    stream.stop();
    await ws.dispose();
    sse.dispose();
  }
  const expected = Array.from({ length: count }, (_, i) => head - count + 1 + i);
  expect(stream.sequences.length).toBe(count);
  // Compared as a whole only when they differ: a 50,000-element diff is no help.
  const firstWrong = stream.sequences.findIndex((sequence, i) => sequence !== expected[i]);
  expect(firstWrong, `sequence #${firstWrong}: ${stream.sequences[firstWrong]} instead of ${expected[firstWrong]}`).toBe(-1);
  expect(stream.counts()).toEqual({ unnamed: 0, errors: 0 });
  console.info(`${transport} replay of ${count}: gateway RSS ${Math.round(before / 2 ** 20)} MB before, ${Math.round(peak / 2 ** 20)} MB at most (+${Math.round((peak - before) / 2 ** 20)} MB)`);
  expect(peak - before, `RSS grew from ${Math.round(before / 2 ** 20)} MB to ${Math.round(peak / 2 ** 20)} MB`).toBeLessThan(MAX_RSS_GROWTH);
  expect(gateway.exited(), gateway.output()).toBeUndefined();
  expect((await fetch(new URL('/health', gateway.url))).status).toBe(200);
}

describe('live stock: long replays through the gateway', () => {
  it('replays 5,000 changes over WebSocket: every sequence once, in order, enriched, with bounded memory', async () => {
    await replay('websocket', 5_000, gateway);
  }, 120_000);

  it('replays 5,000 changes over SSE: every sequence once, in order, enriched, with bounded memory', async () => {
    await replay('sse', 5_000, gateway);
  }, 120_000);

  // Each on a gateway of its own, warmed up by a short replay: the RSS measured is this replay's.
  for (const transport of ['websocket', 'sse'] as const) {
    it(`replays 50,000 changes over ${transport === 'sse' ? 'SSE' : 'WebSocket'} without the gateway exiting or its memory growing past the bound`, async () => {
      const fresh = await startGatewayProcess(graph);
      try {
        await replay(transport, 1_000, fresh);
        await replay(transport, 50_000, fresh);
        expect(fresh.output()).not.toMatch(/unhandled|No more than 1024 pending calls/i);
      } finally {
        await fresh.stop();
      }
    }, 300_000);
  }

  it('logged no unhandled rejection and is still running', () => {
    expect(gateway.output()).not.toMatch(/unhandled|No more than 1024 pending calls/i);
    expect(gateway.exited()).toBeUndefined();
  });
});
