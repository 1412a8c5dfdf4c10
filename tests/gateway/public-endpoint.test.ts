/**
 * The partners' endpoint: the public contract at /public/graphql. What is outside the contract
 * does not exist there; errors say nothing internal.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';

const PARTNER_LISTING = `query PartnerListing($first: Int) {
  products(first: $first) {
    totalCount
    edges { node { id name rating { average count } inStock(channel: MARKETPLACE)
      variants { sku price { amount currency } effectivePrice(channel: MARKETPLACE) { amount currency } } } }
  }
}`;

let graph: TestGraph;
let publicUrl: string;
let headers: Record<string, string> = {};
beforeAll(async () => {
  graph = await startGraph();
  publicUrl = new URL('/public/graphql', graph.gatewayUrl).href;
  headers = await partnerHeaders(graph);
});
afterAll(async () => {
  await graph?.close();
});

/** A new partner's key. */
async function partnerHeaders(running: TestGraph): Promise<Record<string, string>> {
  const { key } = await running.gateway.partners!.addPartner('Test marketplace', 'pro');
  return { 'x-api-key': key };
}

const codes = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => body.errors?.map((e) => e.extensions?.code);

describe('the public endpoint', () => {
  it('answers a partner listing: products, prices, effective prices, ratings, availability', async () => {
    const { status, body } = await postGraphQL<{ products: { totalCount: number; edges: { node: { variants: unknown[] } }[] } }>(
      publicUrl,
      PARTNER_LISTING,
      { first: 5 },
      headers,
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data!.products.edges).toHaveLength(5);
    expect(body.data!.products.edges[0]!.node.variants.length).toBeGreaterThan(0);
  });

  it('refuses a request without a key, or with an unknown one, with 401', async () => {
    for (const keyHeaders of [{}, { 'x-api-key': 'pk_not-a-key' }]) {
      const { status, body } = await postGraphQL(publicUrl, PARTNER_LISTING, { first: 1 }, keyHeaders);
      expect(status).toBe(401);
      expect(codes(body)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('refuses a revoked key with 401', async () => {
    const { id, key } = await graph.gateway.partners!.addPartner('Former partner', 'starter');
    expect((await postGraphQL(publicUrl, '{ categories { id } }', undefined, { 'x-api-key': key })).status).toBe(200);
    await graph.gateway.partners!.revokeKey(id);
    // The key lookup is cached for PARTNER_KEY_CACHE_MS (5 s by default).
    await expect
      .poll(async () => (await postGraphQL(publicUrl, '{ categories { id } }', undefined, { 'x-api-key': key })).status, {
        timeout: 8_000,
        interval: 500,
      })
      .toBe(401);
  });

  it('answers 429 with Retry-After over the plan rate, and lets the key through once that wait is over', async () => {
    const { key } = await graph.gateway.partners!.addPartner('Eager affiliate', 'starter');
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(publicUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key },
          body: JSON.stringify({ query: '{ categories { id } }' }),
        }),
      ),
    );
    const limited = answers.find((answer) => answer.status === 429);
    expect(limited).toBeDefined();
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(((await limited!.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    expect((await postGraphQL(publicUrl, '{ categories { id } }', undefined, { 'x-api-key': key })).status).toBe(200);
  });

  it('applies the stricter public limits before any subgraph is called', async () => {
    let nested = '{ categories { id } }';
    for (let i = 0; i < 10; i++) nested = nested.replace('{ id }', '{ id parent { id } }');
    const before = graph.subgraphs.catalog.stats.requests;
    const { status, body } = await postGraphQL(publicUrl, nested, undefined, headers);
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'maxDepth', max: 8 } });
    expect(graph.subgraphs.catalog.stats.requests).toBe(before);
  });

  it('serves GraphiQL for the public schema to a browser, with a place for the key', async () => {
    const page = await fetch(publicUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/public/graphql');
    expect(html).toContain('x-api-key');
  });

  it.each([
    ['a customer', '{ customer(id: "cust-00001") { id email } }'],
    ['the stock ledger', 'subscription { stockChanged { sequence } }'],
    ['an exact per-location count', '{ variant(sku: "SKU-00001-1") { stock { onHand available } } }'],
    ['an exact store count', '{ variant(sku: "SKU-00001-1") { availability(near: { lat: 48.85, lng: 2.35 }) { available } } }'],
    ['a reservation', '{ reservation(id: "res-1") { id } }'],
    ['a stock mutation', 'mutation { recordSale(input: { locationId: "store-01", channel: STORE, lines: [] }, idempotencyKey: "k") { userErrors { code } } }'],
  ])('refuses %s as if it were never in the schema', async (_what, query) => {
    const { status, body } = await postGraphQL(publicUrl, query, undefined, headers);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(expect.arrayContaining(['GRAPHQL_VALIDATION_FAILED']));
    expect(body.data).toBeUndefined();
  });

  it("holds each partner to its plan's cost budget, refusing before any subgraph is called", async () => {
    const query = '{ products(first: 100) { edges { node { id variants { sku price { amount currency } } } } } }';
    const starter = await graph.gateway.partners!.addPartner('Small affiliate', 'starter');
    const before = graph.subgraphs.catalog.stats.requests;
    const refused = await postGraphQL(publicUrl, query, undefined, { 'x-api-key': starter.key });
    expect(refused.status).toBe(400);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: { max: 1000 } });
    expect(graph.subgraphs.catalog.stats.requests).toBe(before);
    const allowed = await postGraphQL(publicUrl, query, undefined, headers);
    expect(allowed.body.errors).toBeUndefined();
  });

  it('shows in introspection only what the contract holds', async () => {
    const { body } = await postGraphQL<{ __schema: { types: { name: string }[] } }>(publicUrl, '{ __schema { types { name } } }', undefined, headers);
    const names = body.data!.__schema.types.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Product', 'Variant', 'Money', 'Promotion', 'RatingSummary']));
    for (const hidden of ['Customer', 'Order', 'StockChange', 'Reservation', 'StockLevel', 'SupportTicket']) expect(names).not.toContain(hidden);
  });

  it('masks errors: no subgraph names, no internal messages', async () => {
    const local = await startGraph();
    try {
      const url = new URL('/public/graphql', local.gatewayUrl).href;
      const localHeaders = await partnerHeaders(local);
      await local.subgraphs.promotions.close();
      const { body } = await postGraphQL(url, PARTNER_LISTING, { first: 2 }, localHeaders);
      expect(body.errors!.length).toBeGreaterThan(0);
      const text = JSON.stringify(body.errors);
      for (const internal of ['promotions', 'catalog', 'inventory', 'serviceName', 'stack', '127.0.0.1']) expect(text).not.toContain(internal);
      expect(codes(body)).toContain('SUBGRAPH_UNAVAILABLE');
    } finally {
      await local.close();
    }
  });

  it('runs an automatic persisted query round trip: miss, register, hit', async () => {
    const query = '{ categories { id name } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    const send = (body: Record<string, unknown>) =>
      fetch(publicUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(
        async (r) => (await r.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] },
      );
    expect(codes(await send({ extensions }))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await send({ query, extensions })).data).toBeTruthy();
    expect((await send({ extensions })).data).toBeTruthy();
  });
});

describe('the public endpoint in safelist mode', () => {
  it('runs registered operations (by text or by hash alone) and refuses any other', async () => {
    const registered = '{ categories { id name } }';
    const dir = mkdtempSync(join(tmpdir(), 'safelist-'));
    const manifest = join(dir, 'persisted-query-manifest.json');
    const id = createHash('sha256').update(registered).digest('hex');
    writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id, name: 'Categories', type: 'query', body: registered }] }));
    const local = await startGraph({ gatewayEnv: { PUBLIC_SAFELIST_PATH: manifest } });
    try {
      const url = new URL('/public/graphql', local.gatewayUrl).href;
      const localHeaders = await partnerHeaders(local);
      expect((await postGraphQL(url, registered, undefined, localHeaders)).body.data).toBeTruthy();
      const byHash = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...localHeaders },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } }),
      });
      expect(((await byHash.json()) as { data?: unknown }).data).toBeTruthy();
      const refused = await postGraphQL(url, '{ categories { id } }', undefined, localHeaders);
      expect(refused.status).toBe(400);
      expect(codes(refused.body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
      // The main endpoint is not safelisted.
      expect((await postGraphQL(local.gatewayUrl, '{ categories { id } }')).body.data).toBeTruthy();
    } finally {
      await local.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
