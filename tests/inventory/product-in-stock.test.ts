import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnlineOnly, isSoldOutOnline } from '../../subgraphs/inventory/seed-data.js';
import { locations, products, type ProductSeed } from '../../subgraphs/shared/universe.js';
import { SEEDED, SIZE, availableOf, startInventory, type TestInventory } from './harness.js';

const KIND = new Map(locations().map((l) => [l.id, l.kind]));
const CATALOG = products(SIZE);
const SOLD_OUT_ONLINE = CATALOG.find((p) => isSoldOutOnline(p.n))!;
const ONLINE_ONLY = CATALOG.find((p) => isOnlineOnly(p.n))!;

const IN_STOCK = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Product {
        id
        any: inStock
        web: inStock(channel: WEB)
        app: inStock(channel: APP)
        marketplace: inStock(channel: MARKETPLACE)
        callCenter: inStock(channel: CALL_CENTER)
        store: inStock(channel: STORE)
      }
    }
  }
`;
/** What the gateway sends: the key and the @requires fields fetched from the catalog. */
const representation = (product: Pick<ProductSeed, 'id' | 'variants'>) => ({
  __typename: 'Product',
  id: product.id,
  variants: product.variants.map((v) => ({ sku: v.sku })),
});

/** Whether any variant of the product has something available at a location of these kinds. */
function expectedInStock(product: ProductSeed, kinds: readonly string[]): boolean {
  const skus = new Set(product.variants.map((v) => v.sku));
  return SEEDED.levels.some((l) => skus.has(l.sku) && kinds.includes(KIND.get(l.location_id)!) && availableOf(l) > 0);
}

let inventory: TestInventory;
beforeAll(async () => {
  inventory = await startInventory();
});
afterAll(async () => {
  await inventory?.close();
});

describe('Product.inStock', () => {
  it('is false online and true in stores for a product sold out in every warehouse', async () => {
    const { data, errors } = await inventory.query(IN_STOCK, { representations: [representation(SOLD_OUT_ONLINE)] });
    expect(errors).toBeUndefined();
    expect(data._entities[0]).toEqual({
      id: SOLD_OUT_ONLINE.id,
      any: true,
      web: false,
      app: false,
      marketplace: false,
      callCenter: false,
      store: true,
    });
  });

  it('is false for the STORE channel and true online for a product no store carries', async () => {
    const { data } = await inventory.query(IN_STOCK, { representations: [representation(ONLINE_ONLY)] });
    expect(data._entities[0]).toEqual({
      id: ONLINE_ONLY.id,
      any: true,
      web: true,
      app: true,
      marketplace: true,
      callCenter: true,
      store: false,
    });
  });

  it('follows the seeded stock for every product and channel', async () => {
    const { data, errors } = await inventory.query(IN_STOCK, { representations: CATALOG.map(representation) });
    expect(errors).toBeUndefined();
    for (const [i, product] of CATALOG.entries()) {
      const online = expectedInStock(product, ['WAREHOUSE']);
      expect(data._entities[i]).toEqual({
        id: product.id,
        any: expectedInStock(product, ['STORE', 'WAREHOUSE']),
        web: online,
        app: online,
        marketplace: online,
        callCenter: online,
        store: expectedInStock(product, ['STORE']),
      });
    }
  });

  it('is false for a product without variants or whose skus are unknown', async () => {
    const { data, errors } = await inventory.query(IN_STOCK, {
      representations: [
        { __typename: 'Product', id: 'prod-empty', variants: [] },
        { __typename: 'Product', id: 'prod-ghost', variants: [{ sku: 'SKU-99999-1' }] },
      ],
    });
    expect(errors).toBeUndefined();
    for (const entity of data._entities) {
      expect([entity.any, entity.web, entity.store]).toEqual([false, false, false]);
    }
  });

  it('answers for 5 or 40 products (every channel) in one statement', async () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(40);
    const five = await inventory.measure(IN_STOCK, { representations: CATALOG.slice(0, 5).map(representation) });
    const forty = await inventory.measure(IN_STOCK, { representations: CATALOG.slice(0, 40).map(representation) });
    expect(forty.body.data._entities).toHaveLength(40);
    expect(five.statements).toBe(1);
    expect(forty.statements).toBe(1);
  });
});
