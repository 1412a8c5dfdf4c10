/**
 * Reservations whose hold ran out give their units back: status EXPIRED and a RELEASE movement.
 * A background sweep does it every `reservationSweepSeconds`; a collect or cancel that finds an
 * ACTIVE reservation past its time does it first (reservations.ts), so nobody depends on the sweep
 * having run.
 */
import { entityTag } from '../../platform/events/graph-changes.js';
import type { SubgraphServices } from '../shared/subgraph-server.js';
import type { Kysely } from 'kysely';
import { writeStockLedger, type LedgerServices, type LedgerWriter } from './ledger-writer.js';
import type { ReservationModel } from './models.js';
import { toReservationModel } from './repository.js';
import { DEFAULT_IDEMPOTENCY_KEY_RETENTION_HOURS, pruneIdempotencyKeys } from './idempotency.js';
import type { InventoryDatabase } from './tables.js';

/** Reservations expired per transaction: one commit event each, and the lock is never held long. */
export const SWEEP_BATCH_SIZE = 200;

/**
 * Ends an ACTIVE reservation as EXPIRED and releases its units. The status change is conditional,
 * so a concurrent cancel, collect or other sweeper that got there first makes this a no-op (null)
 * instead of a second release.
 */
export async function expireReservation(
  ledger: LedgerWriter,
  reservation: ReservationModel,
): Promise<ReservationModel | null> {
  const expired = await ledger.trx
    .updateTable('reservations')
    .set({ status: 'EXPIRED' })
    .where('id', '=', reservation.id)
    .where('status', '=', 'ACTIVE')
    .returningAll()
    .executeTakeFirst();
  if (!expired) return null;
  ledger.changed(entityTag('Reservation', expired.id));
  const released = await ledger.move(
    { sku: expired.sku, locationId: expired.location_id },
    { reason: 'RELEASE', quantity: expired.quantity },
    { reservationId: expired.id },
  );
  if (!released) throw new Error(`Reservation ${expired.id} holds units of a stock level that does not exist`);
  return toReservationModel(expired);
}

/** Expires every ACTIVE reservation due at `services.now()`. Resolves to how many it expired. */
export async function sweepExpiredReservations(target: LedgerServices): Promise<number> {
  let total = 0;
  for (;;) {
    const dueBefore = target.services.now().toISOString();
    // A look without the lock first: most sweeps find nothing and should not queue behind writers.
    const any = await target.db
      .selectFrom('reservations')
      .select('id')
      .where('status', '=', 'ACTIVE')
      .where('expires_at', '<=', dueBefore)
      .limit(1)
      .executeTakeFirst();
    if (!any) return total;
    const { due, expired } = await writeStockLedger(target, async (ledger) => {
      const rows = await ledger.trx
        .selectFrom('reservations')
        .selectAll()
        .where('status', '=', 'ACTIVE')
        .where('expires_at', '<=', ledger.now.toISOString())
        .orderBy('expires_at')
        .orderBy('id')
        .limit(SWEEP_BATCH_SIZE)
        .execute();
      let count = 0;
      for (const row of rows) if (await expireReservation(ledger, toReservationModel(row))) count += 1;
      return { due: rows.length, expired: count };
    });
    total += expired;
    if (due < SWEEP_BATCH_SIZE) return total;
  }
}

export type SweepErrorHandler = (error: unknown) => void;

const logSweepFailure: SweepErrorHandler = (error) => {
  console.error(
    `inventory: the reservation expiry sweep failed, retrying at the next tick: ${error instanceof Error ? error.message : String(error)}`,
  );
};

/**
 * Sweeps once now, then every `settings.reservationSweepSeconds` (a sweep never overlaps the
 * previous one; each also forgets idempotency keys past their retention). Resolves, after the first
 * sweep, to a stop function that waits for a sweep in progress, so the store is never closed under it.
 */
export async function startReservationExpiry(
  db: Kysely<InventoryDatabase>,
  services: SubgraphServices,
  onError: SweepErrorHandler = logSweepFailure,
): Promise<() => Promise<void>> {
  const target = { db, services };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const retentionMs = (services.settings.idempotencyKeyRetentionHours ?? DEFAULT_IDEMPOTENCY_KEY_RETENTION_HOURS) * 3_600_000;
  const sweep = () => {
    running = sweepExpiredReservations(target)
      // The same tick forgets idempotency keys past their retention (one indexed delete).
      .then(() => pruneIdempotencyKeys(db, new Date(services.now().getTime() - retentionMs)))
      .then(
      () => schedule(),
      (error: unknown) => {
        if (!stopped) onError(error);
        schedule();
      },
    );
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(sweep, services.settings.reservationSweepSeconds * 1000);
    // The server keeps the process alive; a forgotten timer should not.
    timer.unref();
  };
  await sweep();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
