import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '../../subgraphs/shared/universe.js';
import { SIZE, startCatalog, type TestCatalog } from './harness.js';

const seeded = products(SIZE);
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await startCatalog();
});
afterAll(() => catalog?.close());

const LISTING = `query ($first: Int!, $channel: Channel!) {
  products(first: $first) {
    totalCount
    edges { cursor node {
      id slug
      listing(channel: $channel) { title published }
      category { id name }
      variants { sku price { amount currency } product { id } }
    } }
  }
}`;

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename
  ... on Variant { sku name price { amount currency } }
  ... on Product { id name }
  ... on Category { id name }
} }`;

describe('batched loading (no N+1)', () => {
  it('runs the same few SQL statements for products(first: 5) and products(first: 50)', async () => {
    const five = await catalog.measure(LISTING, { first: 5, channel: 'WEB' });
    const fifty = await catalog.measure(LISTING, { first: 50, channel: 'WEB' });
    expect(five.body.errors).toBeUndefined();
    expect(fifty.body.errors).toBeUndefined();
    expect(five.body.data.products.edges).toHaveLength(5);
    expect(fifty.body.data.products.edges).toHaveLength(50);
    expect(fifty.statements).toBe(five.statements);
    // page + count + variants + listings + categories
    expect(fifty.statements).toBeLessThanOrEqual(5);
  });

  it('counts the total only when totalCount is selected', async () => {
    const { statements } = await catalog.measure(`{ products(first: 50) { edges { node { id } } } }`);
    expect(statements).toBe(1);
  });

  it('loads 50 variant representations with one statement', async () => {
    const variants = seeded.flatMap((p) => p.variants).slice(0, 50);
    const { body, statements } = await catalog.measure(ENTITIES, {
      representations: variants.map((v) => ({ __typename: 'Variant', sku: v.sku })),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data._entities.map((e: { sku: string }) => e.sku)).toEqual(variants.map((v) => v.sku));
    expect(statements).toBe(1);
  });

  it('loads 50 product representations with one statement, and their variants and listings with one each', async () => {
    const some = seeded.slice(0, 50);
    const representations = some.map((p) => ({ __typename: 'Product', id: p.id }));
    const plain = await catalog.measure(ENTITIES, { representations });
    expect(plain.body.data._entities.map((e: { id: string }) => e.id)).toEqual(some.map((p) => p.id));
    expect(plain.statements).toBe(1);

    const deep = await catalog.measure(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Product { id listing(channel: STORE) { title } listings { channel } variants { sku product { id } } } } }`,
      { representations },
    );
    expect(deep.body.errors).toBeUndefined();
    expect(deep.statements).toBe(3);
  });

  it('answers representations in order, with null for unknown keys, one statement per type', async () => {
    const { body, statements } = await catalog.measure(ENTITIES, {
      representations: [
        { __typename: 'Variant', sku: seeded[1]!.variants[0]!.sku },
        { __typename: 'Product', id: 'prod-99999' },
        { __typename: 'Category', id: seeded[0]!.categoryId },
        { __typename: 'Variant', sku: 'SKU-99999-9' },
        { __typename: 'Product', id: seeded[2]!.id },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([
      expect.objectContaining({ __typename: 'Variant', sku: seeded[1]!.variants[0]!.sku }),
      null,
      expect.objectContaining({ __typename: 'Category', id: seeded[0]!.categoryId }),
      null,
      expect.objectContaining({ __typename: 'Product', id: seeded[2]!.id }),
    ]);
    expect(statements).toBe(3);
  });

  it('pages the products of every category with one statement for the pages and one for the totals', async () => {
    const { body, statements } = await catalog.measure(
      `{ categories { id products(first: 3) { totalCount edges { node { id } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.categories.length).toBeGreaterThan(10);
    expect(statements).toBe(3);
  });
});
