import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { createCustomerContext, type CustomerContext } from './context.js';
import { customerMigrations } from './migrations.js';
import { customerResolverMap } from './resolvers.js';
import { isCustomerStoreEmpty, seedCustomers } from './seed.js';
import { startStoreSales } from './store-sales.js';
import type { CustomerDatabase } from './tables.js';

/** Customers, their orders from every channel, wishlists, support tickets and consents. */
export const customerSubgraph: SubgraphDefinition<CustomerDatabase, CustomerContext> = {
  name: 'customer',
  migrations: customerMigrations,
  isEmpty: isCustomerStoreEmpty,
  seed: seedCustomers,
  createContext: createCustomerContext,
  resolvers: customerResolverMap,
  // Personal data, and changes (orders from sales, profile edits) that are not announced: never cached.
  cacheMaxAgeSeconds: 0,
  // Sales that name a customer join the customer's order history (EVENTS.md).
  start: startStoreSales,
};
