/** Data access of the inventory: every load by key is one batched statement. */
import { sql, type Kysely } from 'kysely';
import type {
  LocationModel,
  ReservationModel,
  StockChangeModel,
  StockLevelModel,
  StockSummaryModel,
} from './models.js';
import type { InventoryDatabase, LocationsTable, ReservationStatusName, ReservationsTable } from './tables.js';

type Db = Kysely<InventoryDatabase>;

function toLocation(row: LocationsTable): LocationModel {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    address: {
      line1: row.line1,
      line2: row.line2,
      postalCode: row.postal_code,
      city: row.city,
      country: row.country,
    },
    geo: { lat: row.lat, lng: row.lng },
    pickupEnabled: row.pickup_enabled === 1,
    openingHours: JSON.parse(row.opening_hours) as string[],
  };
}

/** Every location, by id (tens of rows: loaded whole, once per request). */
export async function findAllLocations(db: Db): Promise<LocationModel[]> {
  const rows = await db.selectFrom('locations').selectAll().orderBy('id').execute();
  return rows.map(toLocation);
}

/** The levels of these skus at every location, with each location's kind. */
export async function findStockLevelsBySkus(db: Db, skus: readonly string[]): Promise<StockLevelModel[]> {
  if (skus.length === 0) return [];
  const rows = await db
    .selectFrom('stock_levels as s')
    .innerJoin('locations as l', 'l.id', 's.location_id')
    .select(['s.sku', 's.location_id', 'l.kind', 's.on_hand', 's.reserved', 's.version'])
    .where('s.sku', 'in', skus)
    .orderBy('s.sku')
    .orderBy('s.location_id')
    .execute();
  return rows.map((row) => ({
    sku: row.sku,
    locationId: row.location_id,
    locationKind: row.kind,
    onHand: row.on_hand,
    reserved: row.reserved,
    version: row.version,
  }));
}

/**
 * Available units per sku and location kind, summed in SQL: a listing asking availableOnline or
 * inStock for many variants reads two rows per sku instead of one per location.
 */
export async function findStockSummariesBySkus(db: Db, skus: readonly string[]): Promise<StockSummaryModel[]> {
  if (skus.length === 0) return [];
  const rows = await db
    .selectFrom('stock_levels as s')
    .innerJoin('locations as l', 'l.id', 's.location_id')
    .select([
      's.sku',
      'l.kind',
      sql<number>`sum(case when ${sql.ref('s.on_hand')} > ${sql.ref('s.reserved')} then ${sql.ref('s.on_hand')} - ${sql.ref('s.reserved')} else 0 end)`.as('available'),
    ])
    .where('s.sku', 'in', skus)
    .groupBy(['s.sku', 'l.kind'])
    .execute();
  return rows.map((row) => ({ sku: row.sku, locationKind: row.kind, available: Number(row.available) }));
}

export async function findReservationsByIds(db: Db, ids: readonly string[]): Promise<ReservationModel[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('reservations').selectAll().where('id', 'in', ids).execute();
  return rows.map(toReservationModel);
}

export function toReservationModel(row: ReservationsTable): ReservationModel {
  return {
    id: row.id,
    sku: row.sku,
    locationId: row.location_id,
    customerId: row.customer_id,
    quantity: row.quantity,
    status: row.status,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

export async function findReservationById(db: Db, id: string): Promise<ReservationModel | null> {
  return (await findReservationsByIds(db, [id]))[0] ?? null;
}

export async function findLocationById(db: Db, id: string): Promise<LocationModel | null> {
  const row = await db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toLocation(row) : null;
}

/**
 * A page of one location's levels, by sku: at most `limit` after sku `afterSku` (from the first when
 * null). One range of the (location_id, sku) index.
 */
export async function findStockLevelsAtLocation(
  db: Db,
  location: Pick<LocationModel, 'id' | 'kind'>,
  page: { afterSku: string | null; limit: number },
): Promise<StockLevelModel[]> {
  let query = db
    .selectFrom('stock_levels')
    .select(['sku', 'on_hand', 'reserved', 'version'])
    .where('location_id', '=', location.id);
  if (page.afterSku !== null) query = query.where('sku', '>', page.afterSku);
  const rows = await query.orderBy('sku').limit(page.limit).execute();
  return rows.map((row) => ({
    sku: row.sku,
    locationId: location.id,
    locationKind: location.kind,
    onHand: row.on_hand,
    reserved: row.reserved,
    version: row.version,
  }));
}

/** How many levels a location has (one per sku it stocks). */
export async function countStockLevelsAtLocation(db: Db, locationId: string): Promise<number> {
  const row = await db
    .selectFrom('stock_levels')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/**
 * Reservations at a location with one of `statuses` (every status when null), soonest expiry
 * first (then by id, so the order is stable), at most `limit`.
 */
export async function findReservationsAtLocation(
  db: Db,
  locationId: string,
  statuses: readonly ReservationStatusName[] | null,
  limit: number,
): Promise<ReservationModel[]> {
  if (statuses !== null && statuses.length === 0) return [];
  let query = db.selectFrom('reservations').selectAll().where('location_id', '=', locationId);
  if (statuses !== null) query = query.where('status', 'in', statuses);
  const rows = await query.orderBy('expires_at').orderBy('id').limit(limit).execute();
  return rows.map(toReservationModel);
}

/** Which of these skus have a stock level at the location. */
export async function findStockedSkus(db: Db, locationId: string, skus: readonly string[]): Promise<Set<string>> {
  if (skus.length === 0) return new Set();
  const rows = await db
    .selectFrom('stock_levels')
    .select('sku')
    .where('location_id', '=', locationId)
    .where('sku', 'in', skus)
    .execute();
  return new Set(rows.map((row) => row.sku));
}

/** True until the seed has written the locations (the seed writes everything in one transaction). */
export async function isInventoryEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('locations').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
