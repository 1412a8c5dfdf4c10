import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { createCatalogContext, type CatalogContext } from './context.js';
import { catalogMigrations } from './migrations.js';
import { catalogResolvers } from './resolvers.js';
import { seedCatalog } from './seed.js';
import type { CatalogDatabase } from './tables.js';

/** Products, variants, categories and channel listings: the catalog subgraph. */
export const catalogSubgraph: SubgraphDefinition<CatalogDatabase, CatalogContext> = {
  name: 'catalog',
  migrations: catalogMigrations,
  isEmpty: async (db) => (await db.selectFrom('products').select('id').limit(1).executeTakeFirst()) === undefined,
  seed: seedCatalog,
  createContext: createCatalogContext,
  // Every committed price update is announced (price-announcements.ts): the gateway may keep answers five minutes at most (the announcements, not this, keep them true).
  cacheMaxAgeSeconds: 300,
  resolvers: catalogResolvers,
};
