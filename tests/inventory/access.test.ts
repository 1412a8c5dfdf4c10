/**
 * Who may move stock and handle reservations where (RULES.md, "Who may do what"), straight against
 * the inventory: a refused request moves nothing, makes no reservation and records nothing under
 * its idempotency key, so the key stays free for an allowed caller.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import { ANONYMOUS, type SubgraphPrincipal } from '../../platform/principal.js';
import { errorCodes, type GraphQLBody } from '../support/subgraph.js';
import { startInventory, type TestInventory } from './harness.js';
import {
  ADJUST_STOCK,
  CANCEL,
  COLLECT,
  PICKUP_STORES,
  RECORD_SALE,
  RESERVATION_FIELDS,
  RESERVE,
  WAREHOUSE,
  createLevelPicker,
  ledgerHead,
  levelOf,
  makeAvailable,
  newKey,
  reservationRow,
  type LevelRef,
} from './stock-mutation-support.js';

const pick = createLevelPicker();

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

const staffAt = (storeId: string): SubgraphPrincipal => ({ authenticated: true, subject: `staff-of-${storeId}`, scopes: ['store:staff'], storeId });
const asCustomer = (id: string): SubgraphPrincipal => ({ authenticated: true, subject: id, scopes: ['customer'] });
const CALL_CENTER: SubgraphPrincipal = { authenticated: true, subject: 'agent-1', scopes: ['callcenter'] };
const STOCK_WRITER: SubgraphPrincipal = { authenticated: true, subject: 'backoffice-1', scopes: ['stock:write'] };
const otherStoreThan = (locationId: string) => PICKUP_STORES.find((l) => l.id !== locationId)!.id;

const keyRecorded = async (key: string) =>
  (await store.db
    .withTables<{ idempotency_keys: { key: string } }>()
    .selectFrom('idempotency_keys')
    .select('key')
    .where('key', '=', key)
    .executeTakeFirst()) !== undefined;

const reservationCount = async () =>
  Number((await store.db.selectFrom('reservations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** Sends `document` as `as` and checks it was refused with `code` and left the ledger, the levels, the reservations and the key as they were. */
async function expectRefusedUntouched(document: string, variables: Record<string, unknown>, as: SubgraphPrincipal, code: string, level?: LevelRef) {
  const before = { head: await ledgerHead(store.db), reservations: await reservationCount(), level: level && (await levelOf(store.db, level)) };
  const body = await inventory.query(document, variables, { as });
  expect(errorCodes(body)).toEqual([code]);
  expect(body.data).toBeNull();
  expect(await ledgerHead(store.db)).toEqual(before.head);
  expect(await reservationCount()).toBe(before.reservations);
  if (level) expect(await levelOf(store.db, level)).toEqual(before.level);
  if (typeof variables.key === 'string') expect(await keyRecorded(variables.key)).toBe(false);
  return body;
}

const payload = <T,>(body: GraphQLBody<Record<string, T>>, field: string): T => {
  expect(body.errors).toBeUndefined();
  return body.data![field]!;
};

describe('adjustStock', () => {
  const restock = (level: LevelRef) => ({ ...level, delta: 5, reason: 'RESTOCK' });

  it('lets store staff adjust the stock of their own store', async () => {
    const level = pick();
    const before = await levelOf(store.db, level);
    const result = payload<{ changes: { onHand: number }[]; userErrors: unknown[] }>(
      await inventory.query(ADJUST_STOCK, { input: restock(level), key: newKey() }, { as: staffAt(level.locationId) }),
      'adjustStock',
    );
    expect(result.userErrors).toEqual([]);
    expect(result.changes.map((c) => c.onHand)).toEqual([before.on_hand + 5]);
  });

  it('refuses staff of another store with FORBIDDEN: nothing moves and the key stays free for the right staff', async () => {
    const level = pick();
    const key = newKey();
    const body = await expectRefusedUntouched(ADJUST_STOCK, { input: restock(level), key }, staffAt(otherStoreThan(level.locationId)), 'FORBIDDEN', level);
    // The message names the rule, not the store refused.
    expect(body.errors![0]!.message).not.toContain(level.locationId);
    const allowed = await inventory.query(ADJUST_STOCK, { input: restock(level), key }, { as: staffAt(level.locationId) });
    expect(payload<{ userErrors: unknown[] }>(allowed, 'adjustStock').userErrors).toEqual([]);
    expect(await keyRecorded(key)).toBe(true);
  });

  it.each([
    ['an anonymous caller', 'UNAUTHORIZED', ANONYMOUS],
    ['a customer', 'FORBIDDEN', asCustomer('cust-00001')],
    ['the call center', 'FORBIDDEN', CALL_CENTER],
  ] as const)('refuses %s with %s, moving nothing', async (_who, code, as) => {
    const level = pick();
    await expectRefusedUntouched(ADJUST_STOCK, { input: restock(level), key: newKey() }, as, code, level);
  });

  it('lets stock:write adjust anywhere, a warehouse included', async () => {
    const level = pick(WAREHOUSE.id);
    const body = await inventory.query(ADJUST_STOCK, { input: restock(level), key: newKey() }, { as: STOCK_WRITER });
    expect(payload<{ changes: unknown[] }>(body, 'adjustStock').changes).toHaveLength(1);
  });
});

