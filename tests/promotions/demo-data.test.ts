import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePromotions } from '../../subgraphs/promotions/seed.js';
import { customerId, locations, products, seedSize } from '../../subgraphs/shared/universe.js';
import { startPromotions, type TestPromotions } from './harness.js';

const SEED_SCALE = 0.02;
const SIZE = seedSize(SEED_SCALE);

let promotions: TestPromotions;

beforeAll(async () => {
  // The real clock: the demo data must make sense whenever the app runs.
  promotions = await startPromotions({ seedScale: SEED_SCALE });
});
afterAll(async () => {
  await promotions?.close();
});

interface Listed {
  id: string;
  channels: string[];
  storeIds: string[] | null;
  segment: string | null;
  startsAt: string;
  endsAt: string;
}

describe('demo promotions', () => {
  it('are generated the same way every time', () => {
    expect(generatePromotions(SIZE)).toEqual(generatePromotions(SIZE));
  });

  it('target skus, stores and customers of the shared universe', () => {
    const rows = generatePromotions(SIZE);
    const skus = new Set(products(SIZE).flatMap((p) => p.variants.map((v) => v.sku)));
    const stores = new Set(locations().filter((l) => l.kind === 'STORE').map((l) => l.id));
    expect(rows.targets.every((t) => skus.has(t.sku))).toBe(true);
    expect(rows.stores.every((s) => stores.has(s.store_id))).toBe(true);
    const customers = new Set(Array.from({ length: SIZE.customers }, (_, i) => customerId(i + 1)));
    expect(rows.audience.every((a) => customers.has(a.customer_id))).toBe(true);
    // Item lists are a few percent of the skus.
    for (const promotion of rows.promotions.filter((p) => p.sitewide === 0)) {
      const listed = rows.targets.filter((t) => t.promotion_id === promotion.id).length;
      expect(listed).toBeGreaterThan(0);
      expect(listed / skus.size).toBeLessThan(0.1);
    }
  });

  it('are 30: sitewide, item lists, channel-only, store-only and personal; mostly active, some past, some future', async () => {
    const body = await promotions.query<{ promotions: Listed[] }>(`{ promotions { id channels storeIds segment startsAt endsAt } }`);
    const all = body.data!.promotions;
    expect(all).toHaveLength(SIZE.promotions);
    const rows = generatePromotions(SIZE);
    expect(rows.promotions.some((p) => p.sitewide === 1)).toBe(true);
    expect(rows.promotions.some((p) => p.sitewide === 0)).toBe(true);
    expect(all.some((p) => p.channels.length === 1 && p.channels[0] === 'APP')).toBe(true);
    expect(all.some((p) => p.channels.length === 1 && p.channels[0] === 'WEB')).toBe(true);
    expect(all.some((p) => p.storeIds !== null && p.storeIds.length > 0)).toBe(true);
    expect(all.some((p) => p.segment === 'loyal-gold')).toBe(true);
    const now = Date.now();
    const active = all.filter((p) => Date.parse(p.startsAt) <= now && now < Date.parse(p.endsAt));
    expect(active.length).toBeGreaterThanOrEqual(20);
    expect(all.some((p) => Date.parse(p.endsAt) <= now)).toBe(true);
    expect(all.some((p) => Date.parse(p.startsAt) > now)).toBe(true);
  });

  it('give each showcase customer (1 to 10) a personal offer active now on the call center', async () => {
    const reps = Array.from({ length: 10 }, (_, i) => ({ __typename: 'Customer', id: customerId(i + 1) }));
    const body = await promotions.query(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id personalOffers(channel: CALL_CENTER) { id segment channels } } } }`,
      { reps },
    );
    expect(body.errors).toBeUndefined();
    for (const customer of body.data!._entities) {
      expect(customer.personalOffers.length, customer.id).toBeGreaterThan(0);
      for (const offer of customer.personalOffers) {
        expect(offer.segment).not.toBeNull();
        expect(offer.channels).toContain('CALL_CENTER');
      }
    }
  });

  it('discount the variants a campaign lists on its channels', async () => {
    const rows = generatePromotions(SIZE);
    const listed = rows.promotions.find((p) => p.sitewide === 0 && p.segment === null && p.name === 'Running season')!;
    const sku = rows.targets.find((t) => t.promotion_id === listed.id)!.sku;
    const variant = products(SIZE).flatMap((p) => p.variants).find((v) => v.sku === sku)!;
    const body = await promotions.query(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Variant { effectivePrice(channel: WEB) { amount } activePromotions(channel: WEB) { id } } } }`,
      { reps: [{ __typename: 'Variant', sku, price: { amount: variant.price, currency: 'EUR' } }] },
    );
    const priced = body.data!._entities[0];
    expect(priced.activePromotions.map((p: { id: string }) => p.id)).toContain(listed.id);
    expect(priced.effectivePrice.amount).toBeLessThanOrEqual(variant.price - Math.floor((variant.price * listed.percent_off! + 50) / 100));
  });
});
