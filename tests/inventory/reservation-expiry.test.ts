/**
 * Reservations whose hold ran out: the sweep (at start, then every reservationSweepSeconds) and a
 * collect or cancel that finds one first both end it as EXPIRED with one RELEASE. The clock is moved.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inventorySubgraph } from '../../subgraphs/inventory/index.js';
import { startReservationExpiry, sweepExpiredReservations } from '../../subgraphs/inventory/reservation-expiry.js';
import { STOCK_COMMITTED_TOPIC, type StockCommittedEvent } from '../../subgraphs/inventory/stock-events.js';
import type { IdempotencyTables } from '../../subgraphs/inventory/idempotency.js';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import { createInProcessEventBus } from '../../platform/events/in-process-event-bus.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { SubgraphServices, SubgraphSettings } from '../../subgraphs/shared/subgraph-server.js';
import { SEED_EPOCH } from '../../subgraphs/shared/universe.js';
import { startTestSubgraph } from '../support/subgraph.js';
import { SEEDED, SEED_SCALE, type TestInventory } from './harness.js';
import {
  adjust,
  createLevelPicker,
  endReservation,
  ledgerInconsistencies,
  levelOf,
  makeAvailable,
  movementsOf,
  newKey,
  reservationRow,
  reserve,
} from './stock-mutation-support.js';

const DAY = 86_400_000;
const HOLD_SECONDS = 600;
/** A moved clock, set before the seeded holds end (they end more than a year after SEED_EPOCH). */
function createClock(start = SEED_EPOCH + 30 * DAY) {
  let time = start;
  return { now: () => new Date(time), advance: (ms: number) => (time += ms), at: () => time };
}

const seededActive = SEEDED.reservations.filter((r) => r.status === 'ACTIVE');

