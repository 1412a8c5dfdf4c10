/**
 * Live stock through the gateway: stock mutations reach StockWatch subscribers over WebSocket and
 * SSE, enriched from the other subgraphs, in ledger order, without gap or duplicate.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraph, postGraphQL, type TestGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { subscribeOverSse, subscribeOverWebSocket, type Received, type Subscriber } from '../support/subscribers.js';
import { asCallCenter, asStoreStaff } from '../support/tokens.js';

interface StockWatchEvent {
  stockChanged: {
    sequence: number;
    delta: number;
    reason: string;
    onHand: number;
    reserved: number;
    available: number;
    at: string;
    location: { id: string; name: string };
    variant: { sku: string; product: { id: string; name: string } | null; effectivePrice: { amount: number; currency: string } | null };
  };
}

const STOCK_WATCH = operation('StockWatch');
const RECORD_SALE = operation('RecordSale');
const ADJUST_STOCK = operation('AdjustStock');

let graph: TestGraph;
/** A call-center desk watches stock: the token StockWatch is sent with (headers, or a WebSocket's connection_init). */
let agent: Record<string, string>;
beforeAll(async () => {
  graph = await startGraph();
  agent = await asCallCenter();
});
afterAll(async () => {
  await graph?.close();
});

const sequences = (results: Received<StockWatchEvent>[]) => results.map((r) => r.data?.stockChanged.sequence);

const watchOverWebSocket = (variables?: Record<string, unknown>, query = STOCK_WATCH) =>
  subscribeOverWebSocket<StockWatchEvent>(graph.gatewayUrl, query, variables, { connectionParams: agent });
const watchOverSse = (url: string, variables: Record<string, unknown>) => subscribeOverSse<StockWatchEvent>(url, STOCK_WATCH, variables, agent);

/** Subscribes from the start of the ledger and waits until the replay is over, so the stream is live. */
async function liveWatch(
  subscribe: (variables: Record<string, unknown>) => Subscriber<StockWatchEvent>,
  sku: string,
  locationId: string,
): Promise<Subscriber<StockWatchEvent>> {
  const history = await ledgerOf(sku, locationId);
  const subscriber = subscribe({ skus: [sku], locationIds: [locationId], after: 0 });
  await subscriber.waitFor((results) => results.length >= history.length);
  return subscriber;
}

/** The level's current version through the gateway: the number of ledger rows it has. */
async function ledgerOf(sku: string, locationId: string): Promise<number[]> {
  const response = await postGraphQL<{ variant: { stock: { version: number }[] } }>(
    graph.gatewayUrl,
    'query($sku: ID!, $at: [ID!]) { variant(sku: $sku) { stock(locationIds: $at) { version } } }',
    { sku, at: [locationId] },
  );
  const version = response.body.data!.variant.stock[0]!.version;
  return Array.from({ length: version }, (_, i) => i + 1);
}

async function recordSale(sku: string, locationId: string, quantity: number) {
  const response = await postGraphQL<{ recordSale: { changes: { sequence: number; available: number }[]; userErrors: unknown[] } }>(
    graph.gatewayUrl,
    RECORD_SALE,
    { input: { locationId, channel: 'STORE', lines: [{ sku, quantity }] }, idempotencyKey: randomUUID() },
    await asStoreStaff(locationId),
  );
  expect(response.body.errors).toBeUndefined();
  expect(response.body.data!.recordSale.userErrors).toEqual([]);
  return response.body.data!.recordSale.changes[0]!;
}

async function restock(sku: string, locationId: string, delta: number) {
  const response = await postGraphQL<{ adjustStock: { changes: { sequence: number }[]; userErrors: unknown[] } }>(
    graph.gatewayUrl,
    ADJUST_STOCK,
    { input: { sku, locationId, delta, reason: 'RESTOCK' }, idempotencyKey: randomUUID() },
    await asStoreStaff(locationId),
  );
  expect(response.body.data!.adjustStock.userErrors).toEqual([]);
  return response.body.data!.adjustStock.changes[0]!;
}

async function expectedEnrichment(sku: string) {
  const response = await postGraphQL<{ variant: { product: { id: string; name: string }; effectivePrice: { amount: number; currency: string } } }>(
    graph.gatewayUrl,
    'query($sku: ID!) { variant(sku: $sku) { product { id name } effectivePrice(channel: STORE) { amount currency } } }',
    { sku },
  );
  return response.body.data!.variant;
}

