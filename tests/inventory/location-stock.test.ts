/**
 * A store screen's stock table through the gateway: `Location.stock` pages cover every level of the
 * store exactly once, by sku, each naming its variant; only staff of that store, the call center and
 * `stock:write` may read it (RULES.md, "Who may read a store's stock and pick-ups").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInventory } from '../../subgraphs/inventory/seed-data.js';
import { seedSize } from '../../subgraphs/shared/universe.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { asCallCenter, asCustomer, asStockOffice, asStoreStaff } from '../support/tokens.js';

const SEEDED = generateInventory(seedSize(0.02));
const STORE = 'store-03';
const OTHER_STORE = 'store-04';
const STORE_SKUS = SEEDED.levels.filter((l) => l.location_id === STORE).map((l) => l.sku).sort();

const STOCK_PAGE = `query StockPage($id: ID!, $first: Int, $after: String) {
  location(id: $id) {
    id
    stock(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { onHand reserved available version location { id } variant { sku name barcode product { name } } } }
    }
  }
}`;

interface StockPage {
  location: {
    id: string;
    stock: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { cursor: string; node: { onHand: number; version: number; location: { id: string }; variant: { sku: string; name: string; barcode: string; product: { name: string } } | null } }[];
    };
  } | null;
}

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.close();
});

const readPage = async (headers: Record<string, string>, variables: Record<string, unknown>) =>
  postGraphQL<StockPage>(graph.gatewayUrl, STOCK_PAGE, { id: STORE, ...variables }, headers);

describe('Location.stock through the gateway', () => {
  it("gives a store's staff every level of the store exactly once, by sku, in pages, each naming its variant", async () => {
    const staff = await asStoreStaff(STORE);
    const skus: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { body } = await readPage(staff, { first: 50, after });
      expect(body.errors).toBeUndefined();
      const stock = body.data!.location!.stock;
      expect(stock.totalCount).toBe(STORE_SKUS.length);
      for (const { node } of stock.edges) {
        expect(node.location.id).toBe(STORE);
        expect(node.variant).toMatchObject({ sku: expect.any(String), name: expect.stringMatching(/\S/), barcode: expect.stringMatching(/\S/), product: { name: expect.stringMatching(/\S/) } });
        skus.push(node.variant!.sku);
      }
      pages += 1;
      expect(stock.pageInfo.endCursor).toBe(stock.edges.at(-1)?.cursor ?? null);
      if (!stock.pageInfo.hasNextPage) break;
      expect(stock.edges).toHaveLength(50);
      after = stock.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(STORE_SKUS.length / 50));
    expect(skus).toEqual(STORE_SKUS);
  });

  it('answers the whole store in one page of the default size (500)', async () => {
    const { body } = await readPage(await asCallCenter(), {});
    expect(body.errors).toBeUndefined();
    expect(body.data!.location!.stock.edges.map((e) => e.node.variant!.sku)).toEqual(STORE_SKUS);
    expect(body.data!.location!.stock.pageInfo).toEqual({ hasNextPage: false, endCursor: body.data!.location!.stock.edges.at(-1)!.cursor });
  });

  it('lets the call center and stock:write read any store', async () => {
    for (const headers of [await asCallCenter(), await asStockOffice()]) {
      const { body } = await readPage(headers, { first: 5 });
      expect(body.errors).toBeUndefined();
      expect(body.data!.location!.stock.edges).toHaveLength(5);
    }
  });

  it("refuses another store's staff and a customer with FORBIDDEN, an anonymous caller with UNAUTHORIZED", async () => {
    for (const [headers, code] of [
      [await asStoreStaff(OTHER_STORE), 'FORBIDDEN'],
      [await asCustomer('cust-00001'), 'FORBIDDEN'],
      [{}, 'UNAUTHORIZED'],
    ] as const) {
      const { body } = await readPage(headers, { first: 5 });
      expect(body.data?.location ?? null).toBeNull();
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      expect(body.errors![0]!.path).toEqual(['location', 'stock']);
    }
  });

  it('refuses a page size outside 1..1000 and a cursor it did not write with BAD_USER_INPUT', async () => {
    const staff = await asStoreStaff(STORE);
    for (const variables of [{ first: 0 }, { first: 1001 }, { after: 'bm90LWEtY3Vyc29y' }, { after: '' }]) {
      const { body } = await readPage(staff, variables);
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
  });
});
