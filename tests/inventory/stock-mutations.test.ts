/**
 * The inventory's stock mutations over real HTTP and SQL: what each one moves, and every refusal
 * (a userError with a stable code and field) moving nothing.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventorySubgraph } from '../../subgraphs/inventory/index.js';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import { startTestSubgraph } from '../support/subgraph.js';
import { SEED_SCALE, type TestInventory } from './harness.js';
import {
  PICKUP_STORES,
  STORE_WITHOUT_PICKUP,
  WAREHOUSE,
  adjust,
  createLevelPicker,
  endReservation,
  ledgerHead,
  levelOf,
  makeAvailable,
  movementsOf,
  newKey,
  reservationRow,
  reserve,
  sell,
  type LevelRef,
} from './stock-mutation-support.js';

const HOLD_SECONDS = 900;
const pick = createLevelPicker();

let inventory: TestInventory;
let store: { db: Kysely<InventoryDatabase>; close(): Promise<void> };
beforeAll(async () => {
  inventory = await startTestSubgraph(inventorySubgraph, SEED_SCALE, {
    settings: { reservationHoldSeconds: HOLD_SECONDS, reservationSweepSeconds: 3600 },
  });
  store = await inventory.openStore<InventoryDatabase>();
});
afterAll(async () => {
  await store?.close();
  await inventory?.close();
});

/** Runs `act` and checks it moved no stock and made no reservation. */
async function expectNothingMoved(act: () => Promise<unknown>) {
  const before = await ledgerHead(store.db);
  const reservationsBefore = await store.db
    .selectFrom('reservations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await act();
  expect(await ledgerHead(store.db)).toEqual(before);
  const reservationsAfter = await store.db
    .selectFrom('reservations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(reservationsAfter.n)).toBe(Number(reservationsBefore.n));
}

const codesOf = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);

describe('reserveForPickup', () => {
  it('holds units in a pickup store: reserved goes up, onHand does not, one RESERVATION movement', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 8);
    const before = await levelOf(store.db, level);
    const key = newKey();
    const { reservation, userErrors } = await reserve(
      inventory,
      { ...level, quantity: 3, customerId: 'cust-00042' },
      key,
    );
    expect(userErrors).toEqual([]);
    expect(reservation).toMatchObject({
      status: 'ACTIVE',
      quantity: 3,
      customerId: 'cust-00042',
      variant: { sku: level.sku },
      location: { id: level.locationId },
    });
    expect(reservation!.id).toMatch(/^res-[A-Za-z0-9_-]{16}$/);
    expect(Date.parse(reservation!.expiresAt) - Date.parse(reservation!.createdAt)).toBe(HOLD_SECONDS * 1000);
    expect(await levelOf(store.db, level)).toEqual({
      on_hand: before.on_hand,
      reserved: before.reserved + 3,
      version: before.version + 1,
    });
    const last = (await movementsOf(store.db, level)).at(-1)!;
    expect(last).toMatchObject({
      reason: 'RESERVATION',
      delta: 0,
      on_hand: before.on_hand,
      reserved: before.reserved + 3,
      version: before.version + 1,
      idempotency_key: key,
    });
    expect(await reservationRow(store.db, reservation!.id)).toMatchObject({
      status: 'ACTIVE',
      quantity: 3,
      customer_id: 'cust-00042',
    });
  });

  it('refuses a reservation larger than the available stock, and moves nothing', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 2);
    await expectNothingMoved(async () => {
      const payload = await reserve(inventory, { ...level, quantity: 3 });
      expect(payload.reservation).toBeNull();
      expect(payload.userErrors).toEqual([
        { code: 'INSUFFICIENT_STOCK', message: expect.stringContaining('Only 2'), field: ['input', 'quantity'] },
      ]);
    });
    // Exactly what is available can be held.
    expect((await reserve(inventory, { ...level, quantity: 2 })).userErrors).toEqual([]);
    expect(codesOf(await reserve(inventory, { ...level, quantity: 1 }))).toEqual(['INSUFFICIENT_STOCK']);
  });

  it('refuses a quantity outside 1 to 100', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 200);
    for (const quantity of [0, -1, 101]) {
      await expectNothingMoved(async () => {
        const payload = await reserve(inventory, { ...level, quantity });
        expect(payload).toEqual({
          reservation: null,
          userErrors: [{ code: 'INVALID_QUANTITY', message: expect.any(String), field: ['input', 'quantity'] }],
        });
      });
    }
    expect((await reserve(inventory, { ...level, quantity: 100 })).userErrors).toEqual([]);
  });

  it('refuses an unknown location, a warehouse, a store without pickup and a sku the store does not stock', async () => {
    const { sku } = pick();
    const cases: [Partial<LevelRef>, string, string[]][] = [
      [{ locationId: 'loc-nowhere' }, 'UNKNOWN_LOCATION', ['input', 'locationId']],
      [{ locationId: WAREHOUSE.id }, 'PICKUP_NOT_OFFERED', ['input', 'locationId']],
      [{ locationId: STORE_WITHOUT_PICKUP.id }, 'PICKUP_NOT_OFFERED', ['input', 'locationId']],
      [{ locationId: PICKUP_STORES[0]!.id, sku: 'SKU-99999-9' }, 'UNKNOWN_STOCK_LEVEL', ['input', 'sku']],
    ];
    for (const [where, code, field] of cases) {
      await expectNothingMoved(async () => {
        const payload = await reserve(inventory, { sku, locationId: PICKUP_STORES[0]!.id, ...where, quantity: 1 });
        expect(payload.reservation).toBeNull();
        expect(payload.userErrors).toEqual([{ code, message: expect.any(String), field }]);
      });
    }
  });

  it('refuses an idempotency key that is empty or longer than 200 characters', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 5);
    for (const key of ['', 'k'.repeat(201)]) {
      await expectNothingMoved(async () => {
        const payload = await reserve(inventory, { ...level, quantity: 1 }, key);
        expect(payload.userErrors).toEqual([
          { code: 'INVALID_IDEMPOTENCY_KEY', message: expect.any(String), field: ['idempotencyKey'] },
        ]);
      });
    }
    expect((await reserve(inventory, { ...level, quantity: 1 }, 'k'.repeat(200))).userErrors).toEqual([]);
  });
});

