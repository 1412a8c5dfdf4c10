/**
 * Live stock when things break: a subgraph that enriches events goes down, the inventory is
 * killed mid-stream and comes back, the gateway closes.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startSubgraphByName } from '../../subgraphs/registry.js';
import type { SubgraphRuntimeOptions } from '../../subgraphs/shared/subgraph-server.js';
import { databaseUrl, uniquePrefix } from '../support/database.js';
import { postGraphQL, startGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { TEST_OPERATOR, vouchFor } from '../support/subgraph.js';
import { subscribeOverSse, subscribeOverWebSocket, type Received } from '../support/subscribers.js';
import { asCallCenter, asStoreStaff } from '../support/tokens.js';

const STOCK_WATCH = operation('StockWatch');
const ADJUST_STOCK = operation('AdjustStock');
const RECORD_SALE = operation('RecordSale');

type Event = { stockChanged: { sequence: number; reason: string; variant: { product: { name: string } | null } } };
const sequences = (results: Received<Event>[]) => results.flatMap((r) => (r.data ? [r.data.stockChanged.sequence] : []));
/** StockWatch as a call-center desk runs it. */
const watchOverWebSocket = async (url: string, variables: Record<string, unknown>) =>
  subscribeOverWebSocket<Event>(url, STOCK_WATCH, variables, { connectionParams: await asCallCenter() });

/** `headers`: the gateway's vouching when `url` is a subgraph's; through the gateway, store staff of `locationId`. */
async function adjust(url: string, sku: string, locationId: string, delta: number, headers?: Record<string, string>): Promise<number> {
  const response = await postGraphQL<{ adjustStock: { changes: { sequence: number }[]; userErrors: unknown[] } }>(
    url,
    ADJUST_STOCK,
    { input: { sku, locationId, delta, reason: delta > 0 ? 'RESTOCK' : 'CORRECTION' }, idempotencyKey: randomUUID() },
    headers ?? (await asStoreStaff(locationId)),
  );
  expect(response.body.data?.adjustStock.userErrors).toEqual([]);
  return response.body.data!.adjustStock.changes[0]!.sequence;
}

async function sale(url: string, sku: string, locationId: string, headers?: Record<string, string>): Promise<number> {
  const response = await postGraphQL<{ recordSale: { changes: { sequence: number }[]; userErrors: unknown[] } }>(
    url,
    RECORD_SALE,
    { input: { locationId, channel: 'STORE', lines: [{ sku, quantity: 1 }] }, idempotencyKey: randomUUID() },
    headers ?? (await asStoreStaff(locationId)),
  );
  expect(response.body.data?.recordSale.userErrors).toEqual([]);
  return response.body.data!.recordSale.changes[0]!.sequence;
}

