/**
 * Long replays through the gateway (issue 9, item 1): a caller resuming `StockWatch` far behind
 * the ledger's head gets every change after its cursor exactly once, in order, over WebSocket and
 * over SSE, while the gateway's memory stays bounded and the gateway stays up. The gateway runs in
 * its own process (its RSS is read from its /metrics); the subgraphs run in the test process.
 */
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import { openDatabase } from '../../platform/database.js';
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

/** A client reading a replay of `count` events that stops reading after its first thousand. */
interface PausingReader {
  sequences: number[];
  paused(): boolean;
  resume(): void;
}

/**
 * Once `reader` has paused: the gateway's RSS stays within MAX_RSS_GROWTH of `before` for 3 s
 * (the replay waits for the client), then, reading again, it gets all `count` events in order.
 */
async function expectHeldWhilePaused(transport: string, before: number, count: number, reader: PausingReader) {
  await expect.poll(() => reader.paused(), { timeout: 30_000 }).toBe(true);
  let peak = before;
  for (let i = 0; i < 12; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    peak = Math.max(peak, await gateway.rss());
  }
  console.info(`a paused ${transport} reader of a ${count}-event replay: gateway RSS ${Math.round(before / 2 ** 20)} MB before, ${Math.round(peak / 2 ** 20)} MB at most while paused`);
  expect(peak - before).toBeLessThan(MAX_RSS_GROWTH);
  expect(reader.sequences.length).toBeLessThan(count);
  reader.resume();
  await expect.poll(() => reader.sequences.length, { timeout: 120_000, interval: 200 }).toBe(count);
  const firstWrong = reader.sequences.findIndex((sequence, i) => sequence !== head - count + 1 + i);
  expect(firstWrong, `sequence #${firstWrong}`).toBe(-1);
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

  it('holds a 50,000-event replay over WebSocket for a client that stops reading, and delivers all of it once it reads again', async () => {
    const count = 50_000;
    const authorization = await asCallCenter();
    const socket = new WebSocket(gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const sequences: number[] = [];
    let acknowledged: () => void = () => {};
    const ack = new Promise<void>((resolve) => (acknowledged = resolve));
    let paused = false;
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; payload?: { data?: { stockChanged?: { sequence: number } } } };
      if (message.type === 'connection_ack') acknowledged();
      const sequence = message.payload?.data?.stockChanged?.sequence;
      if (message.type === 'next' && sequence !== undefined) sequences.push(sequence);
      // The client stops reading its socket after 1,000 events: TCP fills up, then the gateway's sends wait.
      if (sequences.length === 1_000 && !paused) {
        paused = true;
        (socket as unknown as { _socket: { pause(): void } })._socket.pause();
      }
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'connection_init', payload: authorization }));
    await ack;
    const before = await gateway.rss();
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: STOCK_WATCH, variables: { skus: [level.sku], locationIds: [level.locationId], after: head - count } } }));
    try {
      await expectHeldWhilePaused('WebSocket', before, count, { sequences, paused: () => paused, resume: () => (socket as unknown as { _socket: { resume(): void } })._socket.resume() });
    } finally {
      socket.close();
    }
  }, 180_000);

  it('holds a 50,000-event replay over SSE for a client that stops reading, and delivers all of it once it reads again', async () => {
    const count = 50_000;
    const authorization = await asCallCenter();
    const before = await gateway.rss();
    const sequences: number[] = [];
    let paused = false;
    let response: IncomingMessage | undefined;
    const request = httpRequest(`${gateway.url}/stream`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...authorization } });
    request.end(JSON.stringify({ query: STOCK_WATCH, variables: { skus: [level.sku], locationIds: [level.locationId], after: head - count } }));
    request.on('response', (answer) => {
      response = answer;
      let text = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => {
        text += chunk;
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const event = text.slice(0, end);
          text = text.slice(end + 2);
          const data = /^data: (.*)$/m.exec(event)?.[1];
          const sequence = data ? (JSON.parse(data) as { data?: { stockChanged?: { sequence: number } } }).data?.stockChanged?.sequence : undefined;
          if (sequence !== undefined) sequences.push(sequence);
        }
        // The client stops reading after 1,000 events: TCP fills up, then the gateway's writes wait.
        if (sequences.length >= 1_000 && !paused) {
          paused = true;
          answer.pause();
        }
      });
    });
    try {
      await expectHeldWhilePaused('SSE', before, count, { sequences, paused: () => paused, resume: () => response!.resume() });
    } finally {
      request.destroy();
    }
  }, 180_000);

  it('logged no unhandled rejection and is still running', () => {
    expect(gateway.output()).not.toMatch(/unhandled|No more than 1024 pending calls/i);
    expect(gateway.exited()).toBeUndefined();
  });
});
