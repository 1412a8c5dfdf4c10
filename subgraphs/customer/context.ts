import type { Kysely } from 'kysely';
import type { SubgraphPrincipal } from '../shared/principal.js';
import { createCustomerLoaders, type CustomerLoaders } from './loaders.js';
import type { CustomerDatabase } from './tables.js';

/** What every resolver of the customer subgraph receives; a fresh one per request. */
export interface CustomerContext {
  db: Kysely<CustomerDatabase>;
  loaders: CustomerLoaders;
  /** Who the request acts for (verified gateway vouching); the ownership rules read it. */
  principal: SubgraphPrincipal;
}

export function createCustomerContext(
  db: Kysely<CustomerDatabase>,
  _services: unknown,
  principal: SubgraphPrincipal,
): CustomerContext {
  return { db, loaders: createCustomerLoaders(db), principal };
}
