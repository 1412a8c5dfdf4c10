import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Customer360Query,
  CustomerSearchQuery,
  ProductListingQuery,
  ProductPageQuery,
  StoresNearbyQuery,
  SubmitReviewMutation,
} from '../generated/operations.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { PARIS, operation } from '../support/operations.js';
import { asCallCenter, asCustomer } from '../support/tokens.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.close());

const ask = <T>(name: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
  postGraphQL<T>(graph.gatewayUrl, operation(name), variables, headers);

describe('the operations our users send, through the gateway', () => {
  it.each(['prod-00001', 'prod-00007', 'prod-00040'])(
    'ProductPage for %s combines all five subgraphs without errors',
    async (id) => {
      const { status, body } = await ask<ProductPageQuery>('ProductPage', { id, channel: 'WEB', near: PARIS });
      expect(body.errors).toBeUndefined();
      expect(status).toBe(200);
      const product = body.data!.product!;
      expect(product.id).toBe(id);
      expect(product.name).toBeTruthy(); // catalog
      expect(typeof product.inStock).toBe('boolean'); // inventory
      expect(product.rating!.distribution).toHaveLength(5); // reviews
      expect(product.rating!.count).toBe(product.reviews!.totalCount);
      expect(product.variants.length).toBeGreaterThan(0);
      for (const variant of product.variants) {
        expect(variant.effectivePrice!.currency).toBe(variant.price.currency); // promotions
        expect(variant.effectivePrice!.amount).toBeLessThanOrEqual(variant.price.amount);
        expect(Number.isInteger(variant.availableOnline)).toBe(true);
        expect(variant.availability!.length).toBeLessThanOrEqual(3);
        for (const store of variant.availability!) {
          expect(store.distanceKm).toBeLessThanOrEqual(30);
          expect(store.available).toBeGreaterThan(0);
          expect(store.location.name).toBeTruthy();
        }
      }
      // Some store near Paris has some variant: the seed stocks most stores.
      expect(product.variants.some((v) => v.availability!.length > 0)).toBe(true);
      for (const edge of product.reviews!.edges) {
        expect(edge.node.rating).toBeGreaterThanOrEqual(1);
        expect(typeof edge.node.verifiedPurchase).toBe('boolean'); // customer
      }
      expect(product.reviews!.edges.some((e) => e.node.author?.firstName)).toBe(true);
    },
  );

  it('ProductPage for an unknown product answers null, not an error', async () => {
    const { status, body } = await ask<ProductPageQuery>('ProductPage', { id: 'prod-nope', channel: 'WEB', near: PARIS });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.product).toBeNull();
  });

  it('ProductListing pages through products with prices, stock and ratings', async () => {
    const first = await ask<ProductListingQuery>('ProductListing', { channel: 'WEB', first: 10 });
    expect(first.body.errors).toBeUndefined();
    const page = first.body.data!.products;
    expect(page.edges).toHaveLength(10);
    expect(page.pageInfo.hasNextPage).toBe(true);
    for (const { node } of page.edges) {
      expect(node.variants.every((v) => v.effectivePrice!.amount >= 0 && Number.isInteger(v.availableOnline))).toBe(true);
      expect(node.rating!.count).toBeGreaterThanOrEqual(0);
    }
    const next = await ask<ProductListingQuery>('ProductListing', { channel: 'WEB', first: 10, after: page.pageInfo.endCursor });
    expect(next.body.errors).toBeUndefined();
    const seen = new Set(page.edges.map((e) => e.node.id));
    expect(next.body.data!.products.edges.some((e) => seen.has(e.node.id))).toBe(false);
    expect(next.body.data!.products.totalCount).toBe(page.totalCount);
  });

  it('Customer360 shows orders from at least three channels, wishlist, tickets, offers and reviews', async () => {
    const { body } = await ask<Customer360Query>('Customer360', { id: 'cust-00001' }, await asCallCenter());
    expect(body.errors).toBeUndefined();
    const customer = body.data!.customer!;
    expect(customer.id).toBe('cust-00001');
    const channels = new Set(customer.orders.edges.map((e) => e.node.channel));
    expect(channels.size).toBeGreaterThanOrEqual(3);
    for (const { node } of customer.orders.edges) {
      expect(node.total.amount).toBe(node.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice.amount, 0));
      expect(node.lines.every((l) => l.variant!.product.name.length > 0)).toBe(true);
    }
    expect(customer.wishlist.length).toBeGreaterThan(0);
    for (const item of customer.wishlist) {
      expect(Number.isInteger(item.variant!.availableOnline)).toBe(true);
      expect(item.variant!.product.name).toBeTruthy();
      expect(item.variant!.effectivePrice!.amount).toBeGreaterThanOrEqual(0);
    }
    expect(customer.supportTickets.length).toBeGreaterThan(0);
    expect(customer.personalOffers!.length).toBeGreaterThan(0);
    expect(customer.reviews!.length).toBeGreaterThan(0);
    expect(customer.reviews!.every((r) => r.product!.name.length > 0)).toBe(true);
  });

  it('CustomerSearch finds the caller by name', async () => {
    const agent = await asCallCenter();
    const customer = (await ask<Customer360Query>('Customer360', { id: 'cust-00002' }, agent)).body.data!.customer!;
    const { body } = await ask<CustomerSearchQuery>('CustomerSearch', { search: customer.lastName }, agent);
    expect(body.errors).toBeUndefined();
    expect(body.data!.customers.map((c) => c.id)).toContain('cust-00002');
  });

  it('StoresNearby lists stores near Paris that have the variant, nearest first', async () => {
    const { body } = await ask<StoresNearbyQuery>('StoresNearby', { sku: 'SKU-00001-1', near: PARIS });
    expect(body.errors).toBeUndefined();
    const variant = body.data!.variant!;
    expect(variant.product.name).toBeTruthy();
    const distances = variant.availability!.map((a) => a.distanceKm);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    for (const a of variant.availability!) {
      expect(a.distanceKm).toBeLessThanOrEqual(50);
      expect(a.location.address.city).toBeTruthy();
    }
  });

  it('SubmitReview publishes a review and the product rating counts it; a second one is refused', async () => {
    const input = { productId: 'prod-00003', customerId: 'cust-00399', rating: 4, title: 'Solid', body: 'Does the job.' };
    const before = (await ask<ProductPageQuery>('ProductPage', { id: 'prod-00003', channel: 'WEB', near: PARIS })).body
      .data!.product!.rating!.count;
    const reviewer = await asCustomer(input.customerId);
    const { body } = await ask<SubmitReviewMutation>('SubmitReview', { input }, reviewer);
    expect(body.errors).toBeUndefined();
    const payload = body.data!.submitReview;
    expect(payload.userErrors).toEqual([]);
    expect(payload.review!.rating).toBe(4);
    expect(payload.review!.product!.rating!.count).toBe(before + 1);
    expect(typeof payload.review!.verifiedPurchase).toBe('boolean');
    const again = await ask<SubmitReviewMutation>('SubmitReview', { input: { ...input, rating: 1 } }, reviewer);
    expect(again.body.data!.submitReview.userErrors.map((e) => e.code)).toEqual(['ALREADY_REVIEWED']);
    expect(again.body.data!.submitReview.review).toBeNull();
    const after = (await ask<ProductPageQuery>('ProductPage', { id: 'prod-00003', channel: 'WEB', near: PARIS })).body
      .data!.product!.rating!.count;
    expect(after).toBe(before + 1);
  });
});