describe('recordSale', () => {
  const sale = (level: LevelRef) => ({ locationId: level.locationId, channel: 'STORE', lines: [{ sku: level.sku, quantity: 1 }] });

  it('lets store staff record a sale at their own store', async () => {
    const level = pick();
    const body = await inventory.query(RECORD_SALE, { input: sale(level), key: newKey() }, { as: staffAt(level.locationId) });
    expect(payload<{ changes: { reason: string }[] }>(body, 'recordSale').changes.map((c) => c.reason)).toEqual(['SALE']);
  });

  it('refuses a sale at another store with FORBIDDEN, and anonymous callers with UNAUTHORIZED, moving nothing', async () => {
    const level = pick();
    await expectRefusedUntouched(RECORD_SALE, { input: sale(level), key: newKey() }, staffAt(otherStoreThan(level.locationId)), 'FORBIDDEN', level);
    await expectRefusedUntouched(RECORD_SALE, { input: sale(level), key: newKey() }, ANONYMOUS, 'UNAUTHORIZED', level);
  });
});

describe('reserveForPickup', () => {
  const hold = async (as: SubgraphPrincipal, customerId: string, level = pick()) => {
    await makeAvailable(inventory, store.db, level, 5);
    return { level, body: await inventory.query(RESERVE, { input: { ...level, quantity: 1, customerId }, key: newKey() }, { as }) };
  };
  const made = (body: GraphQLBody<any>) => payload<{ reservation: { status: string } | null }>(body, 'reserveForPickup').reservation;

  it('lets a customer reserve for itself, the call center for anyone, store staff for anyone at their store', async () => {
    expect(made((await hold(asCustomer('cust-00041'), 'cust-00041')).body)).toMatchObject({ status: 'ACTIVE' });
    expect(made((await hold(CALL_CENTER, 'cust-00042')).body)).toMatchObject({ status: 'ACTIVE' });
    const level = pick();
    expect(made((await hold(staffAt(level.locationId), 'cust-00043', level)).body)).toMatchObject({ status: 'ACTIVE' });
  });

  it.each([
    ['a customer reserving for another', 'FORBIDDEN', () => asCustomer('cust-00044')],
    ['staff of another store', 'FORBIDDEN', (level: LevelRef) => staffAt(otherStoreThan(level.locationId))],
    ['stock:write alone', 'FORBIDDEN', () => STOCK_WRITER],
    ['an anonymous caller', 'UNAUTHORIZED', () => ANONYMOUS],
  ] as const)('refuses %s with %s: no reservation, nothing held, key not recorded', async (_who, code, as) => {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 5);
    const input = { ...level, quantity: 1, customerId: 'cust-00045' };
    await expectRefusedUntouched(RESERVE, { input, key: newKey() }, as(level), code, level);
  });
});

