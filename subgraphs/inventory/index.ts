import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { createInventoryContext, type InventoryContext } from './context.js';
import { inventoryMigrations } from './migrations.js';
import { isInventoryEmpty } from './repository.js';
import { inventoryResolvers } from './resolvers.js';
import { seedInventory } from './seed.js';
import type { InventoryDatabase } from './tables.js';

/** Inventory: locations, stock levels and their ledger, click & collect reservations. */
export const inventorySubgraph: SubgraphDefinition<InventoryDatabase, InventoryContext> = {
  name: 'inventory',
  migrations: inventoryMigrations,
  isEmpty: isInventoryEmpty,
  seed: seedInventory,
  createContext: createInventoryContext,
  // The generated resolver map is stricter than @apollo/subgraph's; both describe the same object.
  resolvers: inventoryResolvers as SubgraphDefinition<InventoryDatabase, InventoryContext>['resolvers'],
};
