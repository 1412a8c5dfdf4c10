import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, products, type ProductSeed } from '../../subgraphs/shared/universe.js';
import { errorCodes, SIZE, startCatalog, type TestCatalog } from './harness.js';

const seeded = products(SIZE);
const tree = categories();
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await startCatalog();
});
afterAll(() => catalog?.close());

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

const LIST = `query ($first: Int, $after: String, $filter: ProductFilter) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }
  }
}`;

async function page(variables: Record<string, unknown>): Promise<Page> {
  const body = await catalog.query<{ products: Page }>(LIST, variables);
  expect(body.errors).toBeUndefined();
  return body.data!.products;
}

/** Every product id of a filtered list, following endCursor page after page. */
async function walk(filter: Record<string, unknown> | undefined, first: number): Promise<{ ids: string[]; totals: Set<number> }> {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (;;) {
    const current = await page({ first, after, filter });
    totals.add(current.totalCount);
    ids.push(...current.edges.map((e) => e.node.id));
    if (current.edges.length > 0) expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)!.cursor);
    if (!current.pageInfo.hasNextPage) return { ids, totals };
    after = current.pageInfo.endCursor;
  }
}

const idsOf = (list: ProductSeed[]) => list.map((p) => p.id);
const subtreeOf = (id: string) => new Set(tree.filter((c) => c.id === id || c.parentId === id).map((c) => c.id));

