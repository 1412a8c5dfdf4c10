/**
 * Subscribers joining a shared stream (issue 9, item 2): identical `StockWatch` subscriptions share
 * one upstream stream, yet each subscriber gets exactly the changes after its own cursor, then the
 * live ones — none missing, none twice — whether it came first or joined later, with `after` or
 * without.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { subscribeOverSse, subscribeOverWebSocket, type Received, type Subscriber } from '../support/subscribers.js';
import { asCallCenter, asStoreStaff } from '../support/tokens.js';

const STOCK_WATCH = operation('StockWatch');
const ADJUST_STOCK = operation('AdjustStock');

type Event = { stockChanged: { sequence: number; variant: { product: { name: string } | null } | null } };
const sequences = (results: Received<Event>[]) => results.flatMap((r) => (r.data ? [r.data.stockChanged.sequence] : []));

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
}, 60_000);
afterAll(async () => {
  await graph?.close();
});

/** One RESTOCK of the level through the gateway, as its store's staff; its ledger sequence. */
async function restock(sku: string, locationId: string): Promise<number> {
  const response = await postGraphQL<{ adjustStock: { changes: { sequence: number }[]; userErrors: unknown[] } }>(
    graph.gatewayUrl,
    ADJUST_STOCK,
    { input: { sku, locationId, delta: 1, reason: 'RESTOCK' }, idempotencyKey: randomUUID() },
    await asStoreStaff(locationId),
  );
  expect(response.body.data?.adjustStock.userErrors).toEqual([]);
  return response.body.data!.adjustStock.changes[0]!.sequence;
}

async function restockTimes(sku: string, locationId: string, times: number): Promise<number[]> {
  const committed: number[] = [];
  for (let i = 0; i < times; i += 1) committed.push(await restock(sku, locationId));
  return committed;
}

async function watch(transport: 'websocket' | 'sse', variables: Record<string, unknown>): Promise<Subscriber<Event>> {
  const authorization = await asCallCenter();
  return transport === 'websocket'
    ? subscribeOverWebSocket<Event>(graph.gatewayUrl, STOCK_WATCH, variables, { connectionParams: authorization })
    : subscribeOverSse<Event>(`${graph.gatewayUrl}/stream`, STOCK_WATCH, variables, authorization);
}

const upstreams = () => graph.subgraphs.inventory.stats.subscriptions;
const subscribers = () => graph.gateway.subscriptions.stats().subscribers;

describe('live stock: subscribers joining a shared stream', () => {
  it('gives the second of two agents with the same variables and `after`, one second apart, the same changes as the first', async () => {
    const sku = 'SKU-00021-1';
    const locationId = 'store-01';
    const [head] = await restockTimes(sku, locationId, 1);
    const before = await restockTimes(sku, locationId, 3);
    const variables = { locationIds: [locationId], skus: [sku], after: head };
    const upstreamsBefore = upstreams();
    const first = await watch('websocket', variables);
    try {
      await first.waitFor((r) => sequences(r).length === 3);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const second = await watch('websocket', variables);
      try {
        await second.waitFor((r) => sequences(r).length === 3);
        const live = await restockTimes(sku, locationId, 2);
        const expected = [...before, ...live];
        await Promise.all([first, second].map((s) => s.waitFor((r) => sequences(r).length >= expected.length)));
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(sequences(first.results)).toEqual(expected);
        expect(sequences(second.results)).toEqual(expected);
        expect([...first.results, ...second.results].every((r) => r.errors === undefined && r.data?.stockChanged.variant?.product?.name)).toBe(true);
        // One upstream stream for both.
        expect(upstreams() - upstreamsBefore).toBe(1);
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
    }
  });

  async function joinWithCursors(count: number) {
    const sku = count === 3 ? 'SKU-00022-1' : 'SKU-00023-1';
    const locationId = 'store-02';
    const [head] = await restockTimes(sku, locationId, 1);
    const history = await restockTimes(sku, locationId, 15);
    // H, H+10 (the tenth change after H) and none, round robin; over WebSocket and SSE alternately.
    const cursors = Array.from({ length: count }, (_, i) => [head!, history[9]!, null][i % 3]!);
    const joined: { cursor: number | null; subscriber: Subscriber<Event> }[] = [];
    const upstreamsBefore = upstreams();
    const subscribersBefore = subscribers();
    try {
      for (const [i, cursor] of cursors.entries()) {
        const variables = { locationIds: [locationId], skus: [sku], ...(cursor === null ? {} : { after: cursor }) };
        joined.push({ cursor, subscriber: await watch(i % 2 === 0 ? 'websocket' : 'sse', variables) });
        // Some join while the changes before them are still on their way to the others.
        if (i % 4 === 3) await restockTimes(sku, locationId, 1).then((more) => history.push(...more));
      }
      await vi.waitFor(() => expect(subscribers() - subscribersBefore).toBe(count), { timeout: 10_000 });
      // Changes committed once everyone is in: every subscriber gets them.
      const live = await restockTimes(sku, locationId, 3);
      const all = [...history, ...live];
      for (const { cursor, subscriber } of joined) {
        const own = cursor === null ? live : all.filter((sequence) => sequence > cursor);
        await subscriber.waitFor((r) => sequences(r).length >= own.length && sequences(r).includes(live[2]!), 15_000);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const { cursor, subscriber } of joined) {
        const received = sequences(subscriber.results);
        if (cursor === null) {
          // From the moment it joined: a suffix of the changes, ending with the live ones, no gap, no duplicate.
          expect(all.slice(all.length - received.length), `joined without after`).toEqual(received);
          expect(received.slice(-3)).toEqual(live);
        } else {
          expect(received, `after ${cursor}`).toEqual(all.filter((sequence) => sequence > cursor));
        }
        expect(subscriber.error).toBeUndefined();
      }
      expect(upstreams() - upstreamsBefore).toBe(1);
    } finally {
      await Promise.all(joined.map(({ subscriber }) => subscriber.stop()));
    }
  }

  it('gives subscribers joining with cursors H, H+10 and none exactly their own changes, on one upstream stream', async () => {
    await joinWithCursors(3);
  });

  it('gives twenty subscribers joining with cursors H, H+10 and none, over WebSocket and SSE, exactly their own changes', async () => {
    await joinWithCursors(20);
  }, 60_000);
});
