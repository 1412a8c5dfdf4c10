/**
 * Helpers of the cache tests (tests/gateway/entity-cache*.test.ts): the ProductPage as they read
 * it, the stock mutations they make, the subgraph requests and cache counters they compare, and
 * the 100 ms freshness check.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { SubgraphName } from '../../schema/subgraphs.js';
import type { RunningGraph } from '../../launcher/all-in-one.js';
import { postGraphQL } from './graph.js';
import { PARIS, operation } from './operations.js';
import { asStockOffice, asStoreStaff } from './tokens.js';

export interface PageVariant {
  sku: string;
  availableOnline: number | null;
  availability: { location: { id: string }; available: number }[] | null;
}

export interface PageProduct {
  inStock: boolean | null;
  rating: { count: number } | null;
  reviews: { totalCount: number; edges: { node: { id: string } }[] } | null;
  variants: PageVariant[];
}

export const PRODUCT_ID = 'prod-00002';
/** How long after a mutation's answer a read may still serve the old value. */
export const FRESH_WITHIN_MS = 100;

export type RequestCounts = Record<SubgraphName, number>;

/** The GraphQL requests each subgraph of the graph has received so far. */
export const requestsOf = (graph: RunningGraph): RequestCounts =>
  Object.fromEntries(Object.entries(graph.subgraphs).map(([name, subgraph]) => [name, subgraph.stats.requests])) as RequestCounts;

export const totalOf = (counts: RequestCounts) => Object.values(counts).reduce((total, count) => total + count, 0);

export const requestsSince = (before: RequestCounts, after: RequestCounts) =>
  Object.fromEntries(Object.entries(after).map(([name, count]) => [name, count - before[name as SubgraphName]])) as RequestCounts;

/** A sample of the gateway's /metrics (`labels` as written between the braces; '' for none); 0 when absent. */
export async function metric(graphqlUrl: string, name: string, labels: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  const line = text.split('\n').find((candidate) => (labels === '' ? candidate.startsWith(`${name} `) : candidate.startsWith(`${name}{${labels}}`)));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

export async function productPage(url: string, headers: Record<string, string> = {}): Promise<PageProduct> {
  const { body } = await postGraphQL<{ product: PageProduct | null }>(url, operation('ProductPage'), { id: PRODUCT_ID, channel: 'WEB', near: PARIS }, headers);
  expect(body.errors).toBeUndefined();
  return body.data!.product!;
}

/** A delivery of `delta` units (the back office's token); resolves to the moment its answer arrived. */
export async function adjustStock(url: string, sku: string, locationId: string, delta: number): Promise<number> {
  const { body } = await postGraphQL<{ adjustStock: { userErrors: unknown[] } }>(
    url,
    operation('AdjustStock'),
    { input: { sku, locationId, delta, reason: 'RESTOCK' }, idempotencyKey: randomUUID() },
    await asStockOffice(),
  );
  expect(body.data?.adjustStock.userErrors).toEqual([]);
  return performance.now();
}

/** One unit sold at a store's till (its staff's token); resolves to the moment its answer arrived. */
export async function sellOne(url: string, sku: string, locationId: string): Promise<number> {
  const { body } = await postGraphQL<{ recordSale: { userErrors: unknown[] } }>(
    url,
    operation('RecordSale'),
    { input: { locationId, channel: 'STORE', lines: [{ sku, quantity: 1 }] }, idempotencyKey: randomUUID() },
    await asStoreStaff(locationId),
  );
  expect(body.data?.recordSale.userErrors).toEqual([]);
  return performance.now();
}

/**
 * Reads until `isFresh` says a read shows the change, then goes on to the end of the window: no
 * read may be stale after a fresh one, nor once `FRESH_WITHIN_MS` have passed since `answeredAt`.
 * Resolves to how long after the answer the first fresh read was sent.
 */
export async function freshWithin<T>(answeredAt: number, read: () => Promise<T>, isFresh: (value: T) => boolean): Promise<number> {
  let freshAt: number | undefined;
  for (;;) {
    const sentAt = performance.now();
    const fresh = isFresh(await read());
    if (fresh) freshAt ??= sentAt - answeredAt;
    else expect(freshAt, 'a read served the old value after one served the new').toBeUndefined();
    if (!fresh && sentAt - answeredAt > FRESH_WITHIN_MS) throw new Error(`a read sent ${Math.round(sentAt - answeredAt)} ms after the mutation's answer served the old value`);
    if (performance.now() - answeredAt > FRESH_WITHIN_MS && freshAt !== undefined) return freshAt;
  }
}
