/**
 * Idempotency keys of reserveForPickup, recordSale and adjustStock: a retry with the same key and
 * input returns the original result and moves nothing; the same key with anything else is refused.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventorySubgraph } from '../../subgraphs/inventory/index.js';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import { startTestSubgraph } from '../support/subgraph.js';
import { SEED_SCALE, type TestInventory } from './harness.js';
import {
  RESERVE,
  adjust,
  createLevelPicker,
  endReservation,
  ledgerHead,
  levelOf,
  makeAvailable,
  newKey,
  reserve,
  sell,
  type ReservePayloadBody,
} from './stock-mutation-support.js';

const pick = createLevelPicker();

let inventory: TestInventory;
let store: { db: Kysely<InventoryDatabase>; close(): Promise<void> };
beforeAll(async () => {
  inventory = await startTestSubgraph(inventorySubgraph, SEED_SCALE);
  store = await inventory.openStore<InventoryDatabase>();
});
afterAll(async () => {
  await store?.close();
  await inventory?.close();
});

const keyRow = (key: string) =>
  store.db
    .withTables<{ idempotency_keys: { key: string; operation: string; request_hash: string; result: string } }>()
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('key', '=', key)
    .executeTakeFirst();

describe('a retry with the same idempotency key and input', () => {
  it('answers reserveForPickup with the original reservation as it stands now, holding nothing more', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 5);
    const key = newKey();
    const first = await reserve(inventory, { ...level, quantity: 2 }, key);
    const head = await ledgerHead(store.db);
    const again = await reserve(inventory, { ...level, quantity: 2 }, key);
    expect(again).toEqual(first);
    expect(await ledgerHead(store.db)).toEqual(head);
    expect((await levelOf(store.db, level)).reserved).toBe(2);

    await endReservation(inventory, 'cancel', first.reservation!.id);
    const afterCancel = await reserve(inventory, { ...level, quantity: 2 }, key);
    expect(afterCancel).toEqual({ reservation: { ...first.reservation, status: 'CANCELLED' }, userErrors: [] });
    expect((await levelOf(store.db, level)).reserved).toBe(0);
  });

  it('answers recordSale with the ledger rows it originally wrote, even after the level moved on', async () => {
    const a = pick();
    const b = pick(a.locationId);
    const key = newKey();
    const input = {
      locationId: a.locationId,
      channel: 'STORE',
      lines: [
        { sku: a.sku, quantity: 1 },
        { sku: b.sku, quantity: 2 },
      ],
    };
    const first = await sell(inventory, input, key);
    expect(first.changes).toHaveLength(2);
    await adjust(inventory, { ...a, delta: 7, reason: 'RESTOCK' });
    const head = await ledgerHead(store.db);
    const level = await levelOf(store.db, a);
    expect(await sell(inventory, input, key)).toEqual(first);
    expect(await ledgerHead(store.db)).toEqual(head);
    expect(await levelOf(store.db, a)).toEqual(level);
  });

  it('answers adjustStock with the original change', async () => {
    const level = pick();
    const key = newKey();
    const first = await adjust(inventory, { ...level, delta: 9, reason: 'RESTOCK' }, key);
    const head = await ledgerHead(store.db);
    expect(await adjust(inventory, { ...level, delta: 9, reason: 'RESTOCK' }, key)).toEqual(first);
    expect(await ledgerHead(store.db)).toEqual(head);
  });

  it('treats the same input in another key order, or with a null optional field, as the same request', async () => {
    const level = pick();
    const key = newKey();
    const first = await sell(
      inventory,
      { locationId: level.locationId, channel: 'STORE', lines: [{ sku: level.sku, quantity: 1 }] },
      key,
    );
    const head = await ledgerHead(store.db);
    const again = await sell(
      inventory,
      { lines: [{ quantity: 1, sku: level.sku }], customerId: null, channel: 'STORE', locationId: level.locationId },
      key,
    );
    expect(again).toEqual(first);
    expect(await ledgerHead(store.db)).toEqual(head);
  });

  it('holds once when the same request arrives ten times at once', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 50);
    const key = newKey();
    const head = await ledgerHead(store.db);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        inventory.query<{ reserveForPickup: ReservePayloadBody }>(RESERVE, {
          input: { ...level, quantity: 3, customerId: 'cust-00001' },
          key,
        }),
      ),
    );
    const ids = new Set(answers.map((a) => a.data!.reserveForPickup.reservation!.id));
    expect(ids.size).toBe(1);
    expect((await ledgerHead(store.db)).rows).toBe(head.rows + 1);
    expect((await levelOf(store.db, level)).reserved).toBe(3);
  });
});

describe('the same idempotency key with anything else', () => {
  it('is refused with IDEMPOTENCY_KEY_REUSED for another input of the same mutation, moving nothing', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 10);
    const [reserveKey, saleKey, adjustKey] = [newKey(), newKey(), newKey()];
    await reserve(inventory, { ...level, quantity: 1 }, reserveKey);
    await sell(
      inventory,
      { locationId: level.locationId, channel: 'STORE', lines: [{ sku: level.sku, quantity: 1 }] },
      saleKey,
    );
    await adjust(inventory, { ...level, delta: 1, reason: 'RESTOCK' }, adjustKey);
    const head = await ledgerHead(store.db);
    const reused = { code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String), field: ['idempotencyKey'] };
    expect(await reserve(inventory, { ...level, quantity: 2 }, reserveKey)).toEqual({
      reservation: null,
      userErrors: [reused],
    });
    expect(
      await sell(
        inventory,
        { locationId: level.locationId, channel: 'APP', lines: [{ sku: level.sku, quantity: 1 }] },
        saleKey,
      ),
    ).toEqual({ changes: [], userErrors: [reused] });
    expect(await adjust(inventory, { ...level, delta: 2, reason: 'RESTOCK' }, adjustKey)).toEqual({
      changes: [],
      userErrors: [reused],
    });
    expect(await ledgerHead(store.db)).toEqual(head);
  });

  it('is refused with IDEMPOTENCY_KEY_REUSED for another mutation', async () => {
    const level = pick();
    const key = newKey();
    await adjust(inventory, { ...level, delta: 3, reason: 'RESTOCK' }, key);
    const head = await ledgerHead(store.db);
    const payload = await sell(
      inventory,
      { locationId: level.locationId, channel: 'STORE', lines: [{ sku: level.sku, quantity: 3 }] },
      key,
    );
    expect(payload.userErrors.map((e) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(payload.userErrors[0]!.message).toContain('adjustStock');
    expect(await ledgerHead(store.db)).toEqual(head);
  });
});

describe('what a key records', () => {
  it('records a refusal decided against the store: a retry after a restock still answers INSUFFICIENT_STOCK', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 1);
    const key = newKey();
    const refused = await reserve(inventory, { ...level, quantity: 4 }, key);
    expect(refused.userErrors.map((e) => e.code)).toEqual(['INSUFFICIENT_STOCK']);
    expect(await keyRow(key)).toMatchObject({
      operation: 'reserveForPickup',
      result: JSON.stringify({ userErrors: refused.userErrors }),
    });
    await adjust(inventory, { ...level, delta: 10, reason: 'RESTOCK' });
    const head = await ledgerHead(store.db);
    expect(await reserve(inventory, { ...level, quantity: 4 }, key)).toEqual(refused);
    expect(await ledgerHead(store.db)).toEqual(head);
    // A new key is a new request.
    expect((await reserve(inventory, { ...level, quantity: 4 })).userErrors).toEqual([]);
  });

  it('does not record input refused by its shape: the key stays free for the corrected request', async () => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 5);
    const key = newKey();
    expect((await reserve(inventory, { ...level, quantity: 0 }, key)).userErrors.map((e) => e.code)).toEqual([
      'INVALID_QUANTITY',
    ]);
    expect(
      (await adjust(inventory, { ...level, delta: 0, reason: 'CORRECTION' }, key)).userErrors.map((e) => e.code),
    ).toEqual(['INVALID_REASON']);
    expect(await keyRow(key)).toBeUndefined();
    const corrected = await reserve(inventory, { ...level, quantity: 2 }, key);
    expect(corrected.userErrors).toEqual([]);
    expect(await keyRow(key)).toMatchObject({
      operation: 'reserveForPickup',
      result: JSON.stringify({ reservationId: corrected.reservation!.id }),
    });
  });
});
