import type { Kysely } from 'kysely';
import { insertInChunks } from '../shared/database.js';
import type { SeedSize } from '../shared/universe.js';
import { generateInventory } from './seed-data.js';
import type { InventoryDatabase } from './tables.js';

/**
 * Rows per INSERT: as many as both engines' bound-parameter limits allow (SQLite 32,766,
 * PostgreSQL 65,535), because the ledger and the levels are ~300k rows each at scale 1.
 */
const chunkFor = (columns: number) => Math.floor(32_000 / columns);

/** Writes the demo inventory (called inside one transaction by the subgraph server). */
export async function seedInventory(db: Kysely<InventoryDatabase>, size: SeedSize): Promise<void> {
  const data = generateInventory(size);
  await insertInChunks(db, 'locations', data.locations);
  await insertInChunks(db, 'stock_levels', data.levels, chunkFor(5));
  // Sequences come from the engine (autoincrement / serial) in row order, i.e. ledger order.
  await insertInChunks(db, 'stock_movements', data.movements, chunkFor(9));
  await insertInChunks(db, 'reservations', data.reservations);
}
