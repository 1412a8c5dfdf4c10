import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPromotions, errorCodes, type TestPromotions } from './harness.js';
import { NOW, seedFixture } from './fixture.js';

const PRICE = /* GraphQL */ `
  query Price($reps: [_Any!]!, $channel: Channel!, $storeId: ID, $customerId: ID) {
    _entities(representations: $reps) {
      ... on Variant {
        sku
        effectivePrice(channel: $channel, storeId: $storeId, customerId: $customerId) { amount currency }
        activePromotions(channel: $channel, storeId: $storeId, customerId: $customerId) { id }
      }
    }
  }
`;

interface Priced {
  sku: string;
  effectivePrice: { amount: number; currency: string };
  activePromotions: { id: string }[];
}

let promotions: TestPromotions;

beforeAll(async () => {
  promotions = await startPromotions({ seed: seedFixture, now: NOW });
});
afterAll(async () => {
  await promotions?.close();
});

async function priceOf(
  sku: string,
  amount: number,
  where: { channel: string; storeId?: string; customerId?: string },
  currency = 'EUR',
): Promise<{ amount: number; promotions: string[] }> {
  const body = await promotions.query<{ _entities: Priced[] }>(PRICE, {
    reps: [{ __typename: 'Variant', sku, price: { amount, currency } }],
    ...where,
  });
  expect(body.errors).toBeUndefined();
  const variant = body.data!._entities[0]!;
  expect(variant.sku).toBe(sku);
  expect(variant.effectivePrice.currency).toBe(currency);
  return { amount: variant.effectivePrice.amount, promotions: variant.activePromotions.map((p) => p.id) };
}

describe('Variant.effectivePrice and Variant.activePromotions', () => {
  it('rounds a percentage discount half up to the minor unit', async () => {
    // 25% of 19.98 is 4.995: 5.00 off.
    expect(await priceOf('SKU-B', 1998, { channel: 'WEB' })).toEqual({ amount: 1498, promotions: ['p-items-25', 'p-sitewide-10'] });
    // 25% of 19.99 is 4.9975: 5.00 off.
    expect((await priceOf('SKU-B', 1999, { channel: 'WEB' })).amount).toBe(1499);
    // 25% of 19.97 is 4.9925: 4.99 off.
    expect((await priceOf('SKU-B', 1997, { channel: 'WEB' })).amount).toBe(1498);
    // 25% of 0.02 is 0.005: 0.01 off.
    expect((await priceOf('SKU-B', 2, { channel: 'WEB' })).amount).toBe(1);
  });

  it('applies the best single discount, never the sum of them, and lists the best first', async () => {
    // 10 EUR off beats 25% (5.00) and 10% (2.00) of 19.98.
    expect(await priceOf('SKU-A', 1998, { channel: 'WEB' })).toEqual({
      amount: 998,
      promotions: ['p-items-1000-off', 'p-items-25', 'p-sitewide-10'],
    });
    // 25% (15.00) beats 10 EUR off and 10% (6.00) of 60.00.
    expect(await priceOf('SKU-A', 6000, { channel: 'WEB' })).toEqual({
      amount: 4500,
      promotions: ['p-items-25', 'p-items-1000-off', 'p-sitewide-10'],
    });
  });

  it('caps an amount off at the price: the price never goes below zero', async () => {
    expect(await priceOf('SKU-CHEAP', 500, { channel: 'WEB' })).toEqual({ amount: 0, promotions: ['p-items-1000-off', 'p-sitewide-10'] });
  });

  it('takes an amount off only from a price in the same currency', async () => {
    expect(await priceOf('SKU-CHEAP', 500, { channel: 'WEB' }, 'USD')).toEqual({ amount: 450, promotions: ['p-sitewide-10'] });
  });

  it('applies a channel-only promotion on its channel only', async () => {
    expect((await priceOf('SKU-C', 1000, { channel: 'APP' })).amount).toBe(700);
    expect(await priceOf('SKU-C', 1000, { channel: 'WEB' })).toEqual({ amount: 900, promotions: ['p-sitewide-10'] });
  });

  it('applies a store-only promotion only when one of its stores is given', async () => {
    expect(await priceOf('SKU-X', 1000, { channel: 'STORE' })).toEqual({ amount: 900, promotions: ['p-sitewide-10'] });
    expect(await priceOf('SKU-X', 1000, { channel: 'STORE', storeId: 'store-01' })).toEqual({
      amount: 800,
      promotions: ['p-stores-20', 'p-sitewide-10'],
    });
    expect((await priceOf('SKU-X', 1000, { channel: 'STORE', storeId: 'store-03' })).amount).toBe(900);
    // The store promotion is sold in stores only, not on the web even with a store id.
    expect((await priceOf('SKU-X', 1000, { channel: 'WEB', storeId: 'store-01' })).amount).toBe(900);
  });

  it('applies a personal offer only when a customer of its audience is given', async () => {
    expect((await priceOf('SKU-X', 1000, { channel: 'WEB' })).amount).toBe(900);
    expect(await priceOf('SKU-X', 1000, { channel: 'WEB', customerId: 'cust-00001' })).toEqual({
      amount: 850,
      promotions: ['p-gold-15', 'p-sitewide-10'],
    });
    expect((await priceOf('SKU-X', 1000, { channel: 'WEB', customerId: 'cust-00009' })).amount).toBe(900);
    expect(await priceOf('SKU-X', 1000, { channel: 'CALL_CENTER', customerId: 'cust-00003' })).toEqual({
      amount: 500,
      promotions: ['p-goodwill-500-off', 'p-sitewide-10'],
    });
  });

  it('applies a promotion from its start (inclusive) to its end (exclusive) on the clock of the request', async () => {
    try {
      promotions.setNow(new Date('2026-06-01T00:00:00.000Z'));
      expect(await priceOf('SKU-X', 1000, { channel: 'WEB' })).toEqual({ amount: 500, promotions: ['p-expired-50'] });
      promotions.setNow(new Date('2028-01-01T00:00:00.000Z'));
      expect(await priceOf('SKU-X', 1000, { channel: 'WEB' })).toEqual({ amount: 600, promotions: ['p-future-40'] });
      promotions.setNow(new Date('2027-12-31T23:59:59.999Z'));
      expect(await priceOf('SKU-X', 1000, { channel: 'WEB' })).toEqual({ amount: 900, promotions: ['p-sitewide-10'] });
    } finally {
      promotions.setNow(NOW);
    }
  });

  it('prices many variants of one _entities call independently', async () => {
    const body = await promotions.query<{ _entities: Priced[] }>(PRICE, {
      reps: [
        { __typename: 'Variant', sku: 'SKU-A', price: { amount: 1998, currency: 'EUR' } },
        { __typename: 'Variant', sku: 'SKU-B', price: { amount: 1998, currency: 'EUR' } },
        { __typename: 'Variant', sku: 'SKU-UNLISTED', price: { amount: 1998, currency: 'EUR' } },
      ],
      channel: 'WEB',
    });
    expect(body.data!._entities.map((v) => [v.sku, v.effectivePrice.amount])).toEqual([
      ['SKU-A', 998],
      ['SKU-B', 1498],
      ['SKU-UNLISTED', 1798],
    ]);
  });

  it('refuses to price a variant whose representation lacks the required price', async () => {
    const body = await promotions.query(PRICE, { reps: [{ __typename: 'Variant', sku: 'SKU-A' }], channel: 'WEB' });
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
  });
});
