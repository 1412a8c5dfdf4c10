/**
 * What the stock mutation tests share: the documents (every field), the seeded places and levels to
 * act on, and reads of the store that no field exposes (the ledger, the idempotency keys).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import { locations } from '../../subgraphs/shared/universe.js';
import { SEEDED, type TestInventory } from './harness.js';

export const STOCK_CHANGE_FIELDS =
  'sequence version delta reason onHand reserved available at variant { sku } location { id }';
export const RESERVATION_FIELDS = 'id status quantity expiresAt createdAt customerId variant { sku } location { id }';
const USER_ERRORS = 'userErrors { code message field }';

export const RESERVE = /* GraphQL */ `mutation ($input: ReserveInput!, $key: String!) {
  reserveForPickup(input: $input, idempotencyKey: $key) { reservation { ${RESERVATION_FIELDS} } ${USER_ERRORS} } }`;
export const CANCEL = /* GraphQL */ `mutation ($id: ID!) {
  cancelReservation(id: $id) { reservation { ${RESERVATION_FIELDS} } ${USER_ERRORS} } }`;
export const COLLECT = /* GraphQL */ `mutation ($id: ID!) {
  collectReservation(id: $id) { reservation { ${RESERVATION_FIELDS} } ${USER_ERRORS} } }`;
export const RECORD_SALE = /* GraphQL */ `mutation ($input: SaleInput!, $key: String!) {
  recordSale(input: $input, idempotencyKey: $key) { changes { ${STOCK_CHANGE_FIELDS} } ${USER_ERRORS} } }`;
export const ADJUST_STOCK = /* GraphQL */ `mutation ($input: AdjustStockInput!, $key: String!) {
  adjustStock(input: $input, idempotencyKey: $key) { changes { ${STOCK_CHANGE_FIELDS} } ${USER_ERRORS} } }`;

export interface UserErrorBody {
  code: string;
  message: string;
  field: string[] | null;
}
export interface StockChangeBody {
  sequence: number;
  version: number;
  delta: number;
  reason: string;
  onHand: number;
  reserved: number;
  available: number;
  at: string;
  variant: { sku: string };
  location: { id: string };
}
export interface ReservationBody {
  id: string;
  status: string;
  quantity: number;
  expiresAt: string;
  createdAt: string;
  customerId: string;
  variant: { sku: string };
  location: { id: string };
}
export interface ReservePayloadBody {
  reservation: ReservationBody | null;
  userErrors: UserErrorBody[];
}
export interface StockPayloadBody {
  changes: StockChangeBody[];
  userErrors: UserErrorBody[];
}

export const PICKUP_STORES = locations().filter((l) => l.kind === 'STORE' && l.pickupEnabled);
export const STORE_WITHOUT_PICKUP = locations().find((l) => l.kind === 'STORE' && !l.pickupEnabled)!;
export const WAREHOUSE = locations().find((l) => l.kind === 'WAREHOUSE')!;

export interface LevelRef {
  sku: string;
  locationId: string;
}

/**
 * Hands out seeded levels no seeded reservation touched, each once per test file, so the tests of a
 * file never act on the same level. `where` narrows the kind of location.
 */
export function createLevelPicker() {
  const used = new Set<string>();
  const pickupIds = new Set(PICKUP_STORES.map((l) => l.id));
  const touched = new Set(SEEDED.reservations.map((r) => `${r.sku}|${r.location_id}`));
  return (where: 'pickup-store' | 'any' | string = 'pickup-store'): LevelRef => {
    const level = SEEDED.levels.find((l) => {
      const key = `${l.sku}|${l.location_id}`;
      if (used.has(key) || touched.has(key)) return false;
      if (where === 'pickup-store') return pickupIds.has(l.location_id);
      return where === 'any' || l.location_id === where;
    });
    if (!level) throw new Error(`No unused seeded level left for ${where}`);
    used.add(`${level.sku}|${level.location_id}`);
    return { sku: level.sku, locationId: level.location_id };
  };
}

export const newKey = (): string => randomUUID();

export async function reserve(
  inventory: TestInventory,
  input: LevelRef & { quantity: number; customerId?: string },
  key = newKey(),
) {
  const body = await inventory.query<{ reserveForPickup: ReservePayloadBody }>(RESERVE, {
    input: { customerId: 'cust-00001', ...input },
    key,
  });
  if (body.errors) throw new Error(`reserveForPickup failed: ${JSON.stringify(body.errors)}`);
  return body.data!.reserveForPickup;
}

export async function adjust(
  inventory: TestInventory,
  input: LevelRef & { delta: number; reason: string },
  key = newKey(),
) {
  const body = await inventory.query<{ adjustStock: StockPayloadBody }>(ADJUST_STOCK, { input, key });
  if (body.errors) throw new Error(`adjustStock failed: ${JSON.stringify(body.errors)}`);
  return body.data!.adjustStock;
}

export async function sell(inventory: TestInventory, input: Record<string, unknown>, key = newKey()) {
  const body = await inventory.query<{ recordSale: StockPayloadBody }>(RECORD_SALE, { input, key });
  if (body.errors) throw new Error(`recordSale failed: ${JSON.stringify(body.errors)}`);
  return body.data!.recordSale;
}

