import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { createCustomerContext, type CustomerContext } from './context.js';
import { customerMigrations } from './migrations.js';
import { customerResolverMap } from './resolvers.js';
import { isCustomerStoreEmpty, seedCustomers } from './seed.js';
import type { CustomerDatabase } from './tables.js';

/** Customers, their orders from every channel, wishlists, support tickets and consents. */
export const customerSubgraph: SubgraphDefinition<CustomerDatabase, CustomerContext> = {
  name: 'customer',
  migrations: customerMigrations,
  isEmpty: isCustomerStoreEmpty,
  seed: seedCustomers,
  createContext: createCustomerContext,
  resolvers: customerResolverMap,
};