describe('expiry with a moved clock', () => {
  const pick = createLevelPicker();
  const clock = createClock();
  const settings: SubgraphSettings = { reservationHoldSeconds: HOLD_SECONDS, reservationSweepSeconds: 3600 };
  let inventory: TestInventory;
  let store: { db: Kysely<InventoryDatabase>; close(): Promise<void> };
  let services: SubgraphServices;
  beforeAll(async () => {
    const events = createInProcessEventBus();
    inventory = await startTestSubgraph(inventorySubgraph, SEED_SCALE, { settings, now: clock.now, events });
    store = await inventory.openStore<InventoryDatabase>();
    // The sweep as the subgraph runs it, driven by the test on the same store and clock.
    services = { events, now: clock.now, settings, audit: () => {} };
  });
  afterAll(async () => {
    await store?.close();
    await inventory?.close();
  });

  async function heldReservation(quantity = 2) {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 10);
    const { reservation } = await reserve(inventory, { ...level, quantity });
    return { level, reservation: reservation!, held: await levelOf(store.db, level) };
  }

  it('keeps the seeded ACTIVE reservations active at first start', async () => {
    expect(seededActive.length).toBeGreaterThan(0);
    const rows = await store.db
      .selectFrom('reservations')
      .select(['id', 'status'])
      .where(
        'id',
        'in',
        seededActive.map((r) => r.id),
      )
      .execute();
    expect(rows.map((r) => r.status)).toEqual(seededActive.map(() => 'ACTIVE'));
  });

  it('expires a reservation once its hold has run out: EXPIRED, and one RELEASE gives the units back', async () => {
    const { level, reservation, held } = await heldReservation(2);
    expect(Date.parse(reservation.expiresAt)).toBe(clock.at() + HOLD_SECONDS * 1000);
    clock.advance(HOLD_SECONDS * 1000 - 1);
    expect(await sweepExpiredReservations({ db: store.db, services })).toBe(0);
    expect((await reservationRow(store.db, reservation.id))!.status).toBe('ACTIVE');

    clock.advance(1);
    expect(await sweepExpiredReservations({ db: store.db, services })).toBe(1);
    expect((await reservationRow(store.db, reservation.id))!.status).toBe('EXPIRED');
    expect(await levelOf(store.db, level)).toEqual({
      on_hand: held.on_hand,
      reserved: held.reserved - 2,
      version: held.version + 1,
    });
    expect((await movementsOf(store.db, level)).at(-1)).toMatchObject({
      reason: 'RELEASE',
      delta: 0,
      reserved: held.reserved - 2,
      at: new Date(clock.at()).toISOString(),
    });
    // Nothing left to expire: a second sweep releases nothing twice.
    expect(await sweepExpiredReservations({ db: store.db, services })).toBe(0);
    expect((await levelOf(store.db, level)).version).toBe(held.version + 1);
  });

  it('expires, on collect, a reservation past its time that no sweep has reached, and answers RESERVATION_EXPIRED', async () => {
    const { level, reservation, held } = await heldReservation(3);
    clock.advance(HOLD_SECONDS * 1000);
    const payload = await endReservation(inventory, 'collect', reservation.id);
    expect(payload).toEqual({
      reservation: null,
      userErrors: [{ code: 'RESERVATION_EXPIRED', message: expect.any(String), field: ['id'] }],
    });
    expect((await reservationRow(store.db, reservation.id))!.status).toBe('EXPIRED');
    // Released, not picked up: onHand did not move.
    expect(await levelOf(store.db, level)).toEqual({
      on_hand: held.on_hand,
      reserved: held.reserved - 3,
      version: held.version + 1,
    });
    expect((await movementsOf(store.db, level)).at(-1)).toMatchObject({ reason: 'RELEASE', delta: 0 });
    expect(await sweepExpiredReservations({ db: store.db, services })).toBe(0);
    // Asking again (collect or cancel) answers the same, moving nothing.
    for (const how of ['collect', 'cancel'] as const) {
      expect((await endReservation(inventory, how, reservation.id)).userErrors.map((e) => e.code)).toEqual([
        'RESERVATION_EXPIRED',
      ]);
    }
    expect((await levelOf(store.db, level)).version).toBe(held.version + 1);
  });

  it('expires, on cancel, a reservation past its time, releasing its units once', async () => {
    const { level, reservation, held } = await heldReservation(1);
    clock.advance(HOLD_SECONDS * 1000 + 5_000);
    expect((await endReservation(inventory, 'cancel', reservation.id)).userErrors.map((e) => e.code)).toEqual([
      'RESERVATION_EXPIRED',
    ]);
    expect((await reservationRow(store.db, reservation.id))!.status).toBe('EXPIRED');
    expect(await levelOf(store.db, level)).toEqual({
      on_hand: held.on_hand,
      reserved: held.reserved - 1,
      version: held.version + 1,
    });
  });

  it('leaves the ledger consistent with the levels and the active holds', async () => {
    expect(await ledgerInconsistencies(store.db)).toEqual([]);
  });
});

