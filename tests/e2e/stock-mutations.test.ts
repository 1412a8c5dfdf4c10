/**
 * The stock mutations through the gateway, with the documents our users send: no oversell under a
 * burst of concurrent reservations, and answers enriched from the other subgraphs.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInventory } from '../../subgraphs/inventory/seed-data.js';
import { locations, seedSize } from '../../subgraphs/shared/universe.js';
import type { AdjustStockMutation, RecordSaleMutation, ReserveForPickupMutation } from '../generated/operations.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { asCustomer, asStoreStaff } from '../support/tokens.js';

const SEED_SCALE = 0.02;
const SEEDED = generateInventory(seedSize(SEED_SCALE));
const PICKUP_STORE_IDS = new Set(
  locations()
    .filter((l) => l.kind === 'STORE' && l.pickupEnabled)
    .map((l) => l.id),
);
const TOUCHED = new Set(SEEDED.reservations.map((r) => `${r.sku}|${r.location_id}`));
/** Seeded levels in pickup stores that no seeded reservation holds, handed out once each. */
const freshLevels = SEEDED.levels.filter(
  (l) => PICKUP_STORE_IDS.has(l.location_id) && !TOUCHED.has(`${l.sku}|${l.location_id}`),
);
const pickLevel = () => {
  const level = freshLevels.shift()!;
  return { sku: level.sku, locationId: level.location_id };
};

const RESERVE = operation('ReserveForPickup');
const RECORD_SALE = operation('RecordSale');
const ADJUST_STOCK = operation('AdjustStock');
const LEVEL =
  'query ($sku: ID!, $at: [ID!]) { variant(sku: $sku) { stock(locationIds: $at) { onHand reserved available version } } }';
const END = (field: 'cancelReservation' | 'collectReservation') =>
  `mutation ($id: ID!) { ${field}(id: $id) { reservation { id status quantity customer { id } } userErrors { code field } } }`;

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({ seedScale: SEED_SCALE });
});
afterAll(() => graph?.close());

async function levelOf(level: { sku: string; locationId: string }) {
  const { body } = await postGraphQL<{
    variant: { stock: { onHand: number; reserved: number; available: number; version: number }[] };
  }>(graph.gatewayUrl, LEVEL, {
    sku: level.sku,
    at: [level.locationId],
  });
  expect(body.errors).toBeUndefined();
  return body.data!.variant.stock[0]!;
}

/** Corrects the level through the gateway (a count by the store's staff) so that exactly `available` units can be reserved. */
async function makeAvailable(level: { sku: string; locationId: string }, available: number) {
  const before = await levelOf(level);
  const delta = available - before.available;
  if (delta === 0) return;
  const { body } = await postGraphQL<AdjustStockMutation>(
    graph.gatewayUrl,
    ADJUST_STOCK,
    { input: { ...level, delta, reason: 'CORRECTION' }, idempotencyKey: randomUUID() },
    await asStoreStaff(level.locationId),
  );
  expect(body.data!.adjustStock.userErrors).toEqual([]);
  expect(body.data!.adjustStock.changes[0]!.available).toBe(available);
}

