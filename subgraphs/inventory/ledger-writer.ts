/**
 * The one way stock moves: a transaction that holds the ledger lock, changes levels with
 * conditional UPDATE ... RETURNING, appends their movements, and announces them after commit.
 *
 * Writers are serialised so that ledger sequence order is commit order (EVENTS.md relies on it):
 * on PostgreSQL every stock-moving transaction first takes one transaction-scoped advisory lock;
 * on SQLite, Kysely runs every transaction on its single connection, one after the other.
 */
import { isPostgres } from '../../platform/database.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { SubgraphServices } from '../shared/subgraph-server.js';
import { commitPublisherFor, type OutgoingEvent, type PublishTicket } from './commit-publisher.js';
import { GRAPH_CHANGED_TOPIC } from '../../platform/events/graph-changes.js';
import { waitAtMost } from '../shared/wait-at-most.js';
import { graphChangeOf } from './graph-changes.js';
import type { StockChangeModel } from './models.js';
import { STOCK_COMMITTED_TOPIC, type StockCommittedEvent } from './stock-events.js';
import { applyStockChange, type StockChange } from './stock-ledger.js';
import type { InventoryDatabase } from './tables.js';

/**
 * The advisory lock class of the stock ledger. The lock is taken in its two-key form, with the
 * schema's name hashed as the second key: one ledger per schema, so inventories of different
 * schemas (PG_SCHEMA_PREFIX deployments, parallel test runs) never wait on each other.
 */
export const STOCK_LEDGER_LOCK_CLASS = 734_005;

/**
 * How long a mutation waits for its events to reach the bus before answering anyway. Waiting lets
 * a caller that got the answer rely on subscribers having been sent the change; not waiting forever
 * keeps a stalled bus from stalling writes (the events still go out, in order, when it recovers).
 */
export const PUBLISH_WAIT_MS = 2_000;

export interface StockLevelKey {
  sku: string;
  locationId: string;
}

export interface MoveOptions {
  /** Refuse (return null) unless on_hand - reserved covers the change's quantity: a reservation's guard. */
  requireAvailable?: boolean;
  /** The caller's idempotency key, kept on the movement. */
  idempotencyKey?: string | null;
  /** The reservation this movement makes or ends: kept on the movement and carried in its event (EVENTS.md). */
  reservationId?: string;
}

/** What a stock-moving transaction may do. */
export interface LedgerWriter {
  readonly trx: Transaction<InventoryDatabase>;
  /** The instant of every change of this transaction. */
  readonly now: Date;
  /** The highest sequence committed before this transaction (0 for an empty ledger). */
  readonly previousSequence: number;
  /**
   * Applies one change to one level, in SQL, and appends its movement. Null when no level matched:
   * there is none for that sku and location, or `requireAvailable` refused.
   */
  move(level: StockLevelKey, change: StockChange, options?: MoveOptions): Promise<StockChangeModel | null>;
  /** Every movement appended so far, in sequence order. */
  readonly movements: readonly StockChangeModel[];
  /** A work-queue message to send once the transaction has committed. */
  enqueueAfterCommit(topic: string, message: unknown): void;
  /**
   * An entity this transaction changed besides the stock levels of its movements (a reservation):
   * its tag (`entityTag`) joins the GraphChangedEvent announced after commit.
   */
  changed(tag: string): void;
}

export interface LedgerServices {
  db: Kysely<InventoryDatabase>;
  services: SubgraphServices;
}


async function lockLedger(trx: Transaction<InventoryDatabase>): Promise<void> {
  if (isPostgres(trx)) {
    await sql`select pg_advisory_xact_lock(${STOCK_LEDGER_LOCK_CLASS}::int4, hashtext(current_schema()))`.execute(trx);
  }
}

