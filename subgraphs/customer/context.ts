import type { Kysely } from 'kysely';
import { createCustomerLoaders, type CustomerLoaders } from './loaders.js';
import type { CustomerDatabase } from './tables.js';

/** What every resolver of the customer subgraph receives; a fresh one per request. */
export interface CustomerContext {
  db: Kysely<CustomerDatabase>;
  loaders: CustomerLoaders;
}

export function createCustomerContext(db: Kysely<CustomerDatabase>): CustomerContext {
  return { db, loaders: createCustomerLoaders(db) };
}
