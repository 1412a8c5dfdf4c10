/**
 * Caps on subscriptions (issue 9, item 8): operations at once on one WebSocket
 * (`SUBSCRIPTION_MAX_PER_SOCKET`) and subscriptions of one caller over every WebSocket and SSE
 * stream (`SUBSCRIPTION_MAX_PER_CALLER`). One more is refused with a protocol `error` message
 * carrying SUBSCRIPTION_LIMIT_EXCEEDED, before any upstream stream opens; the others go on.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.js';
import { ErrorCode } from '../../gateway/errors.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { subscribeOverSse, subscribeOverWebSocket, type Subscriber } from '../support/subscribers.js';
import { asStoreStaff, bearer } from '../support/tokens.js';

const STOCK_WATCH = operation('StockWatch');
const ADJUST_STOCK = operation('AdjustStock');
const PER_SOCKET = 3;
const PER_CALLER = 5;

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({ gatewayEnv: { SUBSCRIPTION_MAX_PER_SOCKET: String(PER_SOCKET), SUBSCRIPTION_MAX_PER_CALLER: String(PER_CALLER) } });
}, 60_000);
afterAll(async () => {
  await graph?.close();
});

const agent = (name: string) => bearer({ sub: name, scopes: ['callcenter'] });
const upstreams = () => graph.subgraphs.inventory.stats.subscriptions;
/** A distinct stream per index (its own sku), so each accepted subscription opens its own upstream. */
const variablesFor = (index: number) => ({ skus: [`SKU-000${String(30 + index).padStart(2, '0')}-1`], locationIds: ['store-03'] });

async function socketOf(authorization: Record<string, string>): Promise<Client> {
  return createClient({ url: graph.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: authorization });
}

const refusal = (subscriber: Subscriber<unknown>) => (subscriber.error as { extensions?: Record<string, unknown> }[] | undefined)?.[0]?.extensions;

async function restock(sku: string, locationId: string): Promise<number> {
  const response = await postGraphQL<{ adjustStock: { changes: { sequence: number }[] } }>(
    graph.gatewayUrl,
    ADJUST_STOCK,
    { input: { sku, locationId, delta: 1, reason: 'RESTOCK' }, idempotencyKey: randomUUID() },
    await asStoreStaff(locationId),
  );
  return response.body.data!.adjustStock.changes[0]!.sequence;
}

describe('subscription caps', () => {
  it('documents its defaults: 100 operations per socket, 1,000 subscriptions per caller', () => {
    const config = loadGatewayConfig({});
    expect([config.subscriptionMaxPerSocket, config.subscriptionMaxPerCaller]).toEqual([100, 1_000]);
  });

  it('refuses the (N+1)th operation on one socket with an error message and a code, opens no upstream for it, and keeps the socket serving the others', async () => {
    const client = await socketOf(await agent('agent-socket'));
    const accepted: Subscriber<any>[] = [];
    try {
      const before = upstreams();
      for (let i = 0; i < PER_SOCKET; i += 1) accepted.push(subscribeOverWebSocket(graph.gatewayUrl, STOCK_WATCH, variablesFor(i), client));
      await vi.waitFor(() => expect(upstreams() - before).toBe(PER_SOCKET), { timeout: 10_000 });
      const refused = subscribeOverWebSocket(graph.gatewayUrl, STOCK_WATCH, variablesFor(PER_SOCKET), client);
      await refused.ended();
      expect(refusal(refused)).toEqual({ code: ErrorCode.SubscriptionLimitExceeded, limit: { name: 'perSocket', max: PER_SOCKET } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(upstreams() - before).toBe(PER_SOCKET);

      // The socket still serves the accepted ones...
      const sequence = await restock(variablesFor(0).skus[0]!, 'store-03');
      await accepted[0]!.waitFor((r) => r.some((x) => x.data?.stockChanged.sequence === sequence));
      // ...and takes a new one once one of them completes.
      await accepted.pop()!.stop();
      const next = subscribeOverWebSocket(graph.gatewayUrl, STOCK_WATCH, variablesFor(PER_SOCKET), client);
      await vi.waitFor(() => expect(upstreams() - before).toBe(PER_SOCKET + 1), { timeout: 10_000 });
      expect(next.error).toBeUndefined();
      accepted.push(next);
    } finally {
      await Promise.all(accepted.map((subscriber) => subscriber.stop()));
      await client.dispose();
    }
  });

  it('counts one caller’s subscriptions across sockets and SSE, refusing beyond the cap before any upstream opens; another caller is not affected', async () => {
    const authorization = await agent('agent-many-screens');
    const sockets = [await socketOf(authorization), await socketOf(authorization), await socketOf(authorization)];
    const accepted: Subscriber<any>[] = [];
    try {
      const before = upstreams();
      for (let i = 0; i < PER_CALLER; i += 1) accepted.push(subscribeOverWebSocket(graph.gatewayUrl, STOCK_WATCH, variablesFor(i), sockets[i % 2]!));
      await vi.waitFor(() => expect(upstreams() - before).toBe(PER_CALLER), { timeout: 10_000 });

      const onThirdSocket = subscribeOverWebSocket(graph.gatewayUrl, STOCK_WATCH, variablesFor(7), sockets[2]!);
      await onThirdSocket.ended();
      expect(refusal(onThirdSocket)).toEqual({ code: ErrorCode.SubscriptionLimitExceeded, limit: { name: 'perCaller', max: PER_CALLER } });

      const overSse = subscribeOverSse(`${graph.gatewayUrl}/stream`, STOCK_WATCH, variablesFor(8), authorization);
      const answer = await overSse.waitFor((r) => r.length > 0);
      expect(answer[0]?.errors?.[0]?.extensions).toEqual({ code: ErrorCode.SubscriptionLimitExceeded, limit: { name: 'perCaller', max: PER_CALLER } });
      await overSse.stop();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(upstreams() - before).toBe(PER_CALLER);

      const someoneElse = subscribeOverSse(`${graph.gatewayUrl}/stream`, STOCK_WATCH, variablesFor(9), await agent('agent-next-desk'));
      accepted.push(someoneElse);
      await vi.waitFor(() => expect(upstreams() - before).toBe(PER_CALLER + 1), { timeout: 10_000 });
      expect(someoneElse.error).toBeUndefined();

      // A place freed on one socket can be taken on another.
      await accepted.shift()!.stop();
      const again = subscribeOverWebSocket(graph.gatewayUrl, STOCK_WATCH, variablesFor(7), sockets[2]!);
      accepted.push(again);
      await vi.waitFor(() => expect(upstreams() - before).toBe(PER_CALLER + 2), { timeout: 10_000 });
      expect(again.error).toBeUndefined();
    } finally {
      await Promise.all(accepted.map((subscriber) => subscriber.stop()));
      await Promise.all(sockets.map((socket) => socket.dispose()));
    }
  });
});