export async function endReservation(inventory: TestInventory, how: 'cancel' | 'collect', id: string) {
  const body = await inventory.query<Record<string, ReservePayloadBody>>(how === 'cancel' ? CANCEL : COLLECT, { id });
  if (body.errors) throw new Error(`${how} failed: ${JSON.stringify(body.errors)}`);
  return body.data![how === 'cancel' ? 'cancelReservation' : 'collectReservation']!;
}

type Store = Kysely<InventoryDatabase>;

export async function levelOf(db: Store, { sku, locationId }: LevelRef) {
  return db
    .selectFrom('stock_levels')
    .select(['on_hand', 'reserved', 'version'])
    .where('sku', '=', sku)
    .where('location_id', '=', locationId)
    .executeTakeFirstOrThrow();
}

/** Sets a level's available units (on_hand - reserved) to exactly `available` with a CORRECTION. */
export async function makeAvailable(inventory: TestInventory, db: Store, level: LevelRef, available: number) {
  const now = await levelOf(db, level);
  const delta = available - (now.on_hand - now.reserved);
  if (delta !== 0) {
    const { userErrors } = await adjust(inventory, { ...level, delta, reason: 'CORRECTION' });
    if (userErrors.length > 0) throw new Error(`CORRECTION refused: ${JSON.stringify(userErrors)}`);
  }
}

/** How far the ledger goes: a mutation that moved nothing leaves it as it was. */
export async function ledgerHead(db: Store) {
  const row = await db
    .selectFrom('stock_movements')
    .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.max('sequence').as('last')])
    .executeTakeFirstOrThrow();
  return { rows: Number(row.rows), last: Number(row.last ?? 0) };
}

export async function movementsOf(db: Store, { sku, locationId }: LevelRef) {
  return db
    .selectFrom('stock_movements')
    .selectAll()
    .where('sku', '=', sku)
    .where('location_id', '=', locationId)
    .orderBy('sequence')
    .execute();
}

export async function reservationRow(db: Store, id: string) {
  return db.selectFrom('reservations').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Every way the ledger and the levels can disagree, as readable lines (empty = consistent):
 * sum(delta) = on_hand, reserved of the latest movement = reserved, versions 1..n without gap
 * ending at the level's version, sequences rising with versions, reserved = the ACTIVE holds.
 */
export async function ledgerInconsistencies(db: Store): Promise<string[]> {
  const problems: string[] = [];
  const totals = await sql<{
    sku: string;
    location_id: string;
    on_hand: number;
    version: number;
    total: number | null;
    movements: number;
    versions: number;
    first_version: number | null;
    last_version: number | null;
  }>`
    select l.sku, l.location_id, l.on_hand, l.version, m.total, coalesce(m.movements, 0) as movements,
           coalesce(m.versions, 0) as versions, m.first_version, m.last_version
    from stock_levels l
    left join (
      select sku, location_id, sum(delta) as total, count(*) as movements, count(distinct version) as versions,
             min(version) as first_version, max(version) as last_version
      from stock_movements group by sku, location_id
    ) m on m.sku = l.sku and m.location_id = l.location_id
    where coalesce(m.total, -1) <> l.on_hand or coalesce(m.movements, 0) <> l.version or m.versions <> m.movements
       or m.first_version <> 1 or m.last_version <> l.version`.execute(db);
  for (const row of totals.rows) problems.push(`level ${row.sku}@${row.location_id}: ledger ${JSON.stringify(row)}`);

  const latest = await sql<{
    sku: string;
    location_id: string;
    reserved: number;
    latest_reserved: number;
    latest_on_hand: number;
    on_hand: number;
  }>`
    select l.sku, l.location_id, l.reserved, l.on_hand, m.reserved as latest_reserved, m.on_hand as latest_on_hand
    from stock_levels l
    join stock_movements m on m.sku = l.sku and m.location_id = l.location_id and m.version = l.version
    where m.reserved <> l.reserved or m.on_hand <> l.on_hand`.execute(db);
  for (const row of latest.rows)
    problems.push(`level ${row.sku}@${row.location_id}: latest movement ${JSON.stringify(row)}`);

  const disordered = await sql<{ sku: string; location_id: string; sequence: number }>`
    select a.sku, a.location_id, a.sequence
    from stock_movements a
    join stock_movements b on b.sku = a.sku and b.location_id = a.location_id and b.version = a.version + 1
    where b.sequence <= a.sequence`.execute(db);
  for (const row of disordered.rows)
    problems.push(`level ${row.sku}@${row.location_id}: sequence ${row.sequence} not before the next version`);

  const held = await sql<{ sku: string; location_id: string; reserved: number; held: number | null }>`
    select l.sku, l.location_id, l.reserved, h.held
    from stock_levels l
    left join (
      select sku, location_id, sum(quantity) as held from reservations where status = 'ACTIVE' group by sku, location_id
    ) h on h.sku = l.sku and h.location_id = l.location_id
    where l.reserved <> coalesce(h.held, 0)`.execute(db);
  for (const row of held.rows)
    problems.push(`level ${row.sku}@${row.location_id}: reserved ${row.reserved}, active holds ${row.held ?? 0}`);
  return problems;
}