describe('the background sweep', () => {
  it('runs once at start: seeded holds already past their time are released before the first request', async () => {
    const clock = createClock(SEED_EPOCH + 3 * 365 * DAY);
    const inventory = await startTestSubgraph(inventorySubgraph, SEED_SCALE, {
      now: clock.now,
      settings: { reservationHoldSeconds: 60, reservationSweepSeconds: 3600 },
    });
    const store = await inventory.openStore<InventoryDatabase>();
    try {
      const rows = await store.db
        .selectFrom('reservations')
        .select(['id', 'status'])
        .where(
          'id',
          'in',
          seededActive.map((r) => r.id),
        )
        .execute();
      expect(rows.map((r) => r.status)).toEqual(seededActive.map(() => 'EXPIRED'));
      const releases = await store.db
        .selectFrom('stock_movements')
        .select(['sku', 'location_id', 'reserved'])
        .where('reason', '=', 'RELEASE')
        .where('at', '=', new Date(clock.at()).toISOString())
        .execute();
      expect(releases).toHaveLength(seededActive.length);
      expect(await ledgerInconsistencies(store.db)).toEqual([]);
    } finally {
      await store.close();
      await inventory.close();
    }
  });

  it('expires due reservations every reservationSweepSeconds', async () => {
    const clock = createClock();
    const pick = createLevelPicker();
    const inventory = await startTestSubgraph(inventorySubgraph, SEED_SCALE, {
      now: clock.now,
      settings: { reservationHoldSeconds: 60, reservationSweepSeconds: 0.05 },
    });
    const store = await inventory.openStore<InventoryDatabase>();
    try {
      const level = pick();
      await makeAvailable(inventory, store.db, level, 4);
      const { reservation } = await reserve(inventory, { ...level, quantity: 4 });
      clock.advance(60_000);
      await vi.waitFor(async () => expect((await reservationRow(store.db, reservation!.id))!.status).toBe('EXPIRED'), {
        timeout: 5_000,
        interval: 20,
      });
      expect((await levelOf(store.db, level)).reserved).toBe(0);
    } finally {
      await store.close();
      await inventory.close();
    }
  });

  it('forgets idempotency keys past their retention: a retry that late is a new request', async () => {
    const clock = createClock();
    const pick = createLevelPicker();
    const inventory = await startTestSubgraph(inventorySubgraph, SEED_SCALE, {
      now: clock.now,
      settings: { reservationHoldSeconds: 60, reservationSweepSeconds: 0.05, idempotencyKeyRetentionHours: 1 },
    });
    const store = await inventory.openStore<InventoryDatabase>();
    const keyExists = async (key: string) =>
      (await store.db.withTables<IdempotencyTables>().selectFrom('idempotency_keys').select('key').where('key', '=', key).executeTakeFirst()) !== undefined;
    try {
      const level = pick();
      const old = newKey();
      await adjust(inventory, { ...level, delta: 1, reason: 'RESTOCK' }, old);
      clock.advance(59 * 60_000);
      const recent = newKey();
      await adjust(inventory, { ...level, delta: 1, reason: 'RESTOCK' }, recent);
      clock.advance(2 * 60_000);
      await vi.waitFor(async () => expect(await keyExists(old)).toBe(false), { timeout: 5_000, interval: 20 });
      expect(await keyExists(recent)).toBe(true);
      // Other input under the forgotten key is a new request, not IDEMPOTENCY_KEY_REUSED.
      const reused = await adjust(inventory, { ...level, delta: 2, reason: 'RESTOCK' }, old);
      expect(reused.userErrors).toEqual([]);
      expect(reused.changes[0]!.delta).toBe(2);
    } finally {
      await store.close();
      await inventory.close();
    }
  });

  it('stops cleanly: stopping waits for the sweep in progress, and no sweep runs after', async () => {
    const clock = createClock();
    const pick = createLevelPicker();
    const settings = { reservationHoldSeconds: 60, reservationSweepSeconds: 0.05 };
    // The subgraph's own sweep runs rarely; the test runs a second sweeper on the same store.
    const inventory = await startTestSubgraph(inventorySubgraph, SEED_SCALE, {
      now: clock.now,
      settings: { ...settings, reservationSweepSeconds: 3600 },
    });
    const store = await inventory.openStore<InventoryDatabase>();
    // A bus whose broadcasts wait for the test: a sweep that committed is still in progress until released.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const delivered: StockCommittedEvent[] = [];
    const inner = createInProcessEventBus();
    const bus: EventBus = {
      ...inner,
      async broadcast(topic, message) {
        await held;
        if (topic === STOCK_COMMITTED_TOPIC) delivered.push(message as StockCommittedEvent);
      },
    };
    try {
      const level = pick();
      await makeAvailable(inventory, store.db, level, 5);
      const first = (await reserve(inventory, { ...level, quantity: 1 })).reservation!;
      const stop = await startReservationExpiry(store.db, { events: bus, now: clock.now, settings, audit: () => {} });
      clock.advance(60_000);
      await vi.waitFor(async () => expect((await reservationRow(store.db, first.id))!.status).toBe('EXPIRED'), {
        timeout: 5_000,
        interval: 10,
      });
      let stopped = false;
      const stopping = stop().then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(delivered).toHaveLength(1);

      const second = (await reserve(inventory, { ...level, quantity: 1 })).reservation!;
      clock.advance(60_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await reservationRow(store.db, second.id))!.status).toBe('ACTIVE');
    } finally {
      release();
      await store.close();
      await inventory.close();
      await inner.close();
    }
  });
});
