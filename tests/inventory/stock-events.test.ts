/**
 * What the inventory announces after its transactions commit: one StockCommittedEvent per committed
 * stock-moving transaction (absolute values, chained by previousSequence), a SaleRecordedEvent for a
 * sale that names a customer, and nothing for refusals, replays or rollbacks.
 */
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inventorySubgraph } from '../../subgraphs/inventory/index.js';
import {
  SALE_RECORDED_TOPIC,
  STOCK_COMMITTED_TOPIC,
  type SaleRecordedEvent,
  type StockCommittedEvent,
} from '../../subgraphs/inventory/stock-events.js';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import { createInProcessEventBus } from '../../platform/events/in-process-event-bus.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { startTestSubgraph } from '../support/subgraph.js';
import { SEED_SCALE, type TestInventory } from './harness.js';
import {
  ADJUST_STOCK,
  adjust,
  createLevelPicker,
  endReservation,
  ledgerHead,
  levelOf,
  makeAvailable,
  newKey,
  reserve,
  sell,
  type StockChangeBody,
  type StockPayloadBody,
} from './stock-mutation-support.js';

const pick = createLevelPicker();

let inventory: TestInventory;
let store: { db: Kysely<InventoryDatabase>; close(): Promise<void> };
let events: EventBus;
const committed: StockCommittedEvent[] = [];
const sales: SaleRecordedEvent[] = [];
beforeAll(async () => {
  events = createInProcessEventBus();
  await events.onBroadcast(STOCK_COMMITTED_TOPIC, (message) => committed.push(message as StockCommittedEvent));
  await events.onWork(SALE_RECORDED_TOPIC, 'test-orders', async (message) => {
    sales.push(message as SaleRecordedEvent);
  });
  inventory = await startTestSubgraph(inventorySubgraph, SEED_SCALE, { events });
  store = await inventory.openStore<InventoryDatabase>();
});
afterAll(async () => {
  await store?.close();
  await inventory?.close();
  await events?.close();
});
afterEach(() => {
  committed.length = 0;
  sales.length = 0;
});

/** A StockChange answer as the event carries it. */
const asMovement = (c: StockChangeBody) => ({
  sequence: c.sequence,
  version: c.version,
  sku: c.variant.sku,
  locationId: c.location.id,
  delta: c.delta,
  reason: c.reason,
  onHand: c.onHand,
  reserved: c.reserved,
  at: c.at,
});

describe('StockCommittedEvent', () => {
  it('announces each committed transaction once, by the time the mutation answers, with the values after it', async () => {
    const a = pick();
    const b = pick(a.locationId);
    const head = await ledgerHead(store.db);
    const sale = await sell(inventory, {
      locationId: a.locationId,
      channel: 'STORE',
      lines: [
        { sku: a.sku, quantity: 2 },
        { sku: b.sku, quantity: 1 },
      ],
    });
    expect(committed).toEqual([{ previousSequence: head.last, movements: sale.changes.map(asMovement) }]);
    // Absolute values: what the ledger holds for those rows.
    const rows = await store.db
      .selectFrom('stock_movements')
      .selectAll()
      .where(
        'sequence',
        'in',
        sale.changes.map((c) => c.sequence),
      )
      .orderBy('sequence')
      .execute();
    expect(committed[0]!.movements.map((m) => [m.sequence, m.onHand, m.reserved, m.version])).toEqual(
      rows.map((r) => [r.sequence, r.on_hand, r.reserved, r.version]),
    );
  });

  it('announces reservations, releases and pickups with the level’s reserved after each', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 10);
    const before = await levelOf(store.db, level);
    committed.length = 0;
    const first = (await reserve(inventory, { ...level, quantity: 4 })).reservation!;
    const second = (await reserve(inventory, { ...level, quantity: 3 })).reservation!;
    await endReservation(inventory, 'cancel', first.id);
    await endReservation(inventory, 'collect', second.id);
    expect(committed.map((e) => e.movements.map((m) => [m.reason, m.delta, m.onHand, m.reserved, m.version]))).toEqual([
      [['RESERVATION', 0, before.on_hand, before.reserved + 4, before.version + 1]],
      [['RESERVATION', 0, before.on_hand, before.reserved + 7, before.version + 2]],
      [['RELEASE', 0, before.on_hand, before.reserved + 3, before.version + 3]],
      [['PICKUP', -3, before.on_hand - 3, before.reserved, before.version + 4]],
    ]);
  });

  it('chains events: each names as previousSequence the last sequence of the one before', async () => {
    const level = pick();
    const head = await ledgerHead(store.db);
    for (let i = 0; i < 5; i++) await adjust(inventory, { ...level, delta: i + 1, reason: 'RESTOCK' });
    expect(committed).toHaveLength(5);
    expect(committed[0]!.previousSequence).toBe(head.last);
    for (let i = 1; i < committed.length; i++) {
      expect(committed[i]!.previousSequence).toBe(committed[i - 1]!.movements.at(-1)!.sequence);
    }
  });

  it('announces concurrent commits in commit order, still chained', async () => {
    const levels = Array.from({ length: 6 }, () => pick());
    const head = await ledgerHead(store.db);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        inventory.query<{ adjustStock: StockPayloadBody }>(ADJUST_STOCK, {
          input: { ...levels[i % levels.length]!, delta: 1, reason: 'RESTOCK' },
          key: newKey(),
        }),
      ),
    );
    expect(answers.every((a) => a.data?.adjustStock.userErrors.length === 0)).toBe(true);
    expect(committed).toHaveLength(30);
    let previous = head.last;
    for (const event of committed) {
      expect(event.previousSequence).toBe(previous);
      previous = event.movements.at(-1)!.sequence;
    }
    // And each level's versions arrive in order.
    for (const level of levels) {
      const versions = committed
        .flatMap((e) => e.movements)
        .filter((m) => m.sku === level.sku && m.locationId === level.locationId)
        .map((m) => m.version);
      expect(versions).toEqual([...versions].sort((x, y) => x - y));
    }
  });

  it('announces nothing for refusals, replays and retried cancels', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 1);
    const key = newKey();
    const held = (await reserve(inventory, { ...level, quantity: 1 }, key)).reservation!;
    await endReservation(inventory, 'cancel', held.id);
    committed.length = 0;
    await reserve(inventory, { ...level, quantity: 5 });
    await reserve(inventory, { ...level, quantity: 0 });
    await reserve(inventory, { ...level, quantity: 1 }, key);
    await endReservation(inventory, 'cancel', held.id);
    await endReservation(inventory, 'collect', held.id);
    await sell(inventory, {
      locationId: level.locationId,
      channel: 'STORE',
      lines: [{ sku: 'SKU-99999-9', quantity: 1 }],
    });
    await adjust(inventory, { ...level, delta: 1, reason: 'SALE' });
    expect(committed).toEqual([]);
  });

  it('announces nothing, and moves nothing, when the transaction rolls back', async () => {
    const level = pick();
    const before = await levelOf(store.db, level);
    // A movement already holding the next version makes the mutation's append fail, after its level update.
    await store.db
      .insertInto('stock_movements')
      .values({
        sku: level.sku,
        location_id: level.locationId,
        delta: 0,
        reason: 'CORRECTION',
        on_hand: 0,
        reserved: 0,
        version: before.version + 1,
        at: new Date().toISOString(),
        idempotency_key: null,
      })
      .execute();
    try {
      const key = newKey();
      const answer = await inventory.query(ADJUST_STOCK, { input: { ...level, delta: 5, reason: 'RESTOCK' }, key });
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(committed).toEqual([]);
      expect(await levelOf(store.db, level)).toEqual(before);
      // Not even the idempotency key was kept: the retry is a new attempt.
      await store.db
        .deleteFrom('stock_movements')
        .where('sku', '=', level.sku)
        .where('location_id', '=', level.locationId)
        .where('version', '=', before.version + 1)
        .execute();
      expect((await adjust(inventory, { ...level, delta: 5, reason: 'RESTOCK' }, key)).changes).toHaveLength(1);
    } finally {
      await store.db
        .deleteFrom('stock_movements')
        .where('sku', '=', level.sku)
        .where('location_id', '=', level.locationId)
        .where('version', '>', before.version + 1)
        .execute();
    }
  });
});

