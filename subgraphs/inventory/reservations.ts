/**
 * Click & collect reservations: hold units in a store for a customer, then cancel (release them)
 * or collect (they leave the shelf). The rules and codes are in RULES.md.
 */
import { randomBytes } from 'node:crypto';
import { entityTag } from '../../platform/events/graph-changes.js';
import { availableUnits } from './availability.js';
import { checkIdempotencyKey, findPriorOutcome, idempotentRequest, recordOutcome } from './idempotency.js';
import { writeStockLedger, type LedgerServices, type LedgerWriter } from './ledger-writer.js';
import type { ReservationModel } from './models.js';
import { expireReservation } from './reservation-expiry.js';
import { findLocationById, findReservationById, findStockedSkus, toReservationModel } from './repository.js';
import { checkReserveRequest, type ReserveRequest } from './stock-input-rules.js';
import type { StockChangeReason } from './stock-ledger.js';
import type { ReservationStatusName } from './tables.js';
import { unknownLocation, unknownStockLevel, userError, type UserError } from './user-errors.js';

export interface ReserveOutcome {
  /** The reservation as it stands after the mutation; null when refused. */
  reservation: ReservationModel | null;
  userErrors: UserError[];
}

/** What an idempotency key keeps of a reservation request: replays read the reservation as it is now. */
type RecordedReserve =
  { reservationId: string; userErrors?: never } | { reservationId?: never; userErrors: UserError[] };

const refused = (userErrors: UserError[]): ReserveOutcome => ({ reservation: null, userErrors });

/** Unguessable and short: reservation ids travel in URLs and on pickup slips. */
export const newReservationId = () => `res-${randomBytes(12).toString('base64url')}`;

export async function reserveForPickup(
  target: LedgerServices,
  input: ReserveRequest,
  idempotencyKey: string,
): Promise<ReserveOutcome> {
  const invalid = [...checkIdempotencyKey(idempotencyKey), ...checkReserveRequest(input)];
  if (invalid.length > 0) return refused(invalid);
  const request = idempotentRequest(idempotencyKey, 'reserveForPickup', input);
  return writeStockLedger(target, async (ledger) => {
    const prior = await findPriorOutcome<RecordedReserve>(ledger.trx, request);
    if (prior.kind === 'conflict') return refused([prior.error]);
    if (prior.kind === 'replay') {
      if (prior.result.userErrors) return refused(prior.result.userErrors);
      return { reservation: await findReservationById(ledger.trx, prior.result.reservationId), userErrors: [] };
    }
    const outcome = await holdUnits(ledger, target, input, idempotencyKey);
    const recorded: RecordedReserve = outcome.reservation
      ? { reservationId: outcome.reservation.id }
      : { userErrors: outcome.userErrors };
    await recordOutcome(ledger.trx, request, recorded, ledger.now.toISOString());
    return outcome;
  });
}

