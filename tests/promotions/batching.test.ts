import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products, seedSize } from '../../subgraphs/shared/universe.js';
import { customerId } from '../../subgraphs/shared/universe.js';
import { startPromotions, type TestPromotions } from './harness.js';

const SEED_SCALE = 0.02;
const VARIANTS = products(seedSize(SEED_SCALE)).flatMap((p) => p.variants);

let promotions: TestPromotions;

beforeAll(async () => {
  promotions = await startPromotions({ seedScale: SEED_SCALE });
});
afterAll(async () => {
  await promotions?.close();
});

const PRICES = /* GraphQL */ `
  query Prices($reps: [_Any!]!, $channel: Channel!, $storeId: ID, $customerId: ID) {
    _entities(representations: $reps) {
      ... on Variant {
        sku
        effectivePrice(channel: $channel, storeId: $storeId, customerId: $customerId) { amount currency }
        activePromotions(channel: $channel, storeId: $storeId, customerId: $customerId) { id name discount { percentOff amountOff { amount currency } } }
        web: effectivePrice(channel: WEB) { amount }
        app: activePromotions(channel: APP) { id }
      }
    }
  }
`;

const variantReps = (count: number) =>
  VARIANTS.slice(0, count).map((v) => ({ __typename: 'Variant', sku: v.sku, price: { amount: v.price, currency: 'EUR' } }));

describe('batching of the promotions subgraph', () => {
  it('prices 50 variants with the same few statements as 5', async () => {
    expect(VARIANTS.length).toBeGreaterThanOrEqual(50);
    const args = { channel: 'STORE', storeId: 'store-01', customerId: customerId(1) };
    const five = await promotions.measure(PRICES, { reps: variantReps(5), ...args });
    const fifty = await promotions.measure(PRICES, { reps: variantReps(50), ...args });
    expect(five.body.errors).toBeUndefined();
    expect(fifty.body.errors).toBeUndefined();
    expect(fifty.body.data._entities).toHaveLength(50);
    // Active promotions (with channels and stores: 3), targets of the skus (1), audience of the customer (1).
    expect(fifty.statements).toBeLessThanOrEqual(5);
    expect(fifty.statements).toBe(five.statements);
  });

  it('lists the personal offers of 50 customers with one audience statement', async () => {
    const OFFERS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id personalOffers(channel: CALL_CENTER) { id } } } }`;
    const reps = (count: number) => Array.from({ length: count }, (_, i) => ({ __typename: 'Customer', id: customerId(i + 1) }));
    const five = await promotions.measure(OFFERS, { reps: reps(5) });
    const fifty = await promotions.measure(OFFERS, { reps: reps(50) });
    expect(fifty.body.errors).toBeUndefined();
    expect(fifty.body.data._entities).toHaveLength(50);
    // Active promotions (3) and the audience of the 50 customers (1).
    expect(fifty.statements).toBeLessThanOrEqual(4);
    expect(fifty.statements).toBe(five.statements);
  });

  it('resolves 50 promotion references in one batch', async () => {
    const REFS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Promotion { id channels storeIds } } }`;
    const reps = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Promotion', id: `promo-${String((i % 35) + 1).padStart(2, '0')}` }));
    const { body, statements } = await promotions.measure(REFS, { reps });
    expect(body.errors).toBeUndefined();
    expect(body.data._entities.filter((p: unknown) => p === null)).toHaveLength(5); // promo-31 to promo-35
    expect(statements).toBeLessThanOrEqual(3);
  });
});
