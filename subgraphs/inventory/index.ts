import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { createInventoryContext, type InventoryContext } from './context.js';
import { inventoryMigrations } from './migrations.js';
import { isInventoryEmpty } from './repository.js';
import { startReservationExpiry } from './reservation-expiry.js';
import { inventoryResolvers } from './resolvers.js';
import { seedInventory } from './seed.js';
import type { InventoryDatabase } from './tables.js';

/** Inventory: locations, stock levels and their ledger, click & collect reservations. */
export const inventorySubgraph: SubgraphDefinition<InventoryDatabase, InventoryContext> = {
  name: 'inventory',
  migrations: inventoryMigrations,
  isEmpty: isInventoryEmpty,
  seed: seedInventory,
  // The read context plus the ledger the mutations write through.
  createContext: createInventoryContext,
  // Expired reservations give their units back: once at start, then every reservationSweepSeconds.
  start: startReservationExpiry,
  // Every stock commit is announced (graph-changes.ts): the gateway may keep answers five minutes at most (the announcements, not this, keep them true).
  cacheMaxAgeSeconds: 300,
  // The generated resolver map is stricter than @apollo/subgraph's; both describe the same object.
  resolvers: inventoryResolvers as SubgraphDefinition<InventoryDatabase, InventoryContext>['resolvers'],
};