describe('StockWatch through the gateway', () => {
  it('delivers a RecordSale to a WebSocket subscriber with the new available, the product name and the effective price', async () => {
    const sku = 'SKU-00002-1';
    const subscriber = await liveWatch(watchOverWebSocket, sku, 'store-02');
    try {
      const sale = await recordSale(sku, 'store-02', 1);
      const [event] = (await subscriber.waitFor((results) => sequences(results).includes(sale.sequence))).filter(
        (r) => r.data?.stockChanged.sequence === sale.sequence,
      );
      const expected = await expectedEnrichment(sku);
      expect(event!.errors).toBeUndefined();
      expect(event!.data!.stockChanged).toMatchObject({
        reason: 'SALE',
        delta: -1,
        available: sale.available,
        location: { id: 'store-02' },
        variant: { sku, product: expected.product, effectivePrice: expected.effectivePrice },
      });
      expect(event!.data!.stockChanged.location.name).toMatch(/\S/);
    } finally {
      await subscriber.stop();
    }
  });

  it('delivers the same over Server-Sent Events', async () => {
    const sku = 'SKU-00003-1';
    const subscriber = await liveWatch((v) => watchOverSse(`${graph.gatewayUrl}/stream`, v), sku, 'store-03');
    try {
      const sale = await recordSale(sku, 'store-03', 2);
      const results = await subscriber.waitFor((r) => sequences(r).includes(sale.sequence));
      const event = results.find((r) => r.data?.stockChanged.sequence === sale.sequence)!;
      expect(event.data!.stockChanged).toMatchObject({ reason: 'SALE', delta: -2, available: sale.available });
      expect(event.data!.stockChanged.variant.product!.name).toEqual((await expectedEnrichment(sku)).product.name);
    } finally {
      await subscriber.stop();
    }
  });

  it('streams over SSE on the GraphQL path itself for a client that accepts text/event-stream', async () => {
    const sku = 'SKU-00011-1';
    const subscriber = await liveWatch((v) => watchOverSse(graph.gatewayUrl, v), sku, 'store-11');
    try {
      const sale = await recordSale(sku, 'store-11', 1);
      await subscriber.waitFor((r) => sequences(r).includes(sale.sequence));
    } finally {
      await subscriber.stop();
    }
  });

  it('replays exactly the changes after `after`, then goes on live, in sequence order', async () => {
    const sku = 'SKU-00004-1';
    const first = await restock(sku, 'store-04', 3);
    const second = await recordSale(sku, 'store-04', 1);
    const subscriber = watchOverWebSocket({ skus: [sku], locationIds: ['store-04'], after: first.sequence });
    try {
      await subscriber.waitFor((r) => r.length >= 1);
      const third = await restock(sku, 'store-04', 5);
      const results = await subscriber.waitFor((r) => sequences(r).includes(third.sequence));
      expect(sequences(results)).toEqual([second.sequence, third.sequence]);
    } finally {
      await subscriber.stop();
    }
  });

  it('gives a resuming client exactly what it missed while it was away', async () => {
    const sku = 'SKU-00005-1';
    const subscriber = await liveWatch(watchOverWebSocket, sku, 'store-05');
    const before = await recordSale(sku, 'store-05', 1);
    await subscriber.waitFor((r) => sequences(r).includes(before.sequence));
    await subscriber.stop();
    const missed = [await restock(sku, 'store-05', 2), await recordSale(sku, 'store-05', 1)];
    const resumed = watchOverWebSocket({ skus: [sku], locationIds: ['store-05'], after: before.sequence });
    try {
      const results = await resumed.waitFor((r) => r.length >= 2);
      expect(sequences(results)).toEqual(missed.map((m) => m.sequence));
    } finally {
      await resumed.stop();
    }
  });

  it('shares one upstream stream among identical subscriptions', async () => {
    await expect.poll(() => graph.gateway.subscriptions.stats(), { timeout: 5_000 }).toEqual({ streams: 0, subscribers: 0 });
    const before = graph.subgraphs.inventory.stats.subscriptions;
    const variables = { skus: ['SKU-00006-1'], locationIds: ['store-06'] };
    const subscribers = Array.from({ length: 20 }, () => watchOverWebSocket(variables));
    try {
      await expect.poll(() => graph.gateway.subscriptions.stats().subscribers, { timeout: 5_000 }).toBeGreaterThanOrEqual(20);
      await expect.poll(() => graph.subgraphs.inventory.stats.subscriptions - before, { timeout: 5_000 }).toBe(1);
      const metrics = await (await fetch(new URL('/metrics', graph.gatewayUrl))).text();
      expect(metrics).toMatch(/^gateway_subscriptions_active 20$/m);
      expect(metrics).toMatch(/^gateway_subscription_upstreams_active 1$/m);
      const sale = await recordSale('SKU-00006-1', 'store-06', 1);
      await Promise.all(subscribers.map((s) => s.waitFor((r) => sequences(r).includes(sale.sequence))));
      expect(graph.subgraphs.inventory.stats.subscriptions - before).toBe(1);
    } finally {
      await Promise.all(subscribers.map((s) => s.stop()));
    }
    await expect.poll(() => graph.gateway.subscriptions.stats(), { timeout: 5_000 }).toEqual({ streams: 0, subscribers: 0 });
  });

  it('refuses a filter of more than 100 skus with a clear error', async () => {
    const skus = Array.from({ length: 101 }, (_, i) => `SKU-${String(i).padStart(5, '0')}-1`);
    const subscriber = watchOverWebSocket({ skus });
    try {
      const [result] = await subscriber.waitFor((r) => r.length > 0);
      expect(result!.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'skus', limit: 100 } });
    } finally {
      await subscriber.stop();
    }
  });

  it('answers a subscription sent as a plain POST with OPERATION_NOT_SUPPORTED', async () => {
    const response = await postGraphQL(graph.gatewayUrl, STOCK_WATCH, { skus: ['SKU-00001-1'] }, agent);
    expect(response.body.errors![0]!.extensions!.code).toBe('OPERATION_NOT_SUPPORTED');
  });

  it('refuses an invalid subscription over WebSocket with a validation error', async () => {
    const subscriber = watchOverWebSocket(undefined, 'subscription { stockChanged { noSuchField } }');
    await subscriber.ended();
    expect(JSON.stringify(subscriber.error)).toContain('GRAPHQL_VALIDATION_FAILED');
    await subscriber.stop();
  });
});
