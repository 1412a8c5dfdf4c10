/**
 * A store screen's pick-ups through the gateway: `reservations(locationId:)` lists a store's active
 * reservations, `reservationChanged` (WebSocket) tells each one made and ended as it happens, and
 * resumes with `after` exactly as stockChanged does; `reservationChanges` reads the same by pages
 * (EVENTS.md, "Reservation changes"; RULES.md, "Who may read a store's stock and pick-ups").
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInventory } from '../../subgraphs/inventory/seed-data.js';
import { seedSize } from '../../subgraphs/shared/universe.js';
import { metric } from '../support/entity-cache.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { subscribeOverWebSocket, type Received, type Subscriber } from '../support/subscribers.js';
import { asCallCenter, asCustomer, asStoreStaff } from '../support/tokens.js';
import { PICKUP_STORES } from './stock-mutation-support.js';

const HOLD_SECONDS = 600;
const SEEDED = generateInventory(seedSize(0.02));
const [STORE, OTHER_STORE] = [PICKUP_STORES[0]!.id, PICKUP_STORES[1]!.id];
/** Skus with plenty available at a store: every test holds a unit or two of one. */
const skusWithStock = (locationId: string) =>
  SEEDED.levels.filter((l) => l.location_id === locationId && l.on_hand - l.reserved >= 10).map((l) => l.sku);
const STORE_SKUS = skusWithStock(STORE);
const OTHER_SKU = skusWithStock(OTHER_STORE)[0]!;
let nextSku = 0;
const anySku = () => STORE_SKUS[nextSku++ % STORE_SKUS.length]!;

const PICK_UPS = /* GraphQL */ `subscription PickUps($locationIds: [ID!], $after: Int) {
  reservationChanged(locationIds: $locationIds, after: $after) {
    sequence status at
    reservation { id status quantity location { id } variant { sku product { name } } }
  }
}`;
const CHANGES = /* GraphQL */ `query PickUpHistory($after: Int!, $locationIds: [ID!], $first: Int) {
  reservationChanges(after: $after, locationIds: $locationIds, first: $first) { sequence status at reservation { id } }
}`;
const LIST = /* GraphQL */ `query PickUpList($locationId: ID!, $status: [ReservationStatus!], $first: Int) {
  reservations(locationId: $locationId, status: $status, first: $first) { id status expiresAt quantity variant { sku } }
}`;

interface Change {
  sequence: number;
  status: string;
  at: string;
  reservation: { id: string; status: string; quantity: number; location: { id: string }; variant: { sku: string; product: { name: string } | null } | null };
}
type PickUpEvent = { reservationChanged: Change };

/** A subgraph clock the test moves forward, so a hold runs out without waiting for it. */
let clockOffsetMs = 0;
let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({
    subgraph: { settings: { reservationHoldSeconds: HOLD_SECONDS, reservationSweepSeconds: 1 }, now: () => new Date(Date.now() + clockOffsetMs) },
  });
});
afterAll(async () => {
  await graph?.close();
});

async function query<T>(text: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const { body } = await postGraphQL<T>(graph.gatewayUrl, text, variables, headers);
  return body;
}

async function ledgerHead(): Promise<number> {
  const body = await query<{ stockLedgerHead: number }>('{ stockLedgerHead }', {}, await asCallCenter());
  return body.data!.stockLedgerHead;
}

async function reserve(locationId: string, sku = anySku()): Promise<string> {
  const body = await query<{ reserveForPickup: { reservation: { id: string } | null; userErrors: unknown[] } }>(
    'mutation($input: ReserveInput!, $key: String!) { reserveForPickup(input: $input, idempotencyKey: $key) { reservation { id } userErrors { code } } }',
    { input: { sku, locationId, quantity: 1, customerId: 'cust-00001' }, key: randomUUID() },
    await asStoreStaff(locationId),
  );
  expect(body.data?.reserveForPickup.userErrors).toEqual([]);
  return body.data!.reserveForPickup.reservation!.id;
}

async function end(how: 'collectReservation' | 'cancelReservation', id: string, locationId = STORE): Promise<void> {
  const body = await query<Record<string, { reservation: { status: string }; userErrors: unknown[] }>>(
    `mutation($id: ID!) { ${how}(id: $id) { reservation { status } userErrors { code } } }`,
    { id },
    await asStoreStaff(locationId),
  );
  expect(body.data?.[how]?.userErrors).toEqual([]);
}

async function restock(locationId: string, sku: string): Promise<void> {
  const body = await query<{ adjustStock: { userErrors: unknown[] } }>(
    'mutation($input: AdjustStockInput!, $key: String!) { adjustStock(input: $input, idempotencyKey: $key) { userErrors { code } } }',
    { input: { sku, locationId, delta: 1, reason: 'RESTOCK' }, key: randomUUID() },
    await asStoreStaff(locationId),
  );
  expect(body.data?.adjustStock.userErrors).toEqual([]);
}