async function lastSequence(trx: Transaction<InventoryDatabase>): Promise<number> {
  const row = await trx
    .selectFrom('stock_movements')
    .select((eb) => eb.fn.max('sequence').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/**
 * The increments a change makes, from the ledger rules: applied to an empty level, the rule gives
 * how much on_hand and reserved move, so SQL does the arithmetic on the real level.
 */
function incrementsOf(change: StockChange) {
  const { level, delta } = applyStockChange({ onHand: 0, reserved: 0, version: 0 }, change);
  return { onHand: level.onHand, reserved: level.reserved, delta };
}

function createLedgerWriter(trx: Transaction<InventoryDatabase>, now: Date, previousSequence: number) {
  const movements: StockChangeModel[] = [];
  const queued: OutgoingEvent[] = [];
  const changed = new Set<string>();
  const at = now.toISOString();
  const writer: LedgerWriter = {
    trx,
    now,
    previousSequence,
    movements,
    async move(key, change, options = {}) {
      const step = incrementsOf(change);
      let update = trx
        .updateTable('stock_levels')
        .set((eb) => ({
          on_hand: eb('on_hand', '+', step.onHand),
          reserved: eb('reserved', '+', step.reserved),
          version: eb('version', '+', 1),
        }))
        .where('sku', '=', key.sku)
        .where('location_id', '=', key.locationId);
      if (options.requireAvailable) {
        update = update.where((eb) => eb(eb('on_hand', '-', eb.ref('reserved')), '>=', change.quantity));
      }
      const level = await update.returning(['on_hand', 'reserved', 'version']).executeTakeFirst();
      if (!level) return null;
      const { sequence } = await trx
        .insertInto('stock_movements')
        .values({
          sku: key.sku,
          location_id: key.locationId,
          delta: step.delta,
          reason: change.reason,
          on_hand: level.on_hand,
          reserved: level.reserved,
          version: level.version,
          at,
          idempotency_key: options.idempotencyKey ?? null,
          reservation_id: options.reservationId ?? null,
        })
        .returning('sequence')
        .executeTakeFirstOrThrow();
      const movement: StockChangeModel = {
        sequence,
        version: level.version,
        sku: key.sku,
        locationId: key.locationId,
        delta: step.delta,
        reason: change.reason,
        onHand: level.on_hand,
        reserved: level.reserved,
        at,
        ...(options.reservationId === undefined ? {} : { reservationId: options.reservationId }),
      };
      movements.push(movement);
      return movement;
    },
    enqueueAfterCommit(topic, message) {
      queued.push({ delivery: 'enqueue', topic, message });
    },
    changed(tag) {
      changed.add(tag);
    },
  };
  const eventsAfterCommit = (): OutgoingEvent[] => {
    const committed: StockCommittedEvent = { previousSequence, movements };
    return [
      ...(movements.length > 0
        ? [{ delivery: 'broadcast' as const, topic: STOCK_COMMITTED_TOPIC, message: committed }]
        : []),
      // The gateways' caches drop what this commit changed (platform/events/graph-changes.ts).
      ...(movements.length > 0 || changed.size > 0
        ? [{ delivery: 'broadcast' as const, topic: GRAPH_CHANGED_TOPIC, message: graphChangeOf(movements, changed) }]
        : []),
      ...queued,
    ];
  };
  return { writer, eventsAfterCommit };
}

/**
 * Runs `work` in one stock-moving transaction and announces what it moved after the commit: one
 * StockCommittedEvent when it appended movements, one GraphChangedEvent naming what changed, then
 * the work-queue messages it asked for.
 * Whatever `work` returns is committed, refusals included (an idempotent refusal is recorded);
 * whatever it throws rolls everything back and announces nothing.
 */
export async function writeStockLedger<T>(
  { db, services }: LedgerServices,
  work: (ledger: LedgerWriter) => Promise<T>,
): Promise<T> {
  const publisher = commitPublisherFor(db, services.events);
  let ticket: PublishTicket | undefined;
  let outgoing: OutgoingEvent[] = [];
  let result: T;
  try {
    result = await db.transaction().execute(async (trx) => {
      await lockLedger(trx);
      const previousSequence = await lastSequence(trx);
      const { writer, eventsAfterCommit } = createLedgerWriter(trx, services.now(), previousSequence);
      const value = await work(writer);
      outgoing = eventsAfterCommit();
      // Still under the lock: no other writer can commit before this ticket's place is taken.
      ticket = publisher.claim();
      return value;
    });
  } catch (error) {
    ticket?.abandon();
    throw error;
  }
  if (outgoing.length === 0) ticket!.abandon();
  else await waitAtMost(ticket!.publish(outgoing), PUBLISH_WAIT_MS);
  return result;
}