describe('an existing reservation', () => {
  const READ = `query ($id: ID!) { reservation(id: $id) { ${RESERVATION_FIELDS} } }`;
  const CUSTOMER = 'cust-00051';

  /** A fresh ACTIVE reservation of CUSTOMER, made by the call center. */
  async function reservation() {
    const level = pick();
    await makeAvailable(inventory, store.db, level, 5);
    const body = await inventory.query(RESERVE, { input: { ...level, quantity: 2, customerId: CUSTOMER }, key: newKey() }, { as: CALL_CENTER });
    const { id } = payload<{ reservation: { id: string } }>(body, 'reserveForPickup').reservation;
    return { id, level };
  }

  it('is read by its customer, the call center and staff of its store; others are refused', async () => {
    const { id, level } = await reservation();
    for (const as of [asCustomer(CUSTOMER), CALL_CENTER, staffAt(level.locationId)]) {
      const body = await inventory.query(READ, { id }, { as });
      expect(body.errors, JSON.stringify(as)).toBeUndefined();
      expect(body.data.reservation).toMatchObject({ id, customerId: CUSTOMER });
    }
    for (const [as, code] of [
      [asCustomer('cust-00052'), 'FORBIDDEN'],
      [staffAt(otherStoreThan(level.locationId)), 'FORBIDDEN'],
      [STOCK_WRITER, 'FORBIDDEN'],
      [ANONYMOUS, 'UNAUTHORIZED'],
    ] as const) {
      const body = await inventory.query(READ, { id }, { as });
      expect(errorCodes(body), JSON.stringify(as)).toEqual([code]);
      expect(JSON.stringify(body)).not.toContain(CUSTOMER);
    }
    const reference = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reservation { id } } }`;
    const r = [{ __typename: 'Reservation', id }];
    expect((await inventory.query(reference, { r }, { as: asCustomer(CUSTOMER) })).data._entities).toEqual([{ id }]);
    expect(errorCodes(await inventory.query(reference, { r }, { as: asCustomer('cust-00052') }))).toEqual(['FORBIDDEN']);
  });

  it('answers null for an unknown id to anyone who could see a reservation', async () => {
    const body = await inventory.query(READ, { id: 'res-unknown' }, { as: asCustomer(CUSTOMER) });
    expect(body).toEqual({ data: { reservation: null } });
  });

  it('is cancelled by its customer, never by another customer, staff of another store or stock:write alone', async () => {
    const { id, level } = await reservation();
    for (const [as, code] of [
      [asCustomer('cust-00052'), 'FORBIDDEN'],
      [staffAt(otherStoreThan(level.locationId)), 'FORBIDDEN'],
      [STOCK_WRITER, 'FORBIDDEN'],
      [ANONYMOUS, 'UNAUTHORIZED'],
    ] as const) {
      await expectRefusedUntouched(CANCEL, { id }, as, code, level);
      expect((await reservationRow(store.db, id))!.status).toBe('ACTIVE');
    }
    const body = await inventory.query(CANCEL, { id }, { as: asCustomer(CUSTOMER) });
    expect(payload<{ reservation: { status: string } }>(body, 'cancelReservation').reservation.status).toBe('CANCELLED');
  });

  it('is cancelled by staff of its store too', async () => {
    const { id, level } = await reservation();
    const body = await inventory.query(CANCEL, { id }, { as: staffAt(level.locationId) });
    expect(payload<{ reservation: { status: string } }>(body, 'cancelReservation').reservation.status).toBe('CANCELLED');
  });

  it('is collected by staff of its store or with stock:write, never by its customer or the call center', async () => {
    const { id, level } = await reservation();
    for (const [as, code] of [
      [asCustomer(CUSTOMER), 'FORBIDDEN'],
      [CALL_CENTER, 'FORBIDDEN'],
      [staffAt(otherStoreThan(level.locationId)), 'FORBIDDEN'],
      [ANONYMOUS, 'UNAUTHORIZED'],
    ] as const) {
      await expectRefusedUntouched(COLLECT, { id }, as, code, level);
      expect((await reservationRow(store.db, id))!.status).toBe('ACTIVE');
    }
    const body = await inventory.query(COLLECT, { id }, { as: staffAt(level.locationId) });
    expect(payload<{ reservation: { status: string } }>(body, 'collectReservation').reservation.status).toBe('COLLECTED');

    const other = await reservation();
    const byBackOffice = await inventory.query(COLLECT, { id: other.id }, { as: STOCK_WRITER });
    expect(payload<{ reservation: { status: string } }>(byBackOffice, 'collectReservation').reservation.status).toBe('COLLECTED');
  });

  it('answers RESERVATION_NOT_FOUND, not FORBIDDEN, for an unknown id', async () => {
    const body = await inventory.query(CANCEL, { id: 'res-unknown' }, { as: asCustomer(CUSTOMER) });
    expect(payload<{ userErrors: { code: string }[] }>(body, 'cancelReservation').userErrors.map((e) => e.code)).toEqual(['RESERVATION_NOT_FOUND']);
  });
});