describe('SaleRecordedEvent', () => {
  it('enqueues one for a sale that names a customer, its id derived from the sale’s first ledger sequence', async () => {
    const a = pick();
    const b = pick(a.locationId);
    const lines = [
      { sku: a.sku, quantity: 2, unitPrice: { amount: 1999, currency: 'EUR' } },
      { sku: b.sku, quantity: 1, unitPrice: { amount: 0, currency: 'EUR' } },
    ];
    const key = newKey();
    const { changes } = await sell(
      inventory,
      { locationId: a.locationId, channel: 'STORE', customerId: 'cust-00007', lines },
      key,
    );
    expect(sales).toEqual([
      {
        saleId: `sale-${changes[0]!.sequence}`,
        customerId: 'cust-00007',
        locationId: a.locationId,
        channel: 'STORE',
        at: changes[0]!.at,
        lines,
      },
    ]);
    // A retry enqueues the same sale again (the consumer deduplicates by saleId): a crash between
    // commit and enqueue is repaired by the client's retry.
    await sell(inventory, { locationId: a.locationId, channel: 'STORE', customerId: 'cust-00007', lines }, key);
    expect(sales.map((s) => s.saleId)).toEqual([`sale-${changes[0]!.sequence}`, `sale-${changes[0]!.sequence}`]);
  });

  it('enqueues nothing for an anonymous sale', async () => {
    const level = pick();
    await sell(inventory, {
      locationId: level.locationId,
      channel: 'STORE',
      lines: [{ sku: level.sku, quantity: 1, unitPrice: { amount: 500, currency: 'EUR' } }],
    });
    expect(committed).toHaveLength(1);
    expect(sales).toEqual([]);
  });
});

describe('a bus that fails', () => {
  it('does not turn a committed mutation into an error: the change stands and the failure is logged', async () => {
    const inner = createInProcessEventBus();
    const failing: EventBus = {
      ...inner,
      broadcast: async () => {
        throw new Error('bus unreachable');
      },
    };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const other = await startTestSubgraph(inventorySubgraph, SEED_SCALE, { events: failing });
    try {
      const level = pick();
      const answer = await other.query<{ adjustStock: StockPayloadBody }>(ADJUST_STOCK, {
        input: { ...level, delta: 3, reason: 'RESTOCK' },
        key: newKey(),
      });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.adjustStock.changes).toHaveLength(1);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('bus unreachable'));
    } finally {
      logged.mockRestore();
      await other.close();
      await inner.close();
    }
  });
});
