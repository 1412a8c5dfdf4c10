/**
 * Reservation changes on the stock ledger, against the inventory alone: every movement of a
 * reservation names it (ledger row and event), and the reservation stream replays and goes live
 * without gap or duplicate while reservations are made and ended concurrently (EVENTS.md,
 * "Reservation changes").
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventorySubgraph } from '../../subgraphs/inventory/index.js';
import { findReservationChangesBetween } from '../../subgraphs/inventory/reservation-change-reader.js';
import { streamReservationChanges } from '../../subgraphs/inventory/reservation-stream.js';
import { STOCK_COMMITTED_TOPIC, type StockCommittedEvent } from '../../subgraphs/inventory/stock-events.js';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import type { ReservationChangeModel } from '../../subgraphs/inventory/models.js';
import { createInProcessEventBus } from '../../platform/events/in-process-event-bus.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { startTestSubgraph } from '../support/subgraph.js';
import { SEED_SCALE, SEEDED, type TestInventory } from './harness.js';
import { adjust, createLevelPicker, endReservation, ledgerHead, makeAvailable, reserve } from './stock-mutation-support.js';

const pick = createLevelPicker();

let inventory: TestInventory;
let store: { db: Kysely<InventoryDatabase>; close(): Promise<void> };
let events: EventBus;
const committed: StockCommittedEvent[] = [];
beforeAll(async () => {
  events = createInProcessEventBus();
  await events.onBroadcast(STOCK_COMMITTED_TOPIC, (message) => committed.push(message as StockCommittedEvent));
  inventory = await startTestSubgraph(inventorySubgraph, SEED_SCALE, { events });
  store = await inventory.openStore<InventoryDatabase>();
});
afterAll(async () => {
  await store?.close();
  await inventory?.close();
  await events?.close();
});

/** Reads `count` changes from a stream, then ends it. */
async function take(stream: AsyncIterableIterator<ReservationChangeModel>, count: number): Promise<ReservationChangeModel[]> {
  const received: ReservationChangeModel[] = [];
  if (count === 0) {
    await stream.return?.();
    return received;
  }
  for await (const change of stream) {
    received.push(change);
    if (received.length === count) break;
  }
  return received;
}

describe('reservation movements', () => {
  it('name their reservation in the ledger and in the event; other movements name none', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 10);
    const head = await ledgerHead(store.db);
    committed.length = 0;
    const collected = (await reserve(inventory, { ...level, quantity: 2 })).reservation!;
    const cancelled = (await reserve(inventory, { ...level, quantity: 1 })).reservation!;
    await endReservation(inventory, 'collect', collected.id);
    await endReservation(inventory, 'cancel', cancelled.id);
    await adjust(inventory, { ...level, delta: 3, reason: 'RESTOCK' });
    const expected = [
      ['RESERVATION', collected.id],
      ['RESERVATION', cancelled.id],
      ['PICKUP', collected.id],
      ['RELEASE', cancelled.id],
      ['RESTOCK', undefined],
    ];
    expect(committed.flatMap((event) => event.movements.map((m) => [m.reason, m.reservationId]))).toEqual(expected);
    const rows = await store.db.selectFrom('stock_movements').select(['reason', 'reservation_id']).where('sequence', '>', head.last).orderBy('sequence').execute();
    expect(rows.map((r) => [r.reason, r.reservation_id ?? undefined])).toEqual(expected);
    const changes = await findReservationChangesBetween(store.db, { after: head.last, limit: 100 }, { locationIds: [level.locationId] });
    expect(changes.map((c) => [c.reservation.id, c.status])).toEqual([
      [collected.id, 'ACTIVE'],
      [cancelled.id, 'ACTIVE'],
      [collected.id, 'COLLECTED'],
      [cancelled.id, 'CANCELLED'],
    ]);
  });

  it('are seeded with their reservations: every seeded reservation has its history', async () => {
    const changes = await findReservationChangesBetween(store.db, { after: 0, limit: 1000 }, { locationIds: null });
    for (const reservation of SEEDED.reservations) {
      const own = changes.filter((c) => c.reservation.id === reservation.id).map((c) => c.status);
      expect(own, reservation.id).toEqual(reservation.status === 'ACTIVE' ? ['ACTIVE'] : ['ACTIVE', reservation.status]);
    }
  });
});

describe('streamReservationChanges', () => {
  it('replays from `after` then goes live with every change once, in order, while reservations are made and ended concurrently', async () => {
    const levels = [pick(), pick(), pick()];
    for (const level of levels) await makeAvailable(inventory, store.db, level, 40);
    const watched = [...new Set(levels.map((l) => l.locationId))];
    const start = (await ledgerHead(store.db)).last;
    // Some history before the subscriber arrives: it must be replayed.
    for (const level of levels) await reserve(inventory, { ...level, quantity: 1 });

    const stream = streamReservationChanges(store.db, events, { filter: { locationIds: watched }, after: start, pageSize: 2 });
    // Read while the writers go on: the replay and the switch to live happen under their commits.
    const count = 3 + 3 * 6 * 2;
    const receiving = take(stream, count);
    const busy = Promise.all(
      levels.flatMap((level) =>
        Array.from({ length: 6 }, async (_, i) => {
          const made = (await reserve(inventory, { ...level, quantity: 1 })).reservation!;
          await adjust(inventory, { ...level, delta: 1, reason: 'RESTOCK' });
          await endReservation(inventory, i % 2 === 0 ? 'collect' : 'cancel', made.id);
        }),
      ),
    );
    await busy;
    const received = await receiving;
    const expected = await findReservationChangesBetween(store.db, { after: start, limit: 1000 }, { locationIds: watched });
    expect(expected).toHaveLength(count);
    expect(received.map((c) => [c.sequence, c.reservation.id, c.status])).toEqual(expected.map((c) => [c.sequence, c.reservation.id, c.status]));
  });
});