describe('Query.products pagination', () => {
  it('pages through every product once, in ordinal order, with a stable totalCount', async () => {
    const { ids, totals } = await walk(undefined, 7);
    expect(ids).toEqual(idsOf(seeded));
    expect([...totals]).toEqual([seeded.length]);
  });

  it('returns 20 products when first is not given', async () => {
    const current = await page({});
    expect(current.edges.map((e) => e.node.id)).toEqual(idsOf(seeded.slice(0, 20)));
    expect(current.pageInfo.hasNextPage).toBe(true);
  });

  it('answers first: 0 with no edges, a null endCursor and the total', async () => {
    const current = await page({ first: 0 });
    expect(current).toEqual({ totalCount: seeded.length, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
  });

  it('ends with hasNextPage false and an empty page after the last cursor', async () => {
    const last = await page({ first: 100 });
    expect(last.pageInfo.hasNextPage).toBe(false);
    const after = await page({ first: 5, after: last.pageInfo.endCursor });
    expect(after.edges).toEqual([]);
    expect(after.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it.each([-1, 101])('refuses first: %i with BAD_USER_INPUT', async (first) => {
    const body = await catalog.query(LIST, { first });
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0]!.message).toMatch(/first must be between 0 and 100/);
  });

  it.each(['not-a-cursor', Buffer.from('product:abc').toString('base64url'), Buffer.from('order:12').toString('base64url'), ''])(
    'refuses the malformed cursor %j with BAD_USER_INPUT',
    async (after) => {
      const body = await catalog.query(LIST, { first: 5, after });
      expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0]!.message).toMatch(/after is not a cursor/);
    },
  );
});

describe('Query.products filters', () => {
  it('keeps, for a channel, only the products published on it', async () => {
    const expected = seeded.filter((p) => p.listings.some((l) => l.channel === 'MARKETPLACE' && l.published));
    const { ids, totals } = await walk({ channel: 'MARKETPLACE' }, 10);
    expect(ids).toEqual(idsOf(expected));
    expect([...totals]).toEqual([expected.length]);
    expect(expected.length).toBeLessThan(seeded.length);
  });

  it('keeps, for a department, the products of all its sub-categories', async () => {
    const department = tree.find((c) => c.parentId === null)!;
    const inside = subtreeOf(department.id);
    const expected = seeded.filter((p) => inside.has(p.categoryId));
    expect(inside.size).toBeGreaterThan(1);
    const { ids, totals } = await walk({ categoryId: department.id }, 100);
    expect(ids).toEqual(idsOf(expected));
    expect([...totals]).toEqual([expected.length]);
  });

  it('keeps, for a leaf category, only its own products', async () => {
    const leaf = seeded[0]!.categoryId;
    const { ids } = await walk({ categoryId: leaf }, 100);
    expect(ids).toEqual(idsOf(seeded.filter((p) => p.categoryId === leaf)));
  });

  it('returns an empty list for an unknown category', async () => {
    expect(await page({ filter: { categoryId: 'cat-nothing' } })).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it('searches the name or the brand, ignoring case and accents', async () => {
    const brandHits = idsOf(seeded.filter((p) => p.brand === 'Éclat'));
    expect(brandHits.length).toBeGreaterThan(0);
    for (const search of ['Éclat', 'éCLAT', 'eclat', '  clat ']) {
      expect((await walk({ search }, 100)).ids, search).toEqual(brandHits);
    }
    const nameHits = idsOf(seeded.filter((p) => p.name.toLowerCase().includes('urban')));
    expect((await walk({ search: 'URBAN' }, 100)).ids).toEqual(nameHits);
  });

  it('treats % and _ in a search as plain characters', async () => {
    expect((await page({ filter: { search: '%' } })).totalCount).toBe(0);
    expect((await page({ filter: { search: '_' } })).totalCount).toBe(0);
  });

  it('matches the brand exactly', async () => {
    const expected = idsOf(seeded.filter((p) => p.brand === 'Cime'));
    expect((await walk({ brand: 'Cime' }, 100)).ids).toEqual(expected);
    expect((await page({ filter: { brand: 'cime' } })).totalCount).toBe(0);
  });

  it('requires every given criterion to hold', async () => {
    const department = tree.find((c) => c.parentId === null)!;
    const inside = subtreeOf(department.id);
    const expected = seeded.filter(
      (p) => inside.has(p.categoryId) && p.listings.some((l) => l.channel === 'APP' && l.published) && p.brand === seeded[0]!.brand,
    );
    const { ids, totals } = await walk({ categoryId: department.id, channel: 'APP', brand: seeded[0]!.brand }, 3);
    expect(ids).toEqual(idsOf(expected));
    expect([...totals]).toEqual([expected.length]);
  });
});

describe('Category.products', () => {
  const CATEGORY_PAGE = `query ($first: Int, $after: String) {
    categories { id products(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }
  }`;

  it('pages through each category and its sub-categories, like the categoryId filter', async () => {
    const first = 4;
    const body = await catalog.query(CATEGORY_PAGE, { first });
    expect(body.errors).toBeUndefined();
    for (const category of body.data.categories as { id: string; products: Page }[]) {
      const inside = subtreeOf(category.id);
      const expected = idsOf(seeded.filter((p) => inside.has(p.categoryId)));
      expect(category.products.totalCount, category.id).toBe(expected.length);
      expect(category.products.edges.map((e) => e.node.id)).toEqual(expected.slice(0, first));
      expect(category.products.pageInfo.hasNextPage).toBe(expected.length > first);
    }
  });

  it('continues after a cursor', async () => {
    const department = tree.find((c) => c.parentId === null)!;
    const inside = subtreeOf(department.id);
    const expected = idsOf(seeded.filter((p) => inside.has(p.categoryId)));
    const query = `query ($id: ID!, $after: String) { _entities(representations: [{ __typename: "Category", id: $id }]) {
      ... on Category { products(first: 3, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const body = await catalog.query(query, { id: department.id, after });
      const products = body.data._entities[0].products as Page;
      ids.push(...products.edges.map((e) => e.node.id));
      if (!products.pageInfo.hasNextPage) break;
      after = products.pageInfo.endCursor;
    }
    expect(ids).toEqual(expected);
  });

  it('refuses a page size above 100 with BAD_USER_INPUT', async () => {
    expect(errorCodes(await catalog.query(CATEGORY_PAGE, { first: 101 }))).toContain('BAD_USER_INPUT');
  });
});
