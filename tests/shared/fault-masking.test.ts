import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogSubgraph } from '../../subgraphs/catalog/index.js';
import { withSchemaChangeLock } from '../../platform/migrate.js';
import { startTestSubgraph, type TestSubgraph } from '../support/subgraph.js';

let catalog: TestSubgraph;
beforeAll(async () => {
  catalog = await startTestSubgraph(catalogSubgraph, 0.01);
});
afterAll(() => catalog?.close());

describe('a subgraph fault', () => {
  it('reaches the caller as INTERNAL_SERVER_ERROR at its path, without SQL or table names, next to the data that worked', async () => {
    const store = await catalog.openStore();
    try {
      // Under the lock other test files' migrators take: they read every schema's catalogue.
      await withSchemaChangeLock(store.db, () => sql`drop table channel_listings`.execute(store.db));
    } finally {
      await store.close();
    }
    const body = await catalog.query('{ product(id: "prod-00001") { id name listings { channel } } }');
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      message: 'Internal server error',
      path: ['product', 'listings'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(body)).not.toMatch(/channel_listings|relation|no such table|SQLITE/i);
    // listings is non-null: the product goes null, the rest of the answer stays well-formed.
    expect(body.data).toEqual({ product: null });
  });

  it('still answers requests errors (bad input) with their own message and code', async () => {
    const body = await catalog.query('{ products(first: -1) { totalCount } }');
    expect(body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toMatch(/first/);
  });
});
