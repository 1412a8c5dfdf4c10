/**
 * Issue 5 acceptance through the running gateway: `@authenticated` / `@requiresScopes` enforced
 * before planning, ownership of customer data, and store staff moving stock in their own store.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { startGatewayAgainst } from '../gateway/helpers.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { PARIS, operation } from '../support/operations.js';
import { generateInventory } from '../../subgraphs/inventory/seed-data.js';
import { seedSize } from '../../subgraphs/shared/universe.js';
import { asCallCenter, asCustomer, asStockOffice, asStoreStaff } from '../support/tokens.js';

const OWNER = 'cust-00001';
const SOMEONE_ELSE = 'cust-00002';
/** A sku stocked in two stores of the seeded demo data. */
const { levels } = generateInventory(seedSize(0.02));
const [HOME_STORE, OTHER_STORE] = [...new Set(levels.map((l) => l.location_id).filter((id) => id.startsWith('store-')))].sort();
const SKU = levels.find((l) => l.location_id === HOME_STORE && levels.some((o) => o.sku === l.sku && o.location_id === OTHER_STORE))!.sku;
const PERSONAL = ['lastName', 'email', 'phone', 'loyalty', 'preferredStore', 'orders', 'wishlist', 'supportTickets', 'personalOffers'];

interface Recorded {
  body: string;
  headers: IncomingHttpHeaders;
}

/** A pass-through in front of a subgraph that keeps every request the gateway sends it. */
async function recordingProxy(target: string): Promise<{ url: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ body, headers: request.headers });
    const forwarded = Object.fromEntries(
      Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host' && entry[0] !== 'content-length'),
    );
    const answer = await fetch(target, { method: 'POST', headers: forwarded, body });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let graph: TestGraph;
let gateway: RunningGateway;
let customerProxy: Awaited<ReturnType<typeof recordingProxy>>;

beforeAll(async () => {
  graph = await startGraph();
  customerProxy = await recordingProxy(graph.subgraphs.customer.url);
  gateway = await startGatewayAgainst(graph, { CUSTOMER_URL: customerProxy.url, JWT_SECRET: DEVELOPMENT_JWT_SECRET });
});
afterAll(async () => {
  await gateway?.close();
  await customerProxy?.close();
  await graph?.close();
});

const customer360 = (id: string, headers: Record<string, string> = {}) =>
  postGraphQL<{ customer: Record<string, unknown> | null }>(gateway.url, operation('Customer360'), { id }, headers);