describe('stock mutations through the gateway', () => {
  it('reserves exactly what is available when 200 ReserveForPickup arrive at once: 10 succeed, 190 get INSUFFICIENT_STOCK', async () => {
    const level = pickLevel();
    await makeAvailable(level, 10);
    // 200 web shoppers, each signed in and reserving for themselves.
    const customerIds = Array.from({ length: 200 }, (_, i) => `cust-${String((i % 300) + 1).padStart(5, '0')}`);
    const shoppers = await Promise.all(customerIds.map((id) => asCustomer(id)));
    const responses = await Promise.all(
      customerIds.map((customerId, i) =>
        postGraphQL<ReserveForPickupMutation>(
          graph.gatewayUrl,
          RESERVE,
          { input: { ...level, quantity: 1, customerId }, idempotencyKey: randomUUID() },
          shoppers[i],
        ),
      ),
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
    }
    const payloads = responses.map((r) => r.body.data!.reserveForPickup);
    const held = payloads.filter((p) => p.reservation !== null);
    const refused = payloads.filter((p) => p.reservation === null);
    expect(held).toHaveLength(10);
    expect(held.every((p) => p.userErrors.length === 0 && p.reservation!.status === 'ACTIVE')).toBe(true);
    expect(new Set(held.map((p) => p.reservation!.id)).size).toBe(10);
    expect(refused).toHaveLength(190);
    expect(refused.every((p) => p.userErrors.length === 1 && p.userErrors[0]!.code === 'INSUFFICIENT_STOCK')).toBe(
      true,
    );
    expect(await levelOf(level)).toMatchObject({ available: 0, reserved: 10 });
  });

  it('answers ReserveForPickup with the product from the catalog and the customer from the customer subgraph', async () => {
    const level = pickLevel();
    await makeAvailable(level, 3);
    const { body } = await postGraphQL<ReserveForPickupMutation>(
      graph.gatewayUrl,
      RESERVE,
      { input: { ...level, quantity: 2, customerId: 'cust-00003' }, idempotencyKey: randomUUID() },
      await asCustomer('cust-00003'),
    );
    expect(body.errors).toBeUndefined();
    const { reservation, userErrors } = body.data!.reserveForPickup;
    expect(userErrors).toEqual([]);
    expect(reservation).toMatchObject({
      status: 'ACTIVE',
      quantity: 2,
      location: { id: level.locationId },
      variant: { sku: level.sku },
      customer: { id: 'cust-00003' },
    });
    expect(reservation!.variant!.product.name).toBeTruthy();
    expect(reservation!.customer!.firstName).toBeTruthy();
    expect(reservation!.location.name).toBeTruthy();
  });

  it('runs RecordSale and AdjustStock unchanged, and the level a query reads afterwards agrees', async () => {
    const level = pickLevel();
    const staff = await asStoreStaff(level.locationId);
    const before = await levelOf(level);
    const restock = await postGraphQL<AdjustStockMutation>(
      graph.gatewayUrl,
      ADJUST_STOCK,
      { input: { ...level, delta: 6, reason: 'RESTOCK' }, idempotencyKey: randomUUID() },
      staff,
    );
    expect(restock.body.data!.adjustStock).toEqual({
      changes: [
        {
          sequence: expect.any(Number),
          delta: 6,
          reason: 'RESTOCK',
          onHand: before.onHand + 6,
          reserved: before.reserved,
          available: before.available + 6,
        },
      ],
      userErrors: [],
    });
    const sale = await postGraphQL<RecordSaleMutation>(
      graph.gatewayUrl,
      RECORD_SALE,
      { input: { locationId: level.locationId, channel: 'STORE', lines: [{ sku: level.sku, quantity: 2 }] }, idempotencyKey: randomUUID() },
      staff,
    );
    expect(sale.body.data!.recordSale).toEqual({
      changes: [
        {
          sequence: expect.any(Number),
          delta: -2,
          reason: 'SALE',
          available: before.available + 4,
          variant: { sku: level.sku },
          location: { id: level.locationId },
        },
      ],
      userErrors: [],
    });
    expect(sale.body.data!.recordSale.changes[0]!.sequence).toBeGreaterThan(
      restock.body.data!.adjustStock.changes[0]!.sequence,
    );
    expect(await levelOf(level)).toEqual({
      onHand: before.onHand + 4,
      reserved: before.reserved,
      available: before.available + 4,
      version: before.version + 2,
    });
  });

  it('cancels and collects reservations; a retried collect answers the same and moves nothing', async () => {
    const level = pickLevel();
    await makeAvailable(level, 5);
    // The customer reserves and changes their mind about one; the store's staff hand the other over.
    const shopper = await asCustomer('cust-00005');
    const staff = await asStoreStaff(level.locationId);
    const hold = async (quantity: number) =>
      (
        await postGraphQL<ReserveForPickupMutation>(
          graph.gatewayUrl,
          RESERVE,
          { input: { ...level, quantity, customerId: 'cust-00005' }, idempotencyKey: randomUUID() },
          shopper,
        )
      ).body.data!.reserveForPickup.reservation!;
    const [first, second] = [await hold(2), await hold(3)];
    const cancelled = await postGraphQL(graph.gatewayUrl, END('cancelReservation'), { id: first.id }, shopper);
    expect(cancelled.body).toEqual({
      data: {
        cancelReservation: {
          reservation: { id: first.id, status: 'CANCELLED', quantity: 2, customer: { id: 'cust-00005' } },
          userErrors: [],
        },
      },
    });
    const collected = await postGraphQL(graph.gatewayUrl, END('collectReservation'), { id: second.id }, staff);
    expect(collected.body).toEqual({
      data: {
        collectReservation: {
          reservation: { id: second.id, status: 'COLLECTED', quantity: 3, customer: { id: 'cust-00005' } },
          userErrors: [],
        },
      },
    });
    const after = await levelOf(level);
    expect(await postGraphQL(graph.gatewayUrl, END('collectReservation'), { id: second.id }, staff)).toMatchObject({
      body: collected.body,
    });
    expect(await levelOf(level)).toEqual(after);
    expect(after).toMatchObject({ reserved: 0, available: 2 });
  });
});