async function watch(variables: Record<string, unknown>, headers?: Record<string, string>): Promise<Subscriber<PickUpEvent>> {
  return subscribeOverWebSocket<PickUpEvent>(graph.gatewayUrl, PICK_UPS, variables, { connectionParams: headers ?? (await asStoreStaff(STORE)) });
}

const changesOf = (results: readonly Received<PickUpEvent>[]) =>
  results.map((result) => {
    expect(result.errors).toBeUndefined();
    return result.data!.reservationChanged;
  });
const summary = (changes: readonly Change[]) => changes.map((change) => `${change.reservation.id}:${change.status}`);

async function history(after: number, locationIds: string[] | null = [STORE]): Promise<Change[]> {
  const body = await query<{ reservationChanges: Change[] }>(CHANGES, { after, locationIds, first: 1000 }, await asCallCenter());
  expect(body.errors).toBeUndefined();
  return body.data!.reservationChanges;
}

async function activeAt(locationId: string, status?: string[]): Promise<{ id: string; status: string; expiresAt: string }[]> {
  const body = await query<{ reservations: { id: string; status: string; expiresAt: string }[] }>(
    LIST,
    { locationId, ...(status ? { status } : {}) },
    await asStoreStaff(locationId),
  );
  expect(body.errors).toBeUndefined();
  return body.data!.reservations;
}

describe('reservationChanged over WebSocket', () => {
  it('tells staff of the store a pick-up made then collected, ACTIVE then COLLECTED, and nothing of other stores or stock', async () => {
    const head = await ledgerHead();
    const subscriber = await watch({ locationIds: [STORE], after: head });
    try {
      const sku = anySku();
      const id = await reserve(STORE, sku);
      await restock(STORE, sku);
      await reserve(OTHER_STORE, OTHER_SKU);
      await end('collectReservation', id);
      const changes = changesOf(await subscriber.waitFor((results) => results.length >= 2)).slice(0, 2);
      expect(changes.map((c) => c.status)).toEqual(['ACTIVE', 'COLLECTED']);
      expect(changes.map((c) => c.reservation.id)).toEqual([id, id]);
      expect(changes[0]!.sequence).toBeGreaterThan(head);
      expect(changes[1]!.sequence).toBeGreaterThan(changes[0]!.sequence);
      // The reservation as it stands when the change is read; the change's own status is as of the change.
      expect(changes[1]!.reservation).toMatchObject({ status: 'COLLECTED', quantity: 1, location: { id: STORE }, variant: { sku, product: { name: expect.stringMatching(/\S/) } } });
      // The page read says the same.
      expect((await history(head)).map((c) => [c.sequence, c.status, c.reservation.id])).toEqual(changes.map((c) => [c.sequence, c.status, c.reservation.id]));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(subscriber.results).toHaveLength(2);
    } finally {
      await subscriber.stop();
    }
  });

  it('resumes with `after`: replays exactly the changes missed while away, then goes on live', async () => {
    const first = await watch({ locationIds: [STORE], after: await ledgerHead() });
    const kept = await reserve(STORE);
    const [seen] = changesOf(await first.waitFor((results) => results.length >= 1));
    await first.stop();

    const dropped = await reserve(STORE);
    await end('cancelReservation', dropped);
    await reserve(OTHER_STORE, OTHER_SKU);
    await end('collectReservation', kept);

    const second = await watch({ locationIds: [STORE], after: seen!.sequence });
    try {
      const missed = changesOf(await second.waitFor((results) => results.length >= 3));
      expect(summary(missed)).toEqual([`${dropped}:ACTIVE`, `${dropped}:CANCELLED`, `${kept}:COLLECTED`]);
      expect(missed.map((c) => c.sequence)).toEqual((await history(seen!.sequence)).map((c) => c.sequence));
      const live = await reserve(STORE);
      const all = changesOf(await second.waitFor((results) => results.length >= 4));
      expect(summary(all.slice(3))).toEqual([`${live}:ACTIVE`]);
      const sequences = all.map((c) => c.sequence);
      expect(sequences).toEqual([...new Set(sequences)].sort((a, b) => a - b));
      await end('cancelReservation', live);
      await second.waitFor((results) => results.length >= 5);
    } finally {
      await second.stop();
    }
  });

  it("takes a cancelled and an expired pick-up off the store's list, and says which each was", async () => {
    const subscriber = await watch({ locationIds: [STORE], after: await ledgerHead() });
    try {
      const before = (await activeAt(STORE)).map((r) => r.id);
      // The list is kept by the gateway's cache (per principal): what follows checks the commits drop it.
      const hits = await metric(graph.gatewayUrl, 'gateway_cache_hits_total', 'subgraph="inventory"');
      expect((await activeAt(STORE)).map((r) => r.id)).toEqual(before);
      expect(await metric(graph.gatewayUrl, 'gateway_cache_hits_total', 'subgraph="inventory"')).toBeGreaterThan(hits);
      const cancelled = await reserve(STORE);
      const expiring = await reserve(STORE);
      const listed = await activeAt(STORE);
      expect(listed.map((r) => r.id)).toEqual(expect.arrayContaining([...before, cancelled, expiring]));
      expect(listed.every((r) => r.status === 'ACTIVE')).toBe(true);
      const expiries = listed.map((r) => r.expiresAt);
      expect(expiries).toEqual([...expiries].sort());

      await end('cancelReservation', cancelled);
      expect((await activeAt(STORE)).map((r) => r.id)).not.toContain(cancelled);

      // The hold runs out: the sweep (every second here) ends it.
      clockOffsetMs += (HOLD_SECONDS + 1) * 1000;
      const changes = changesOf(await subscriber.waitFor((results) => results.some((r) => r.data?.reservationChanged.status === 'EXPIRED'), 15_000));
      expect(summary(changes.slice(0, 4))).toEqual([`${cancelled}:ACTIVE`, `${expiring}:ACTIVE`, `${cancelled}:CANCELLED`, `${expiring}:EXPIRED`]);
      const active = (await activeAt(STORE)).map((r) => r.id);
      expect(active).not.toContain(expiring);
      expect(active).not.toContain(cancelled);
      const ended = await activeAt(STORE, ['CANCELLED', 'EXPIRED']);
      expect(ended.filter((r) => r.id === cancelled || r.id === expiring).map((r) => `${r.id}:${r.status}`).sort()).toEqual(
        [`${cancelled}:CANCELLED`, `${expiring}:EXPIRED`].sort(),
      );
    } finally {
      await subscriber.stop();
    }
  });
});