describe('live stock under failure', () => {
  it('keeps the stream alive when an enriching subgraph fails: the event comes with errors', async () => {
    const graph = await startGraph();
    const sku = 'SKU-00007-1';
    const start = await adjust(graph.gatewayUrl, sku, 'store-07', 1);
    const subscriber = await watchOverWebSocket(graph.gatewayUrl, { skus: [sku], locationIds: ['store-07'], after: start - 1 });
    try {
      await subscriber.waitFor((r) => sequences(r).includes(start));
      await graph.subgraphs.promotions.close();
      await sale(graph.gatewayUrl, sku, 'store-07');
      const broken = (await subscriber.waitFor((r) => r.length >= 2))[1]!;
      // effectivePrice is non-null up to the root field, so the event's data is null (GraphQL's null
      // propagation); the error says which subgraph failed.
      expect(broken.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'promotions' });
      // The stream is still there: the next change arrives too.
      await sale(graph.gatewayUrl, sku, 'store-07');
      await subscriber.waitFor((r) => r.length >= 3);
      expect(subscriber.error).toBeUndefined();
      expect(subscriber.completed).toBe(false);
    } finally {
      await subscriber.stop();
      await graph.close();
    }
  });

  it('delivers every change in order, without gap or duplicate, when the inventory is killed mid-stream and restarted', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'inventory-restart-'));
    const pgSchemaPrefix = uniquePrefix();
    const graph = await startGraph({ subgraph: { dataDir, pgSchemaPrefix }, gatewayEnv: {} });
    const { internalTokenSecret } = graph;
    const shared: Omit<SubgraphRuntimeOptions, 'port'> = { host: '127.0.0.1', databaseUrl, dataDir, pgSchemaPrefix, seedScale: 0.02, internalTokenSecret };
    const sku = 'SKU-00008-1';
    const location = 'store-08';
    const expected: number[] = [];
    expected.push(await adjust(graph.gatewayUrl, sku, location, 4));
    const subscriber = await watchOverWebSocket(graph.gatewayUrl, { skus: [sku], locationIds: [location], after: expected[0]! - 1 });
    let restarted: Awaited<ReturnType<typeof startSubgraphByName>> | undefined;
    try {
      await subscriber.waitFor((r) => sequences(r).length === 1);
      expected.push(await sale(graph.gatewayUrl, sku, location));
      await subscriber.waitFor((r) => sequences(r).length === 2);

      const inventoryPort = Number(new URL(graph.subgraphs.inventory.url).port);
      await graph.subgraphs.inventory.close();
      // While it is down, another inventory process on the same database goes on selling.
      const other = await startSubgraphByName('inventory', { ...shared, port: 0 });
      // Straight to that process, so signed as the gateway would.
      const vouching = await vouchFor(TEST_OPERATOR, internalTokenSecret);
      expected.push(await sale(other.url, sku, location, vouching), await adjust(other.url, sku, location, 2, vouching));
      await other.close();

      restarted = await startSubgraphByName('inventory', { ...shared, port: inventoryPort, events: graph.events });
      await subscriber.waitFor((r) => sequences(r).length === 4, 15_000);
      expected.push(await sale(graph.gatewayUrl, sku, location));
      const results = await subscriber.waitFor((r) => sequences(r).length === 5, 15_000);
      expect(sequences(results)).toEqual(expected);
      expect(results.every((r) => r.errors === undefined)).toBe(true);
    } finally {
      await subscriber.stop();
      await graph.close();
      await restarted?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('misses nothing when the inventory goes down before the first event of a subscription without `after`', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'inventory-restart-'));
    const pgSchemaPrefix = uniquePrefix();
    const graph = await startGraph({ subgraph: { dataDir, pgSchemaPrefix }, gatewayEnv: {} });
    const { internalTokenSecret } = graph;
    const shared: Omit<SubgraphRuntimeOptions, 'port'> = { host: '127.0.0.1', databaseUrl, dataDir, pgSchemaPrefix, seedScale: 0.02, internalTokenSecret };
    const sku = 'SKU-00009-1';
    const location = 'store-09';
    const upstreamBefore = graph.subgraphs.inventory.stats.subscriptions;
    // No `after`: "from now on". The gateway learns where "now" is in the ledger before it subscribes.
    const subscriber = await watchOverWebSocket(graph.gatewayUrl, { skus: [sku], locationIds: [location] });
    let restarted: Awaited<ReturnType<typeof startSubgraphByName>> | undefined;
    try {
      await vi.waitFor(() => expect(graph.subgraphs.inventory.stats.subscriptions).toBeGreaterThan(upstreamBefore), { timeout: 10_000 });
      const inventoryPort = Number(new URL(graph.subgraphs.inventory.url).port);
      await graph.subgraphs.inventory.close();
      const other = await startSubgraphByName('inventory', { ...shared, port: 0 });
      const vouching = await vouchFor(TEST_OPERATOR, internalTokenSecret);
      const soldWhileDown = await sale(other.url, sku, location, vouching);
      await other.close();
      restarted = await startSubgraphByName('inventory', { ...shared, port: inventoryPort, events: graph.events });
      const results = await subscriber.waitFor((r) => sequences(r).length >= 1, 15_000);
      expect(sequences(results)).toEqual([soldWhileDown]);
    } finally {
      await subscriber.stop();
      await graph.close();
      await restarted?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('completes every stream cleanly when the gateway closes', async () => {
    const graph = await startGraph();
    const variables = { skus: ['SKU-00009-1'], after: 0 };
    const overWebSocket = await watchOverWebSocket(graph.gatewayUrl, variables);
    const overSse = subscribeOverSse<Event>(`${graph.gatewayUrl}/stream`, STOCK_WATCH, variables, await asCallCenter());
    await Promise.all([overWebSocket.waitFor((r) => r.length > 0), overSse.waitFor((r) => r.length > 0)]);
    await graph.close();
    await Promise.all([overWebSocket.ended(), overSse.ended()]);
    expect(overWebSocket).toMatchObject({ completed: true, error: undefined });
    expect(overSse).toMatchObject({ completed: true, error: undefined });
    await Promise.all([overWebSocket.stop(), overSse.stop()]);
  });
});