async function holdUnits(
  ledger: LedgerWriter,
  target: LedgerServices,
  input: ReserveRequest,
  idempotencyKey: string,
): Promise<ReserveOutcome> {
  const { trx, now } = ledger;
  const location = await findLocationById(trx, input.locationId);
  if (!location) return refused([unknownLocation(input.locationId)]);
  if (location.kind !== 'STORE' || !location.pickupEnabled) {
    const why = location.kind === 'STORE' ? 'this store does not offer pickup' : 'a warehouse is not open to customers';
    const message = `${location.name} cannot hold a click & collect reservation: ${why}`;
    return refused([userError('PICKUP_NOT_OFFERED', message, ['input', 'locationId'])]);
  }
  if (!(await findStockedSkus(trx, input.locationId, [input.sku])).has(input.sku)) {
    return refused([unknownStockLevel(location.name, input.sku, ['input', 'sku'])]);
  }
  const id = newReservationId();
  const moved = await ledger.move(
    { sku: input.sku, locationId: input.locationId },
    { reason: 'RESERVATION', quantity: input.quantity },
    { requireAvailable: true, idempotencyKey, reservationId: id },
  );
  if (!moved) {
    const level = await trx
      .selectFrom('stock_levels')
      .select(['on_hand', 'reserved'])
      .where('sku', '=', input.sku)
      .where('location_id', '=', input.locationId)
      .executeTakeFirstOrThrow();
    const available = availableUnits({ onHand: level.on_hand, reserved: level.reserved });
    const message = `Only ${available} of sku ${input.sku} available at ${location.name}; ${input.quantity} requested`;
    return refused([userError('INSUFFICIENT_STOCK', message, ['input', 'quantity'])]);
  }
  const row = {
    id,
    sku: input.sku,
    location_id: input.locationId,
    customer_id: input.customerId,
    quantity: input.quantity,
    status: 'ACTIVE' as const,
    expires_at: new Date(now.getTime() + target.services.settings.reservationHoldSeconds * 1000).toISOString(),
    created_at: now.toISOString(),
  };
  await trx.insertInto('reservations').values(row).execute();
  ledger.changed(entityTag('Reservation', row.id));
  return { reservation: toReservationModel(row), userErrors: [] };
}

/** How each ending moves the held units. */
const ENDINGS = {
  CANCELLED: { reason: 'RELEASE', verb: 'cancelled' },
  COLLECTED: { reason: 'PICKUP', verb: 'collected' },
} as const satisfies Partial<Record<ReservationStatusName, { reason: StockChangeReason; verb: string }>>;

export const cancelReservation = (target: LedgerServices, id: string) => endReservation(target, id, 'CANCELLED');
export const collectReservation = (target: LedgerServices, id: string) => endReservation(target, id, 'COLLECTED');

/**
 * Ends an ACTIVE reservation as CANCELLED or COLLECTED. Asking again for the ending it already has
 * answers it unchanged, so a retry is safe without an idempotency key.
 */
async function endReservation(
  target: LedgerServices,
  id: string,
  ending: keyof typeof ENDINGS,
): Promise<ReserveOutcome> {
  return writeStockLedger(target, async (ledger) => {
    const reservation = await findReservationById(ledger.trx, id);
    if (!reservation) return refused([userError('RESERVATION_NOT_FOUND', `No reservation has id ${id}`, ['id'])]);
    if (reservation.status === ending) return { reservation, userErrors: [] };
    const expired = () => {
      const message = `Reservation ${id} expired at ${reservation.expiresAt}; its units were released`;
      return refused([userError('RESERVATION_EXPIRED', message, ['id'])]);
    };
    if (reservation.status === 'EXPIRED') return expired();
    if (reservation.status !== 'ACTIVE') {
      const message = `Reservation ${id} is ${reservation.status} and cannot be ${ENDINGS[ending].verb}`;
      return refused([userError('RESERVATION_NOT_ACTIVE', message, ['id'])]);
    }
    // Past its time but not swept yet: it ends as expired, whatever was asked.
    if (reservation.expiresAt <= ledger.now.toISOString()) {
      await expireReservation(ledger, reservation);
      return expired();
    }
    const ended = await ledger.trx
      .updateTable('reservations')
      .set({ status: ending })
      .where('id', '=', id)
      .where('status', '=', 'ACTIVE')
      .returningAll()
      .executeTakeFirst();
    // Every status change happens under the ledger lock, so the row cannot have moved since it was read.
    if (!ended) throw new Error(`Reservation ${id} changed status under the ledger lock`);
    ledger.changed(entityTag('Reservation', id));
    const moved = await ledger.move(
      { sku: ended.sku, locationId: ended.location_id },
      { reason: ENDINGS[ending].reason, quantity: ended.quantity },
      { reservationId: id },
    );
    if (!moved) throw new Error(`Reservation ${id} holds units of a stock level that does not exist`);
    return { reservation: toReservationModel(ended), userErrors: [] };
  });
}
