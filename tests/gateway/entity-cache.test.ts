/**
 * The gateway's cache of subgraph answers (gateway/cache/CACHE.md) on the whole graph, through real
 * HTTP: the subgraphs say what may be kept (Cache-Control), a second ProductPage or ProductListing
 * costs fewer subgraph fetches, a stock change, a sale and a review show on the next page within
 * 100 ms of the mutation's answer, a personal answer is never served to another caller, and with
 * CACHE=off nothing is kept.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphName } from '../../schema/subgraphs.js';
import { locations } from '../../subgraphs/shared/universe.js';
import type { SubgraphPrincipal } from '../../platform/principal.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { vouchFor } from '../support/subgraph.js';
import { asCallCenter, asCustomer, asStoreStaff } from '../support/tokens.js';
import { PRODUCT_ID, adjustStock, freshWithin, metric, productPage, requestsOf, requestsSince, sellOne, totalOf, type PageProduct } from '../support/entity-cache.js';

const WAREHOUSE_ID = locations().find((location) => location.kind === 'WAREHOUSE')!.id;
const PICKUP_STORE_ID = locations().find((location) => location.kind === 'STORE' && location.pickupEnabled)!.id;

describe('the cache of subgraph answers', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(async () => {
    await graph?.close();
  });

  describe('what the subgraphs say may be kept', () => {
    const ask = async (subgraph: SubgraphName, query: string, as: SubgraphPrincipal = { authenticated: false, scopes: [] }) => {
      const response = await fetch(graph.subgraphs[subgraph].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await vouchFor(as, graph.internalTokenSecret)) },
        body: JSON.stringify({ query }),
      });
      await response.text();
      return response.headers.get('cache-control');
    };
    const agent: SubgraphPrincipal = { authenticated: true, subject: 'agent-007', scopes: ['callcenter'] };

    it('answers a query that did not read the principal with public, max-age: the same for everyone', async () => {
      expect(await ask('inventory', '{ location(id: "store-01") { id name } }')).toBe('public, max-age=300');
      expect(await ask('inventory', '{ location(id: "store-01") { id name } }', agent)).toBe('public, max-age=300');
    });

    it('answers private when a resolver read who asks, not merely because the request had a context', async () => {
      expect(await ask('inventory', '{ reservation(id: "res-unknown") { id } }', agent)).toBe('private, max-age=300');
    });

    it('answers no-store to a mutation, to an answer with errors, and from a subgraph that declares no max-age', async () => {
      expect(await ask('reviews', 'mutation { submitReview(input: { productId: "prod-00001", customerId: "x", rating: 9, title: "t", body: "b" }) { userErrors { code } } }', agent)).toBe('no-store');
      expect(await ask('inventory', '{ reservation(id: "res-unknown") { id } }')).toBe('no-store');
      expect(await ask('inventory', '{ nope }')).toBe('no-store');
      expect(await ask('customer', '{ customer(id: "cust-00001") { id } }', agent)).toBe('no-store');
    });
  });

  it('answers a second ProductPage and ProductListing with fewer subgraph fetches, the same data, and the inventory and reviews from the cache', async () => {
    const listing = () => postGraphQL(graph.gatewayUrl, operation('ProductListing'), { channel: 'WEB', first: 20 });
    const start = requestsOf(graph);
    const firstPage = await productPage(graph.gatewayUrl);
    const firstListing = (await listing()).body;
    const cold = requestsSince(start, requestsOf(graph));
    const warmStart = requestsOf(graph);
    const secondPage = await productPage(graph.gatewayUrl);
    const secondListing = (await listing()).body;
    const warm = requestsSince(warmStart, requestsOf(graph));

    expect(secondPage).toEqual(firstPage);
    expect(secondListing).toEqual(firstListing);
    expect(totalOf(warm)).toBeLessThan(totalOf(cold));
    expect(warm.inventory).toBe(0);
    expect(warm.reviews).toBe(0);
    expect(await metric(graph.gatewayUrl, 'gateway_cache_hits_total', 'subgraph="inventory"')).toBeGreaterThan(0);
    expect(await metric(graph.gatewayUrl, 'gateway_cache_hits_total', 'subgraph="reviews"')).toBeGreaterThan(0);
    expect(await metric(graph.gatewayUrl, 'gateway_cache_bytes', '')).toBeGreaterThan(0);
    console.log(`subgraph fetches of ProductPage + ProductListing: ${totalOf(cold)} cold (${JSON.stringify(cold)}), ${totalOf(warm)} warm (${JSON.stringify(warm)})`);
  });

  it('shows every stock change on the next ProductPage: no read serves the old stock 100 ms after the mutation answered', async () => {
    const latencies: number[] = [];
    for (let round = 1; round <= 4; round++) {
      const before = await productPage(graph.gatewayUrl);
      const variant = before.variants[0]!;
      // The page is served from the cache now: what follows checks that the change drops it.
      const inventoryBefore = graph.subgraphs.inventory.stats.requests;
      expect(await productPage(graph.gatewayUrl)).toEqual(before);
      expect(graph.subgraphs.inventory.stats.requests).toBe(inventoryBefore);

      if (round % 2 === 1) {
        // A delivery at a warehouse: what the web sells.
        const answeredAt = await adjustStock(graph.gatewayUrl, variant.sku, WAREHOUSE_ID, round);
        const fresh = (page: PageProduct) => page.variants.find((v) => v.sku === variant.sku)!.availableOnline === variant.availableOnline! + round;
        latencies.push(await freshWithin(answeredAt, () => productPage(graph.gatewayUrl), fresh));
      } else {
        // A till sale in the nearest store that has it.
        const store = variant.availability![0]!;
        const answeredAt = await sellOne(graph.gatewayUrl, variant.sku, store.location.id);
        const fresh = (page: PageProduct) =>
          // A store left with nothing drops out of the list.
          (page.variants.find((v) => v.sku === variant.sku)!.availability!.find((a) => a.location.id === store.location.id)?.available ?? 0) === store.available - 1;
        latencies.push(await freshWithin(answeredAt, () => productPage(graph.gatewayUrl), fresh));
      }
    }
    expect(await metric(graph.gatewayUrl, 'gateway_cache_invalidations_total', 'subgraph="inventory"')).toBeGreaterThanOrEqual(4);
    console.log(`stock changes seen on ProductPage after the mutation's answer: worst ${Math.max(...latencies).toFixed(1)} ms (${latencies.map((ms) => ms.toFixed(1)).join(', ')})`);
  });

  it('shows a submitted review on the next ProductPage: its rating and its reviews', async () => {
    const before = await productPage(graph.gatewayUrl);
    const reviewsBefore = graph.subgraphs.reviews.stats.requests;
    await productPage(graph.gatewayUrl);
    expect(graph.subgraphs.reviews.stats.requests).toBe(reviewsBefore);

    const author = `cust-cache-${randomUUID().slice(0, 8)}`;
    const { body } = await postGraphQL<{ submitReview: { review: { id: string } | null; userErrors: unknown[] } }>(
      graph.gatewayUrl,
      operation('SubmitReview'),
      { input: { productId: PRODUCT_ID, customerId: author, rating: 5, title: 'Still great', body: 'Bought it twice.' } },
      await asCustomer(author),
    );
    expect(body.data?.submitReview.userErrors).toEqual([]);
    const answeredAt = performance.now();
    const reviewId = body.data!.submitReview.review!.id;
    const latency = await freshWithin(
      answeredAt,
      () => productPage(graph.gatewayUrl),
      (page) => page.rating!.count === before.rating!.count + 1 && page.reviews!.totalCount === before.reviews!.totalCount + 1 && page.reviews!.edges[0]!.node.id === reviewId,
    );
    console.log(`a review seen on ProductPage ${latency.toFixed(1)} ms after the mutation's answer`);
  });

  describe('answers that depend on who asks', () => {
    const RESERVATION = 'query ($id: ID!) { reservation(id: $id) { id status quantity } }';
    const PRICED = 'query ($sku: ID!, $customerId: ID) { variant(sku: $sku) { sku effectivePrice(channel: WEB, customerId: $customerId) { amount } } }';

    it('serves a reservation to its customer from the cache, and never to another customer', async () => {
      const owner = await asCustomer('cust-00001');
      const { body } = await postGraphQL<{ reserveForPickup: { reservation: { id: string } | null; userErrors: unknown[] } }>(
        graph.gatewayUrl,
        operation('ReserveForPickup'),
        { input: { sku: 'SKU-00003-1', locationId: PICKUP_STORE_ID, quantity: 1, customerId: 'cust-00001' }, idempotencyKey: randomUUID() },
        owner,
      );
      expect(body.data?.reserveForPickup.userErrors).toEqual([]);
      const id = body.data!.reserveForPickup.reservation!.id;

      const first = await postGraphQL<{ reservation: { id: string } | null }>(graph.gatewayUrl, RESERVATION, { id }, owner);
      expect(first.body.data?.reservation).toMatchObject({ id, status: 'ACTIVE' });
      const inventoryBefore = graph.subgraphs.inventory.stats.requests;
      const again = await postGraphQL(graph.gatewayUrl, RESERVATION, { id }, owner);
      expect(again.body).toEqual(first.body);
      expect(graph.subgraphs.inventory.stats.requests).toBe(inventoryBefore);

      for (const other of [await asCustomer('cust-00002'), await asStoreStaff('store-elsewhere')]) {
        const refused = await postGraphQL<{ reservation: unknown }>(graph.gatewayUrl, RESERVATION, { id }, other);
        expect(refused.body.data?.reservation ?? null).toBeNull();
        expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      expect(graph.subgraphs.inventory.stats.requests).toBe(inventoryBefore + 2);
      // The call center may see it: asked of the inventory for its own principal, not served the customer's entry.
      const agent = await postGraphQL(graph.gatewayUrl, RESERVATION, { id }, await asCallCenter());
      expect(agent.body).toEqual(first.body);
      expect(graph.subgraphs.inventory.stats.requests).toBe(inventoryBefore + 3);
    });

    it('never serves a customer-priced variant or a Customer360 to another customer', async () => {
      const owner = await asCustomer('cust-00001');
      const variables = { sku: 'SKU-00002-1', customerId: 'cust-00001' };
      const own = await postGraphQL(graph.gatewayUrl, PRICED, variables, owner);
      expect(own.body.errors).toBeUndefined();
      expect(await postGraphQL(graph.gatewayUrl, PRICED, variables, owner)).toMatchObject({ body: own.body });
      const other = await postGraphQL<{ variant: { effectivePrice: unknown } }>(graph.gatewayUrl, PRICED, variables, await asCustomer('cust-00002'));
      expect(other.body.data?.variant.effectivePrice).toBeNull();
      expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const agentView = await postGraphQL<{ customer: { email: string } | null }>(graph.gatewayUrl, operation('Customer360'), { id: 'cust-00001' }, await asCallCenter());
      expect(agentView.body.data?.customer?.email).toBeTruthy();
      const otherView = await postGraphQL<{ customer: unknown }>(graph.gatewayUrl, operation('Customer360'), { id: 'cust-00001' }, await asCustomer('cust-00002'));
      expect(otherView.body.data?.customer ?? null).toBeNull();
      expect(JSON.stringify(otherView.body)).not.toContain(agentView.body.data!.customer!.email);
    });
  });
});

describe('CACHE=off', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ gatewayEnv: { CACHE: 'off' } });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('keeps nothing: every ProductPage costs the same fetches and the cache counts no hit', async () => {
    const start = requestsOf(graph);
    await productPage(graph.gatewayUrl);
    const first = requestsSince(start, requestsOf(graph));
    const secondStart = requestsOf(graph);
    await productPage(graph.gatewayUrl);
    expect(requestsSince(secondStart, requestsOf(graph))).toEqual(first);
    for (const subgraph of Object.keys(first)) {
      expect(await metric(graph.gatewayUrl, 'gateway_cache_hits_total', `subgraph="${subgraph}"`)).toBe(0);
      expect(await metric(graph.gatewayUrl, 'gateway_cache_misses_total', `subgraph="${subgraph}"`)).toBe(0);
    }
    expect(await metric(graph.gatewayUrl, 'gateway_cache_bytes', '')).toBe(0);
  });
});
