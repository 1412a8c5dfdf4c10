/**
 * Acceptance: after a mixed concurrent load on a handful of levels (reservations, retries, cancels,
 * collects, sales, restocks, corrections, expiries by the sweep and by late collects), the ledger
 * and the levels still agree to the unit, and no reservation ever took more than was available.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventorySubgraph } from '../../subgraphs/inventory/index.js';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import { SEED_EPOCH, createRandom } from '../../subgraphs/shared/universe.js';
import { startTestSubgraph } from '../support/subgraph.js';
import { SEED_SCALE, type TestInventory } from './harness.js';
import {
  PICKUP_STORES,
  adjust,
  createLevelPicker,
  endReservation,
  ledgerHead,
  ledgerInconsistencies,
  makeAvailable,
  newKey,
  reserve,
  sell,
  type LevelRef,
} from './stock-mutation-support.js';

const HOLD_MS = 60_000;
const START = SEED_EPOCH + 30 * 86_400_000;
let time = START;
const now = () => new Date(time);

let inventory: TestInventory;
let store: { db: Kysely<InventoryDatabase>; close(): Promise<void> };
beforeAll(async () => {
  // The sweep runs in the background all along, racing the collects and cancels.
  inventory = await startTestSubgraph(inventorySubgraph, SEED_SCALE, {
    now,
    settings: { reservationHoldSeconds: HOLD_MS / 1000, reservationSweepSeconds: 0.02 },
  });
  store = await inventory.openStore<InventoryDatabase>();
});
afterAll(async () => {
  await store?.close();
  await inventory?.close();
});

describe('the ledger under a mixed concurrent load', () => {
  it('keeps every level equal to its movements, versions gapless and rising with the sequence, reserved equal to the active holds', async () => {
    const random = createRandom(4242);
    const pick = createLevelPicker();
    const levels: LevelRef[] = [
      pick(PICKUP_STORES[0]!.id),
      pick(PICKUP_STORES[0]!.id),
      pick(PICKUP_STORES[1]!.id),
      pick(PICKUP_STORES[2]!.id),
    ];
    for (const level of levels) await makeAvailable(inventory, store.db, level, 12);
    const head = await ledgerHead(store.db);
    const held: string[] = [];
    const retryKeys: { key: string; input: LevelRef & { quantity: number } }[] = [];

    const operation = async () => {
      const level = random.pick(levels);
      const roll = random.next();
      if (roll < 0.35) {
        const input = { ...level, quantity: random.int(1, 3) };
        const key = newKey();
        if (random.chance(0.2)) retryKeys.push({ key, input });
        const { reservation } = await reserve(inventory, input, key);
        if (reservation) held.push(reservation.id);
      } else if (roll < 0.45 && retryKeys.length > 0) {
        const { key, input } = random.pick(retryKeys);
        await reserve(inventory, input, key);
      } else if (roll < 0.6 && held.length > 0) {
        await endReservation(inventory, random.chance(0.5) ? 'cancel' : 'collect', random.pick(held));
      } else if (roll < 0.75) {
        await sell(inventory, {
          locationId: level.locationId,
          channel: 'STORE',
          lines: [{ sku: level.sku, quantity: random.int(1, 4) }],
        });
      } else if (roll < 0.9) {
        await adjust(inventory, { ...level, delta: random.int(1, 6), reason: 'RESTOCK' });
      } else {
        await adjust(inventory, {
          ...level,
          delta: random.chance(0.5) ? -random.int(1, 3) : random.int(1, 3),
          reason: 'CORRECTION',
        });
      }
    };

    // Rounds of concurrent requests; between rounds the clock moves, so holds of earlier rounds
    // expire while later rounds collect and cancel them.
    for (let round = 0; round < 6; round++) {
      if (round > 0) time += HOLD_MS / 2;
      await Promise.all(Array.from({ length: 60 }, operation));
    }
    // The clock stops here: once the sweep has caught up, nothing moves while the checks read.
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(await ledgerInconsistencies(store.db)).toEqual([]);
    const moved = await store.db.selectFrom('stock_movements').selectAll().where('sequence', '>', head.last).execute();
    const reasons = new Set(moved.map((m) => m.reason));
    expect(reasons).toEqual(new Set(['RESERVATION', 'RELEASE', 'PICKUP', 'SALE', 'RESTOCK', 'CORRECTION']));
    // Every hold was taken out of available stock.
    for (const m of moved.filter((m) => m.reason === 'RESERVATION'))
      expect(m.on_hand - m.reserved).toBeGreaterThanOrEqual(0);

    // Each reservation of the run moved its level exactly as its status says.
    const made = await store.db
      .selectFrom('reservations')
      .selectAll()
      .where('created_at', '>=', new Date(START).toISOString())
      .execute();
    const byStatus = (status: string) => made.filter((r) => r.status === status).length;
    expect(made.length).toBe(new Set(held).size);
    expect(byStatus('EXPIRED')).toBeGreaterThan(0);
    const count = (reason: string) => moved.filter((m) => m.reason === reason).length;
    expect(count('RESERVATION')).toBe(made.length);
    expect(count('PICKUP')).toBe(byStatus('COLLECTED'));
    expect(count('RELEASE')).toBe(byStatus('CANCELLED') + byStatus('EXPIRED'));
  });
});