describe('cancelReservation and collectReservation', () => {
  async function heldReservation(quantity = 2) {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 10);
    const { reservation } = await reserve(inventory, { ...level, quantity });
    return { level, reservation: reservation!, before: await levelOf(store.db, level) };
  }

  it('cancels an ACTIVE reservation: reserved goes back down with a RELEASE movement', async () => {
    const { level, reservation, before } = await heldReservation(2);
    const payload = await endReservation(inventory, 'cancel', reservation.id);
    expect(payload).toEqual({ reservation: { ...reservation, status: 'CANCELLED' }, userErrors: [] });
    expect(await levelOf(store.db, level)).toEqual({
      on_hand: before.on_hand,
      reserved: before.reserved - 2,
      version: before.version + 1,
    });
    expect((await movementsOf(store.db, level)).at(-1)).toMatchObject({
      reason: 'RELEASE',
      delta: 0,
      reserved: before.reserved - 2,
    });
  });

  it('collects an ACTIVE reservation: onHand and reserved both go down with a PICKUP movement', async () => {
    const { level, reservation, before } = await heldReservation(3);
    const payload = await endReservation(inventory, 'collect', reservation.id);
    expect(payload).toEqual({ reservation: { ...reservation, status: 'COLLECTED' }, userErrors: [] });
    expect(await levelOf(store.db, level)).toEqual({
      on_hand: before.on_hand - 3,
      reserved: before.reserved - 3,
      version: before.version + 1,
    });
    expect((await movementsOf(store.db, level)).at(-1)).toMatchObject({
      reason: 'PICKUP',
      delta: -3,
      on_hand: before.on_hand - 3,
    });
  });

  it('answers a second cancel or collect with the reservation unchanged, moving nothing (retries are safe)', async () => {
    const cancelled = (await heldReservation()).reservation;
    const collected = (await heldReservation()).reservation;
    await endReservation(inventory, 'cancel', cancelled.id);
    await endReservation(inventory, 'collect', collected.id);
    await expectNothingMoved(async () => {
      expect(await endReservation(inventory, 'cancel', cancelled.id)).toEqual({
        reservation: { ...cancelled, status: 'CANCELLED' },
        userErrors: [],
      });
      expect(await endReservation(inventory, 'collect', collected.id)).toEqual({
        reservation: { ...collected, status: 'COLLECTED' },
        userErrors: [],
      });
    });
  });

  it('refuses to collect a cancelled reservation or cancel a collected one (RESERVATION_NOT_ACTIVE)', async () => {
    const cancelled = (await heldReservation()).reservation;
    const collected = (await heldReservation()).reservation;
    await endReservation(inventory, 'cancel', cancelled.id);
    await endReservation(inventory, 'collect', collected.id);
    await expectNothingMoved(async () => {
      for (const [how, id, status] of [
        ['collect', cancelled.id, 'CANCELLED'],
        ['cancel', collected.id, 'COLLECTED'],
      ] as const) {
        const payload = await endReservation(inventory, how, id);
        expect(payload).toEqual({
          reservation: null,
          userErrors: [{ code: 'RESERVATION_NOT_ACTIVE', message: expect.stringContaining(status), field: ['id'] }],
        });
        expect((await reservationRow(store.db, id))!.status).toBe(status);
      }
    });
  });

  it('answers RESERVATION_NOT_FOUND for an unknown id', async () => {
    await expectNothingMoved(async () => {
      for (const how of ['cancel', 'collect'] as const) {
        expect(await endReservation(inventory, how, 'res-unknown')).toEqual({
          reservation: null,
          userErrors: [{ code: 'RESERVATION_NOT_FOUND', message: expect.any(String), field: ['id'] }],
        });
      }
    });
  });
});

