import type { Kysely } from 'kysely';
import { bulkInsert, type ColumnTypes } from '../shared/bulk-insert.js';
import { insertInChunks } from '../../platform/database.js';
import type { SeedSize } from '../shared/universe.js';
import { generateInventory } from './seed-data.js';
import type { InventoryDatabase } from './tables.js';

const LEVEL_COLUMNS: ColumnTypes<InventoryDatabase['stock_levels']> = {
  sku: 'text',
  location_id: 'text',
  on_hand: 'integer',
  reserved: 'integer',
  version: 'integer',
};

// No sequence: the engine numbers the ledger rows in the order they arrive, i.e. ledger order.
const MOVEMENT_COLUMNS: ColumnTypes<Omit<InventoryDatabase['stock_movements'], 'sequence'>> = {
  sku: 'text',
  location_id: 'text',
  delta: 'integer',
  reason: 'text',
  on_hand: 'integer',
  reserved: 'integer',
  version: 'integer',
  at: 'text',
  idempotency_key: 'text',
  reservation_id: 'text',
};

/** Writes the demo inventory (called inside one transaction by the subgraph server). */
export async function seedInventory(db: Kysely<InventoryDatabase>, size: SeedSize): Promise<void> {
  const data = generateInventory(size);
  await insertInChunks(db, 'locations', data.locations);
  // The levels and the ledger are ~300k rows each at scale 1: sent as arrays, not one parameter per value.
  await bulkInsert(db, 'stock_levels', LEVEL_COLUMNS, data.levels);
  await bulkInsert(db, 'stock_movements', MOVEMENT_COLUMNS, data.movements);
  await insertInChunks(db, 'reservations', data.reservations);
}
