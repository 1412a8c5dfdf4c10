import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, CHANNELS, products } from '../../subgraphs/shared/universe.js';
import { errorCodes, SIZE, startCatalog, type TestCatalog } from './harness.js';

const seeded = products(SIZE);
const tree = categories();
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await startCatalog();
});
afterAll(() => catalog?.close());

const PRODUCT_FIELDS = `
  id slug name description brand images
  attributes { name value }
  category { id name parent { id } }
  variants { sku barcode name options { name value } price { amount currency } }
  listings { channel published title }
`;

describe('Query.product', () => {
  const expected = seeded[6]!;

  it('returns a product by id with every field of the contract', async () => {
    const body = await catalog.query(`query ($id: ID!) { product(id: $id) { ${PRODUCT_FIELDS} } }`, { id: expected.id });
    expect(body.errors).toBeUndefined();
    const product = body.data.product;
    expect(product).toMatchObject({
      id: expected.id,
      slug: expected.slug,
      name: expected.name,
      description: expected.description,
      brand: expected.brand,
      attributes: expected.attributes,
      category: { id: expected.categoryId, parent: { id: tree.find((c) => c.id === expected.categoryId)!.parentId } },
    });
    expect(product.variants).toEqual(
      expected.variants.map((v) => ({
        sku: v.sku,
        barcode: v.barcode,
        name: v.name,
        options: v.options,
        price: { amount: v.price, currency: 'EUR' },
      })),
    );
    expect(product.listings).toHaveLength(expected.listings.length);
    expect(product.listings).toEqual(expect.arrayContaining(expected.listings));
  });

  it('gives every product one to three image URLs under its own id, main image first', async () => {
    const body = await catalog.query(`{ products(first: 100) { edges { node { id images } } } }`);
    for (const { node } of body.data.products.edges as { node: { id: string; images: string[] } }[]) {
      expect(node.images.length).toBeGreaterThanOrEqual(1);
      expect(node.images.length).toBeLessThanOrEqual(3);
      node.images.forEach((url, k) => expect(url).toBe(`https://images.example-retailer.test/${node.id}/${k + 1}.jpg`));
    }
  });

  it('returns the same product by slug', async () => {
    const body = await catalog.query(`query ($slug: String!) { product(slug: $slug) { id slug } }`, { slug: expected.slug });
    expect(body.data).toEqual({ product: { id: expected.id, slug: expected.slug } });
  });

  it('returns null, not an error, for an unknown id or slug', async () => {
    const body = await catalog.query(`{ a: product(id: "prod-99999") { id } b: product(slug: "no-such-product") { id } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ a: null, b: null });
  });

  it('refuses both id and slug, or neither, with BAD_USER_INPUT', async () => {
    const both = await catalog.query(`query ($id: ID!, $slug: String!) { product(id: $id, slug: $slug) { id } }`, {
      id: expected.id,
      slug: expected.slug,
    });
    expect(errorCodes(both)).toEqual(['BAD_USER_INPUT']);
    expect(both.errors![0]!.message).toMatch(/exactly one of id or slug/);
    const neither = await catalog.query(`{ product { id } }`);
    expect(errorCodes(neither)).toEqual(['BAD_USER_INPUT']);
    const nulls = await catalog.query(`{ product(id: null, slug: null) { id } }`);
    expect(errorCodes(nulls)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('Product.listing(channel)', () => {
  it('returns the listing of that channel, with its published flag and title', async () => {
    const product = seeded.find((p) => p.listings.some((l) => l.channel === 'MARKETPLACE'))!;
    const listing = product.listings.find((l) => l.channel === 'MARKETPLACE')!;
    const body = await catalog.query(`query ($id: ID!) { product(id: $id) { listing(channel: MARKETPLACE) { channel published title } } }`, {
      id: product.id,
    });
    expect(body.data.product.listing).toEqual(listing);
  });

  it('is null on a channel the product is not sold on', async () => {
    const product = seeded.find((p) => p.listings.length < CHANNELS.length)!;
    const missing = CHANNELS.find((c) => !product.listings.some((l) => l.channel === c))!;
    const body = await catalog.query(`query ($id: ID!, $channel: Channel!) { product(id: $id) { listing(channel: $channel) { title } } }`, {
      id: product.id,
      channel: missing,
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.product.listing).toBeNull();
  });
});

describe('Query.variant', () => {
  const product = seeded[3]!;
  const variant = product.variants.at(-1)!;

  it('returns a variant by sku, with its product', async () => {
    const body = await catalog.query(`query ($sku: ID!) { variant(sku: $sku) { sku barcode price { amount currency } product { id } } }`, {
      sku: variant.sku,
    });
    expect(body.data.variant).toEqual({
      sku: variant.sku,
      barcode: variant.barcode,
      price: { amount: variant.price, currency: 'EUR' },
      product: { id: product.id },
    });
  });

  it('returns the same variant by barcode, as scanned at the till', async () => {
    const body = await catalog.query(`query ($code: String!) { variant(barcode: $code) { sku } }`, { code: variant.barcode });
    expect(body.data).toEqual({ variant: { sku: variant.sku } });
  });

  it('returns null for an unknown sku or barcode', async () => {
    const body = await catalog.query(`{ a: variant(sku: "SKU-99999-1") { sku } b: variant(barcode: "0000000000000") { sku } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ a: null, b: null });
  });

  it('refuses both sku and barcode, or neither, with BAD_USER_INPUT', async () => {
    const both = await catalog.query(`query ($sku: ID!, $code: String!) { variant(sku: $sku, barcode: $code) { sku } }`, {
      sku: variant.sku,
      code: variant.barcode,
    });
    expect(errorCodes(both)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await catalog.query(`{ variant { sku } }`))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('Query.categories', () => {
  it('returns the whole category tree, each sub-category with its parent', async () => {
    const body = await catalog.query(`{ categories { id name parent { id name } } }`);
    expect(body.errors).toBeUndefined();
    const byId = new Map(tree.map((c) => [c.id, c]));
    expect(body.data.categories).toHaveLength(tree.length);
    for (const category of body.data.categories as { id: string; name: string; parent: { id: string; name: string } | null }[]) {
      const seed = byId.get(category.id)!;
      expect(category.name).toBe(seed.name);
      expect(category.parent?.id ?? null).toBe(seed.parentId);
      if (category.parent) expect(category.parent.name).toBe(byId.get(seed.parentId!)!.name);
    }
  });
});