describe('recordSale', () => {
  it('records one SALE movement per line, in line order, with the levels after each', async () => {
    const first = pick(PICKUP_STORES[1]!.id);
    const second = pick(PICKUP_STORES[1]!.id);
    const [a, b] = [await levelOf(store.db, first), await levelOf(store.db, second)];
    const key = newKey();
    const { changes, userErrors } = await sell(
      inventory,
      {
        locationId: first.locationId,
        channel: 'STORE',
        lines: [
          { sku: second.sku, quantity: 2 },
          { sku: first.sku, quantity: 1 },
        ],
      },
      key,
    );
    expect(userErrors).toEqual([]);
    expect(
      changes.map(({ variant, reason, delta, onHand, version }) => [variant.sku, reason, delta, onHand, version]),
    ).toEqual([
      [second.sku, 'SALE', -2, b.on_hand - 2, b.version + 1],
      [first.sku, 'SALE', -1, a.on_hand - 1, a.version + 1],
    ]);
    expect(changes[1]!.sequence).toBeGreaterThan(changes[0]!.sequence);
    expect(changes.every((c) => c.location.id === first.locationId && c.at === changes[0]!.at)).toBe(true);
    expect((await movementsOf(store.db, first)).at(-1)).toMatchObject({
      reason: 'SALE',
      delta: -1,
      idempotency_key: key,
    });
  });

  it('never refuses a sale for stock: onHand goes negative, available stays 0', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 1);
    const before = await levelOf(store.db, level);
    const { changes, userErrors } = await sell(inventory, {
      locationId: level.locationId,
      channel: 'STORE',
      lines: [{ sku: level.sku, quantity: 5 }],
    });
    expect(userErrors).toEqual([]);
    expect(changes[0]).toMatchObject({
      onHand: before.on_hand - 5,
      reserved: before.reserved,
      available: 0,
      delta: -5,
    });
    expect((await levelOf(store.db, level)).on_hand).toBe(before.on_hand - 5);
  });

  it('records a sale shipped from a warehouse', async () => {
    const level = pick(WAREHOUSE.id);
    const { changes, userErrors } = await sell(inventory, {
      locationId: level.locationId,
      channel: 'WEB',
      lines: [{ sku: level.sku, quantity: 1 }],
    });
    expect(userErrors).toEqual([]);
    expect(changes).toHaveLength(1);
  });

  it('refuses malformed sales with a code and the field at fault, moving nothing', async () => {
    const level = pick();
    const other = pick(level.locationId);
    const line = (sku: string, quantity = 1, unitPrice?: { amount: number; currency: string }) => ({
      sku,
      quantity,
      ...(unitPrice ? { unitPrice } : {}),
    });
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const cases: [Record<string, unknown>, { code: string; field: string[] }[]][] = [
      [{ lines: [] }, [{ code: 'NO_LINES', field: ['input', 'lines'] }]],
      [
        { lines: Array.from({ length: 101 }, (_, i) => line(`SKU-${i}`)) },
        [{ code: 'TOO_MANY_LINES', field: ['input', 'lines'] }],
      ],
      [
        { lines: [line(level.sku), line(other.sku), line(level.sku)] },
        [{ code: 'DUPLICATE_LINE', field: ['input', 'lines', '2', 'sku'] }],
      ],
      [
        { lines: [line(level.sku, 0), line(other.sku, 10_001)] },
        [
          { code: 'INVALID_QUANTITY', field: ['input', 'lines', '0', 'quantity'] },
          { code: 'INVALID_QUANTITY', field: ['input', 'lines', '1', 'quantity'] },
        ],
      ],
      [
        { customerId: 'cust-00001', lines: [line(level.sku, 1, eur(100)), line(other.sku)] },
        [{ code: 'PRICE_REQUIRED', field: ['input', 'lines', '1', 'unitPrice'] }],
      ],
      [
        { lines: [line(level.sku, 1, eur(-1)), line(other.sku, 1, { amount: 5, currency: 'eur' })] },
        [
          { code: 'INVALID_PRICE', field: ['input', 'lines', '0', 'unitPrice', 'amount'] },
          { code: 'INVALID_PRICE', field: ['input', 'lines', '1', 'unitPrice', 'currency'] },
        ],
      ],
      [
        {
          customerId: 'cust-00001',
          lines: [line(level.sku, 1, eur(100)), line(other.sku, 1, { amount: 100, currency: 'USD' })],
        },
        [{ code: 'MIXED_CURRENCIES', field: ['input', 'lines', '1', 'unitPrice', 'currency'] }],
      ],
      [
        { locationId: 'loc-nowhere', lines: [line(level.sku)] },
        [{ code: 'UNKNOWN_LOCATION', field: ['input', 'locationId'] }],
      ],
    ];
    for (const [input, expected] of cases) {
      await expectNothingMoved(async () => {
        const payload = await sell(inventory, { locationId: level.locationId, channel: 'STORE', ...input });
        expect(payload.changes).toEqual([]);
        expect(payload.userErrors.map(({ code, field }) => ({ code, field }))).toEqual(expected);
      });
    }
  });

  it('moves nothing when one line names a sku the location does not stock', async () => {
    const level = pick();
    await expectNothingMoved(async () => {
      const payload = await sell(inventory, {
        locationId: level.locationId,
        channel: 'STORE',
        lines: [
          { sku: level.sku, quantity: 1 },
          { sku: 'SKU-99999-9', quantity: 1 },
        ],
      });
      expect(payload).toEqual({
        changes: [],
        userErrors: [
          { code: 'UNKNOWN_STOCK_LEVEL', message: expect.any(String), field: ['input', 'lines', '1', 'sku'] },
        ],
      });
    });
  });
});

