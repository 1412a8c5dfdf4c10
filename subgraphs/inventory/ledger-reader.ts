/** Reads the movement ledger in sequence order: what a resuming subscriber replays. */
import type { Kysely, Selectable } from 'kysely';
import type { StockChangeModel } from './models.js';
import type { InventoryDatabase, StockMovementsTable } from './tables.js';

export interface LedgerFilter {
  skus: readonly string[] | null;
  locationIds: readonly string[] | null;
}

// What a StockChange is read from: a ledger row holds the level's values after the change.
const MOVEMENT_COLUMNS = ['sequence', 'version', 'sku', 'location_id', 'delta', 'reason', 'on_hand', 'reserved', 'at'] as const;

type MovementRow = Pick<Selectable<StockMovementsTable>, (typeof MOVEMENT_COLUMNS)[number]>;

function toStockChangeModel(row: MovementRow): StockChangeModel {
  return {
    sequence: row.sequence,
    version: row.version,
    sku: row.sku,
    locationId: row.location_id,
    delta: row.delta,
    reason: row.reason,
    onHand: row.on_hand,
    reserved: row.reserved,
    at: row.at,
  };
}

/** The highest sequence committed so far (0 for an empty ledger). */
export async function findLastSequence(db: Kysely<InventoryDatabase>): Promise<number> {
  const row = await db.selectFrom('stock_movements').select('sequence').orderBy('sequence', 'desc').limit(1).executeTakeFirst();
  return row?.sequence ?? 0;
}

/** Matching movements with `after < sequence <= through` (no upper bound without `through`), oldest first, at most `limit`. */
export async function findMovementsBetween(
  db: Kysely<InventoryDatabase>,
  range: { after: number; through?: number; limit: number },
  filter: LedgerFilter,
): Promise<StockChangeModel[]> {
  let query = db.selectFrom('stock_movements').select(MOVEMENT_COLUMNS).where('sequence', '>', range.after);
  if (range.through !== undefined) query = query.where('sequence', '<=', range.through);
  if (filter.skus) query = query.where('sku', 'in', filter.skus);
  if (filter.locationIds) query = query.where('location_id', 'in', filter.locationIds);
  const rows = await query.orderBy('sequence').limit(range.limit).execute();
  return rows.map(toStockChangeModel);
}

/** Ledger rows by sequence, in sequence order (what an idempotent retry returns again). */
export async function findMovementsBySequences(
  db: Kysely<InventoryDatabase>,
  sequences: readonly number[],
): Promise<StockChangeModel[]> {
  if (sequences.length === 0) return [];
  const rows = await db.selectFrom('stock_movements').select(MOVEMENT_COLUMNS).where('sequence', 'in', sequences).orderBy('sequence').execute();
  return rows.map(toStockChangeModel);
}
