/**
 * Who may watch live stock, through the running gateway: the principal comes from connection_init
 * (WebSocket) or the request headers (SSE), is checked at subscribe time, and a token that expires
 * mid-stream ends the stream with a clear reason.
 */
import { randomUUID } from 'node:crypto';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { generateInventory } from '../../subgraphs/inventory/seed-data.js';
import { seedSize } from '../../subgraphs/shared/universe.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { asStockOffice, bearer } from '../support/tokens.js';

const { levels } = generateInventory(seedSize(0.02));
const LEVEL = levels.find((l) => l.location_id.startsWith('store-'))!;

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.close());

interface Stream {
  events: { data?: { stockChanged?: { sequence: number } } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  error?: unknown;
  done: Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- graphql-ws and graphql-sse clients type their sinks apart
function watch(client: { subscribe: (...args: any[]) => unknown }): Stream {
  const stream: Stream = { events: [], done: Promise.resolve() };
  stream.done = new Promise<void>((resolve) => {
    client.subscribe(
      { query: operation('StockWatch'), variables: { skus: [LEVEL.sku], locationIds: [LEVEL.location_id] } },
      {
        next: (event: unknown) => void stream.events.push(event as Stream['events'][number]),
        error: (error: unknown) => {
          stream.error = error;
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return stream;
}

function webSocketClient(connectionParams: Record<string, unknown>): { client: Client; closed: Promise<{ code: number; reason: string }> } {
  let closed!: (event: { code: number; reason: string }) => void;
  const client = createWsClient({
    url: graph.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams,
    on: { closed: (event) => closed(event as { code: number; reason: string }) },
  });
  return { client, closed: new Promise((resolve) => (closed = resolve)) };
}

async function sell(): Promise<number> {
  const { body } = await postGraphQL<{ recordSale: { changes: { sequence: number }[] } }>(
    graph.gatewayUrl,
    operation('RecordSale'),
    { input: { locationId: LEVEL.location_id, channel: 'STORE', lines: [{ sku: LEVEL.sku, quantity: 1 }] }, idempotencyKey: randomUUID() },
    await asStockOffice(),
  );
  expect(body.errors).toBeUndefined();
  return body.data!.recordSale.changes[0]!.sequence;
}

const until = async (condition: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Sells until one of the sales reaches the stream: it is live then, whatever the machine's load. */
async function sellUntilSeen(stream: Stream): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const sequence = await sell();
    const seen = () => stream.events.some((event) => event.data?.stockChanged?.sequence === sequence);
    await until(() => seen() || stream.error !== undefined, 500).catch(() => undefined);
    if (seen()) return;
  }
  throw new Error(`no sale reached the stream: ${JSON.stringify(stream.events)} ${String(stream.error)}`);
}

describe('StockWatch over WebSocket', () => {
  it('refuses an anonymous subscriber at subscribe time with UNAUTHORIZED', async () => {
    const { client } = webSocketClient({});
    const stream = watch(client);
    await stream.done;
    expect(stream.events).toEqual([]);
    expect(stream.error).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHORIZED' } })]);
    await client.dispose();
  });

  it('refuses a connection whose authorization is not a string (never anonymous), saying why (4401)', async () => {
    for (const authorization of [{ token: 'x' }, 42, ['Bearer x']]) {
      const { client, closed } = webSocketClient({ authorization });
      const stream = watch(client);
      expect(await closed).toMatchObject({ code: 4401, reason: 'Unauthorized: malformed' });
      await stream.done;
      await client.dispose();
    }
  });

  it('refuses a connection whose token does not verify, saying why (4401)', async () => {
    const forged = (await bearer({ sub: 'agent-1', scopes: ['callcenter'] })).authorization!.slice(0, -4) + 'AAAA';
    const { client, closed } = webSocketClient({ authorization: forged });
    const stream = watch(client);
    expect(await closed).toMatchObject({ code: 4401, reason: 'Unauthorized: bad-signature' });
    await stream.done;
    await client.dispose();
  });

  it('streams to a signed-in agent, then closes the connection with 4401 when the token expires', async () => {
    const { authorization } = await bearer({ sub: 'agent-2', scopes: ['callcenter'], expiresIn: '6s' });
    const { client, closed } = webSocketClient({ authorization });
    const stream = watch(client);
    await sellUntilSeen(stream);
    expect(stream.error).toBeUndefined();
    expect(await closed).toMatchObject({ code: 4401, reason: 'Unauthorized: token expired' });
    await client.dispose();
  });
});

describe('filtering every event', () => {
  it("answers each event's fields the subscriber may not read with null and FORBIDDEN, and delivers the rest", async () => {
    const query = `subscription ($skus: [ID!], $locationIds: [ID!]) {
      stockChanged(skus: $skus, locationIds: $locationIds) {
        sequence
        variant { product { name reviews(first: 3) { edges { node { rating author { firstName email } } } } } }
      }
    }`;
    // The back office may read no customer's e-mail (store staff now may, of customers who consented: customer/ACCESS.md).
    const { authorization } = await bearer({ sub: 'backoffice-9', scopes: ['stock:write'] });
    const { client } = webSocketClient({ authorization });
    const stream: Stream = { events: [], done: Promise.resolve() };
    client.subscribe(
      { query, variables: { skus: [LEVEL.sku], locationIds: [LEVEL.location_id] } },
      { next: (event: unknown) => void stream.events.push(event as Stream['events'][number]), error: (error: unknown) => (stream.error = error), complete: () => {} },
    );
    await sellUntilSeen(stream);
    const event = stream.events.at(-1) as unknown as {
      data: { stockChanged: { sequence: number; variant: { product: { name: string; reviews: { edges: { node: { author: unknown } }[] } } } } };
      errors?: { path: (string | number)[]; extensions: { code: string } }[];
    };
    expect(event.data.stockChanged.variant.product.name).toEqual(expect.any(String));
    expect(event.errors?.length).toBeGreaterThan(0);
    for (const error of event.errors!) {
      expect(error.extensions.code).toBe('FORBIDDEN');
      expect(error.path.slice(0, 5)).toEqual(['stockChanged', 'variant', 'product', 'reviews', 'edges']);
      expect(error.path.at(-1)).toBe('email');
    }
    // Customer.email is non-null: each author that carried it is null, its review and the event stay.
    expect(event.data.stockChanged.variant.product.reviews.edges.length).toBeGreaterThan(0);
    for (const edge of event.data.stockChanged.variant.product.reviews.edges) expect(edge.node.author).toBeNull();
    await client.dispose();
  });
});

describe('sharing live streams', () => {
  it('shares one upstream stream between agents with the same rights, and never with a shopper', async () => {
    const upstreamBefore = graph.subgraphs.inventory.stats.subscriptions;
    const agents = await Promise.all(['agent-10', 'agent-11'].map((sub) => bearer({ sub, scopes: ['callcenter'] })));
    const shopper = await bearer({ sub: 'cust-00003', scopes: ['customer'] });
    const clients = [...agents, shopper].map(({ authorization }) => webSocketClient({ authorization }).client);
    const streams = clients.map(watch);
    for (const stream of streams) await sellUntilSeen(stream);
    expect(streams.every((stream) => stream.error === undefined)).toBe(true);
    expect(graph.subgraphs.inventory.stats.subscriptions - upstreamBefore).toBe(2);
    await Promise.all(clients.map((client) => client.dispose()));
  });
});

describe('StockWatch over SSE', () => {
  it('ends the stream with one UNAUTHORIZED event (reason expired) when the token expires', async () => {
    const headers = await bearer({ sub: 'agent-3', scopes: ['callcenter'], expiresIn: '6s' });
    const client = createSseClient({ url: graph.gatewayUrl.replace(/\/graphql$/, '/graphql/stream'), headers, retryAttempts: 0 });
    const stream = watch(client);
    await sellUntilSeen(stream);
    await stream.done;
    expect(stream.error).toBeUndefined();
    expect(stream.events.at(-1)).toEqual({
      errors: [expect.objectContaining({ message: expect.stringMatching(/expired/), extensions: { code: 'UNAUTHORIZED', reason: 'expired' } })],
    });
    client.dispose();
  });

  it('refuses an anonymous subscriber with UNAUTHORIZED', async () => {
    const client = createSseClient({ url: graph.gatewayUrl.replace(/\/graphql$/, '/graphql/stream'), retryAttempts: 0 });
    const stream = watch(client);
    await stream.done;
    const errors = [...stream.events.flatMap((event) => event.errors ?? []), ...((stream.error as { extensions?: unknown }[] | undefined) ?? [])];
    expect(errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHORIZED' } })]);
    client.dispose();
  });
});
