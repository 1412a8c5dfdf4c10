/**
 * Reads the reservation movements of the stock ledger (those with a `reservation_id`) with their
 * reservations: what `reservationChanged(after:)` replays and `reservationChanges` pages. One range
 * of the partial index over reservation movements (migration 0004), whatever the rest of the ledger.
 */
import type { Kysely } from 'kysely';
import type { ReservationChangeModel } from './models.js';
import { toReservationModel } from './repository.js';
import type { StockChangeReason } from './stock-ledger.js';
import type { InventoryDatabase, ReservationStatusName } from './tables.js';

export interface ReservationChangeFilter {
  /** Only changes at these locations; every location when null. */
  locationIds: readonly string[] | null;
}

/**
 * The status a reservation movement gave its reservation. A RESERVATION made it ACTIVE, a PICKUP
 * COLLECTED; a RELEASE ended it CANCELLED or EXPIRED, which its status now tells: a reservation
 * ends once and never changes again, and its status changes in the transaction of its movement.
 */
export function reservationStatusAfter(reason: StockChangeReason, statusNow: ReservationStatusName): ReservationStatusName {
  switch (reason) {
    case 'RESERVATION':
      return 'ACTIVE';
    case 'PICKUP':
      return 'COLLECTED';
    case 'RELEASE':
      if (statusNow === 'CANCELLED' || statusNow === 'EXPIRED') return statusNow;
      throw new Error(`A released reservation is ${statusNow}, not ended`);
    default:
      throw new Error(`A ${reason} movement does not change a reservation`);
  }
}

/** Reservation changes with `after < sequence <= through` (no upper bound without `through`), oldest first, at most `limit`. */
export async function findReservationChangesBetween(
  db: Kysely<InventoryDatabase>,
  range: { after: number; through?: number; limit: number },
  filter: ReservationChangeFilter,
): Promise<ReservationChangeModel[]> {
  let query = db
    .selectFrom('stock_movements as m')
    .innerJoin('reservations as r', 'r.id', 'm.reservation_id')
    .select([
      'm.sequence',
      'm.reason',
      'm.at',
      'r.id',
      'r.sku',
      'r.location_id',
      'r.customer_id',
      'r.quantity',
      'r.status',
      'r.expires_at',
      'r.created_at',
    ])
    // Spelled out so that the partial index over reservation movements applies.
    .where('m.reservation_id', 'is not', null)
    .where('m.sequence', '>', range.after);
  if (range.through !== undefined) query = query.where('m.sequence', '<=', range.through);
  if (filter.locationIds) query = query.where('m.location_id', 'in', filter.locationIds);
  const rows = await query.orderBy('m.sequence').limit(range.limit).execute();
  return rows.map(({ sequence, reason, at, ...reservation }) => ({
    sequence,
    status: reservationStatusAfter(reason, reservation.status),
    at,
    reservation: toReservationModel(reservation),
  }));
}
