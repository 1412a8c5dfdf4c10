import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema/subgraphs.js';
import type { ProductListingQuery } from '../generated/operations.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { fetchesPerSubgraph } from '../support/query-plan.js';

let graph: TestGraph;
beforeAll(async () => {
  // 100 products, so that first: 50 really returns 50.
  graph = await startGraph({ seedScale: 0.05 });
});
afterAll(() => graph?.close());

type Counts = Record<SubgraphName, { requests: number; statements: number }>;
const snapshot = (): Counts =>
  Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [n, { requests: graph.subgraphs[n].stats.requests, statements: graph.subgraphs[n].stats.database.statements }]),
  ) as Counts;
const diff = (before: Counts, after: Counts): Counts =>
  Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [n, { requests: after[n].requests - before[n].requests, statements: after[n].statements - before[n].statements }]),
  ) as Counts;

async function listing(first: number): Promise<Counts> {
  const before = snapshot();
  const { body } = await postGraphQL<ProductListingQuery>(graph.gatewayUrl, operation('ProductListing'), { channel: 'WEB', first });
  expect(body.errors).toBeUndefined();
  expect(body.data!.products.edges).toHaveLength(first);
  return diff(before, snapshot());
}

describe('no N+1 across the graph', () => {
  it('ProductListing with first: 50 sends at most one request per subgraph per query-plan step', async () => {
    const planned = fetchesPerSubgraph(operation('ProductListing'));
    const used = await listing(50);
    for (const name of SUBGRAPH_NAMES) {
      expect(used[name].requests, name).toBeLessThanOrEqual(planned[name] ?? 0);
    }
    // Every subgraph but customer takes part in a product listing.
    expect(Object.keys(planned).sort()).toEqual(['catalog', 'inventory', 'promotions', 'reviews']);
  });

  it('each subgraph runs the same number of SQL statements for 5 and for 50 products', async () => {
    await listing(5); // warm-up: per-process caches must not count
    const small = await listing(5);
    const large = await listing(50);
    for (const name of SUBGRAPH_NAMES) {
      expect(large[name].statements, name).toBe(small[name].statements);
      expect(large[name].statements, name).toBeLessThanOrEqual(6);
    }
  });
});