describe('Customer360', () => {
  it('gives a call-center agent everything, and the customer the same about themselves', async () => {
    const agent = await customer360(OWNER, await asCallCenter());
    expect(agent.body.errors).toBeUndefined();
    expect(agent.body.data!.customer).toMatchObject({ id: OWNER, email: expect.any(String), orders: { totalCount: expect.any(Number) } });
    const own = await customer360(OWNER, await asCustomer(OWNER));
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data).toEqual(agent.body.data);
  });

  it("answers another customer's personal fields with FORBIDDEN, and never asks the customer subgraph for their orders", async () => {
    customerProxy.requests.length = 0;
    const { status, body } = await customer360(SOMEONE_ELSE, await asCustomer(OWNER));
    expect(status).toBe(200);
    const forbidden = (body.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN');
    expect(forbidden.map((error) => (error.path as string[]).join('.')).sort()).toEqual(PERSONAL.map((field) => `customer.${field}`).sort());
    expect(forbidden[0]!.message).toMatch(/someone else/);
    // email is String!: its null propagates to the nullable customer, as the spec says.
    expect(body.data).toEqual({ customer: null });
    expect(customerProxy.requests.length).toBeGreaterThan(0);
    for (const request of customerProxy.requests) expect(request.body).not.toMatch(/orders|email|supportTickets|wishlist/);
  });

  it('answers an anonymous caller with UNAUTHORIZED and fetches nothing about the customer', async () => {
    customerProxy.requests.length = 0;
    const { status, body } = await customer360(OWNER);
    expect(status).toBe(200);
    expect(body.data).toEqual({ customer: null });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['customer'], extensions: { code: 'UNAUTHORIZED' } })]);
    expect(customerProxy.requests).toHaveLength(0);
  });

  it('keeps public customer fields readable: review authors on a product page need no token', async () => {
    const { body } = await postGraphQL(gateway.url, operation('ProductPage'), { id: 'prod-00001', channel: 'WEB', near: PARIS });
    expect(body.errors).toBeUndefined();
  });

  it('answers a field asked through an alias and a fragment at its response path', async () => {
    const query = `query($id: ID!) { who: customer(id: $id) { id ...Contact } }
      fragment Contact on Customer { mail: email firstName }`;
    const { body } = await postGraphQL(gateway.url, query, { id: SOMEONE_ELSE }, await asCustomer(OWNER));
    expect(body.errors).toEqual([expect.objectContaining({ path: ['who', 'mail'], extensions: { code: 'FORBIDDEN' } })]);
    expect(body.data).toEqual({ who: null });
  });

  it('refuses a search of all customers to a shopper, and serves it to an agent', async () => {
    const shopper = await postGraphQL(gateway.url, operation('CustomerSearch'), { search: 'an' }, await asCustomer(OWNER));
    expect(shopper.body.errors?.[0]).toMatchObject({ path: ['customers'], extensions: { code: 'FORBIDDEN' } });
    expect(shopper.body.data).toBeNull();
    const agent = await postGraphQL<{ customers: unknown[] }>(gateway.url, operation('CustomerSearch'), { search: 'an' }, await asCallCenter());
    expect(agent.body.errors).toBeUndefined();
    expect(agent.body.data!.customers.length).toBeGreaterThan(0);
  });
});

describe('AdjustStock', () => {
  const adjust = async (locationId: string, headers: Record<string, string>, key: string) =>
    postGraphQL<{ adjustStock: { changes: unknown[]; userErrors: { code: string }[] } | null }>(
      gateway.url,
      operation('AdjustStock'),
      { input: { sku: SKU, locationId, delta: 3, reason: 'RESTOCK' }, idempotencyKey: key },
      headers,
    );

  it('lets store staff adjust stock in their own store', async () => {
    const { body } = await adjust(HOME_STORE!, await asStoreStaff(HOME_STORE!), 'auth-own-store');
    expect(body.errors).toBeUndefined();
    expect(body.data!.adjustStock!.userErrors).toEqual([]);
    expect(body.data!.adjustStock!.changes).toHaveLength(1);
  });

  it("refuses store staff in another store's stock with FORBIDDEN, and moves nothing", async () => {
    const before = await adjust(OTHER_STORE!, await asStockOffice(), 'auth-probe-before');
    const { body } = await adjust(OTHER_STORE!, await asStoreStaff(HOME_STORE!), 'auth-other-store');
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.data?.adjustStock ?? null).toBeNull();
    const after = await adjust(OTHER_STORE!, await asStockOffice(), 'auth-probe-after');
    const onHand = (answer: typeof before) => (answer.body.data!.adjustStock!.changes[0] as { onHand: number }).onHand;
    // Two probes of +3 each: the refused adjustment in between moved nothing.
    expect(onHand(after) - onHand(before)).toBe(3);
  });

  it('refuses an anonymous caller with UNAUTHORIZED before any subgraph is asked', async () => {
    const requestsBefore = graph.subgraphs.inventory.stats.requests;
    const { body } = await adjust(HOME_STORE!, {}, 'auth-anonymous');
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ path: ['adjustStock'], extensions: { code: 'UNAUTHORIZED' } })]);
    expect(graph.subgraphs.inventory.stats.requests).toBe(requestsBefore);
  });

  it('refuses a shopper, who has no stock scope, with FORBIDDEN', async () => {
    const { body } = await adjust(HOME_STORE!, await asCustomer(OWNER), 'auth-shopper');
    expect(body.errors).toEqual([expect.objectContaining({ path: ['adjustStock'], extensions: { code: 'FORBIDDEN' } })]);
  });
});