/** The code a refused subscription ends with: an error event, or the stream's error. */
async function refusal(subscriber: Subscriber<PickUpEvent>): Promise<unknown> {
  await subscriber.waitFor((results) => results.length > 0 || subscriber.error !== undefined);
  const errors = subscriber.results[0]?.errors ?? (subscriber.error as { extensions?: Record<string, unknown> }[] | undefined);
  return Array.isArray(errors) ? errors[0]?.extensions?.code : subscriber.error;
}

describe('who may read pick-ups', () => {
  it("refuses another store's staff, staff naming no store and a customer with FORBIDDEN, an anonymous caller with UNAUTHORIZED", async () => {
    const cases: [Record<string, unknown>, Record<string, string>, string][] = [
      [{ locationIds: [STORE] }, await asStoreStaff(OTHER_STORE), 'FORBIDDEN'],
      [{ locationIds: [STORE, OTHER_STORE] }, await asStoreStaff(STORE), 'FORBIDDEN'],
      [{}, await asStoreStaff(STORE), 'FORBIDDEN'],
      [{ locationIds: [STORE] }, await asCustomer('cust-00001'), 'FORBIDDEN'],
      [{ locationIds: [STORE] }, {}, 'UNAUTHORIZED'],
    ];
    for (const [variables, headers, code] of cases) {
      const subscriber = await watch(variables, headers);
      try {
        expect(await refusal(subscriber)).toBe(code);
      } finally {
        await subscriber.stop();
      }
      const page = await query(CHANGES, { after: 0, ...variables }, headers);
      expect(page.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      // The list names one store: the last one named here (staff naming none have nothing to compare).
      const named = variables.locationIds as string[] | undefined;
      if (named) {
        const list = await query(LIST, { locationId: named.at(-1) }, headers);
        expect(list.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      }
    }
  });

  it('lets the call center read every store, and the ledger by pages from the start', async () => {
    const all = await history(0, null);
    expect(all.length).toBeGreaterThan(0);
    const sequences = all.map((c) => c.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    // The seeded reservations' history is in the ledger too.
    expect(all.map((c) => c.reservation.id)).toEqual(expect.arrayContaining(SEEDED.reservations.map((r) => r.id)));
    const list = await query<{ reservations: unknown[] }>(LIST, { locationId: OTHER_STORE }, await asCallCenter());
    expect(list.errors).toBeUndefined();
  });

  it('refuses more than 100 locations, an empty list, a negative cursor and a page outside 1..1000 with BAD_USER_INPUT', async () => {
    const agent = await asCallCenter();
    for (const variables of [
      { after: 0, locationIds: Array.from({ length: 101 }, (_, i) => `store-${i}`) },
      { after: 0, locationIds: [] },
      { after: -1 },
      { after: 0, first: 0 },
      { after: 0, first: 1001 },
    ]) {
      const page = await query(CHANGES, variables, agent);
      expect(page.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    const list = await query(LIST, { locationId: STORE, first: 0 }, agent);
    expect(list.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
