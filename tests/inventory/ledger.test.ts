import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import { locations, products } from '../../subgraphs/shared/universe.js';
import { SEEDED, SIZE, startInventory, type TestInventory } from './harness.js';

let inventory: TestInventory;
let store: { db: Kysely<InventoryDatabase>; close(): Promise<void> };
beforeAll(async () => {
  inventory = await startInventory();
  store = await inventory.openStore<InventoryDatabase>();
});
afterAll(async () => {
  await store?.close();
  await inventory?.close();
});

describe('the seeded stock ledger', () => {
  it('stocks every variant at every location', async () => {
    const variants = products(SIZE).reduce((n, p) => n + p.variants.length, 0);
    const { count } = await store.db
      .selectFrom('stock_levels')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(variants * locations().length);
  });

  it('sums each level’s deltas to its on_hand, with versions 1..version and no gap', async () => {
    const broken = await sql<{ sku: string; location_id: string }>`
      select l.sku, l.location_id
      from stock_levels l
      left join (
        select sku, location_id, sum(delta) as total, count(*) as movements,
               count(distinct version) as versions, min(version) as first_version, max(version) as last_version
        from stock_movements group by sku, location_id
      ) m on m.sku = l.sku and m.location_id = l.location_id
      where coalesce(m.total, -1) <> l.on_hand
         or coalesce(m.movements, 0) <> l.version
         or m.versions <> m.movements
         or m.first_version <> 1
         or m.last_version <> l.version`.execute(store.db);
    expect(broken.rows).toEqual([]);
    const orphans = await sql<{ sku: string }>`
      select m.sku from stock_movements m
      left join stock_levels l on l.sku = m.sku and l.location_id = m.location_id
      where l.sku is null`.execute(store.db);
    expect(orphans.rows).toEqual([]);
  });

  it('numbers movements in time order, each level’s versions rising with the sequence, its last one matching the level', async () => {
    const movements = await store.db.selectFrom('stock_movements').selectAll().orderBy('sequence').execute();
    const levels = new Map(
      (await store.db.selectFrom('stock_levels').selectAll().execute()).map((l) => [`${l.sku}|${l.location_id}`, l]),
    );
    const last = new Map<string, (typeof movements)[number]>();
    let previous: (typeof movements)[number] | undefined;
    for (const movement of movements) {
      const key = `${movement.sku}|${movement.location_id}`;
      if (previous) {
        expect(movement.sequence).toBeGreaterThan(previous.sequence);
        expect(movement.at >= previous.at).toBe(true);
      }
      expect(movement.version).toBe((last.get(key)?.version ?? 0) + 1);
      expect(movement.on_hand).toBe((last.get(key)?.on_hand ?? 0) + movement.delta);
      last.set(key, movement);
      previous = movement;
    }
    for (const [key, level] of levels) {
      const latest = last.get(key)!;
      expect([latest.on_hand, latest.reserved, latest.version]).toEqual([level.on_hand, level.reserved, level.version]);
    }
    // The ledger is exactly what the generator produced, in its order.
    expect(movements.map(({ sequence: _sequence, ...rest }) => rest)).toEqual(
      SEEDED.movements.map((m) => ({ ...m, idempotency_key: m.idempotency_key ?? null })),
    );
  });

  it('opens each level with one RESTOCK, and holds in reserved exactly the ACTIVE reservations', async () => {
    const openings = await store.db
      .selectFrom('stock_movements')
      .select(['reason', 'version'])
      .where('version', '=', 1)
      .execute();
    expect(new Set(openings.map((o) => o.reason))).toEqual(new Set(['RESTOCK']));

    const held = new Map<string, number>();
    for (const r of await store.db.selectFrom('reservations').selectAll().where('status', '=', 'ACTIVE').execute()) {
      held.set(`${r.sku}|${r.location_id}`, (held.get(`${r.sku}|${r.location_id}`) ?? 0) + r.quantity);
    }
    expect(held.size).toBeGreaterThan(0);
    const reservedLevels = await store.db.selectFrom('stock_levels').selectAll().where('reserved', '<>', 0).execute();
    expect(new Map(reservedLevels.map((l) => [`${l.sku}|${l.location_id}`, l.reserved]))).toEqual(held);
    for (const level of reservedLevels) expect(level.on_hand).toBeGreaterThanOrEqual(level.reserved);
  });

  it('records reservations with delta 0 and pickups as leaving both on_hand and reserved', async () => {
    const byReason = await store.db
      .selectFrom('stock_movements')
      .select(['reason', 'delta'])
      .where('reason', 'in', ['RESERVATION', 'RELEASE', 'PICKUP'])
      .execute();
    const reasons = new Set(byReason.map((m) => m.reason));
    expect(reasons).toEqual(new Set(['RESERVATION', 'RELEASE', 'PICKUP']));
    for (const m of byReason) {
      if (m.reason === 'PICKUP') expect(m.delta).toBeLessThan(0);
      else expect(m.delta).toBe(0);
    }
  });
});