describe('adjustStock', () => {
  it('records a delivery (RESTOCK) and a count either way (CORRECTION)', async () => {
    const level = pick();
    const before = await levelOf(store.db, level);
    const restock = await adjust(inventory, { ...level, delta: 12, reason: 'RESTOCK' });
    expect(restock.userErrors).toEqual([]);
    expect(restock.changes).toEqual([
      expect.objectContaining({
        reason: 'RESTOCK',
        delta: 12,
        onHand: before.on_hand + 12,
        reserved: before.reserved,
        version: before.version + 1,
        variant: { sku: level.sku },
        location: { id: level.locationId },
      }),
    ]);
    const down = await adjust(inventory, { ...level, delta: -4, reason: 'CORRECTION' });
    const up = await adjust(inventory, { ...level, delta: 1, reason: 'CORRECTION' });
    expect([...down.changes, ...up.changes].map((c) => [c.reason, c.delta, c.onHand, c.version])).toEqual([
      ['CORRECTION', -4, before.on_hand + 8, before.version + 2],
      ['CORRECTION', 1, before.on_hand + 9, before.version + 3],
    ]);
    expect(await levelOf(store.db, level)).toMatchObject({ on_hand: before.on_hand + 9, version: before.version + 3 });
  });

  it('answers available as max(onHand - reserved, 0) when a count leaves onHand below zero', async () => {
    const level = pick();
    const before = await levelOf(store.db, level);
    const { changes } = await adjust(inventory, { ...level, delta: -(before.on_hand + 3), reason: 'CORRECTION' });
    expect(changes[0]).toMatchObject({ onHand: -3, available: 0 });
  });

  it('refuses other reasons, a negative RESTOCK, a zero delta and a change over a million units', async () => {
    const level = pick();
    const cases: [number, string, string, string[]][] = [
      [5, 'SALE', 'INVALID_REASON', ['input', 'reason']],
      [5, 'RESERVATION', 'INVALID_REASON', ['input', 'reason']],
      [5, 'PICKUP', 'INVALID_REASON', ['input', 'reason']],
      [-5, 'RESTOCK', 'INVALID_REASON', ['input', 'reason']],
      [0, 'CORRECTION', 'INVALID_REASON', ['input', 'delta']],
      [0, 'RESTOCK', 'INVALID_REASON', ['input', 'delta']],
      [1_000_001, 'RESTOCK', 'INVALID_QUANTITY', ['input', 'delta']],
    ];
    for (const [delta, reason, code, field] of cases) {
      await expectNothingMoved(async () => {
        const payload = await adjust(inventory, { ...level, delta, reason });
        expect(payload).toEqual({ changes: [], userErrors: [{ code, message: expect.any(String), field }] });
      });
    }
  });

  it('refuses an unknown location and a sku the location does not stock', async () => {
    const level = pick();
    await expectNothingMoved(async () => {
      expect(
        (await adjust(inventory, { ...level, locationId: 'loc-nowhere', delta: 1, reason: 'RESTOCK' })).userErrors,
      ).toEqual([{ code: 'UNKNOWN_LOCATION', message: expect.any(String), field: ['input', 'locationId'] }]);
      expect(
        (await adjust(inventory, { ...level, sku: 'SKU-99999-9', delta: 1, reason: 'RESTOCK' })).userErrors,
      ).toEqual([{ code: 'UNKNOWN_STOCK_LEVEL', message: expect.any(String), field: ['input', 'sku'] }]);
    });
  });
});
