/**
 * The inventory's demo data, derived deterministically from the shared universe: every variant of
 * `products(size)` stocked at every location of `locations()`, the opening ledger, and a few dozen
 * click & collect reservations. Pure: no database, so tests can know what was seeded.
 */
import type { Insertable } from 'kysely';
import {
  SEED_EPOCH,
  createRandom,
  customerId,
  locations,
  products,
  type LocationSeed,
  type SeedSize,
} from '../shared/universe.js';
import { availableUnits } from './availability.js';
import { applyStockChange, type StockChange } from './stock-ledger.js';
import type { LocationsTable, ReservationsTable, StockLevelsTable, StockMovementsTable } from './tables.js';

export type LocationRow = Insertable<LocationsTable>;
export type StockLevelRow = Insertable<StockLevelsTable>;
/** A ledger row without its sequence: the engine numbers the rows in insertion order. */
export type MovementRow = Omit<Insertable<StockMovementsTable>, 'sequence'>;
export type ReservationRow = Insertable<ReservationsTable>;

export interface InventorySeed {
  locations: LocationRow[];
  /** Final state of every level (after the seeded reservations). */
  levels: StockLevelRow[];
  /** The ledger in order: its position is the movement's sequence (1-based). */
  movements: MovementRow[];
  reservations: ReservationRow[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (time: number) => new Date(time).toISOString();

/** When the opening balances were counted, well before any seeded reservation. */
export const OPENING_AT = iso(SEED_EPOCH - 365 * DAY);
/** Reservations that were collected, cancelled or expired before the seed epoch. */
export const PAST_RESERVATIONS = 12;
/** Reservations still holding units; they expire more than a year after the seed epoch. */
export const ACTIVE_RESERVATIONS = 36;

/** Share of store levels with nothing on hand. */
const STORE_EMPTY_SHARE = 0.15;
/** Share of warehouse levels with nothing on hand. */
const WAREHOUSE_EMPTY_SHARE = 0.05;
/**
 * Every 30th product is sold out online (no warehouse stock for any variant) and every 50th,
 * offset by 25, is carried by no store (online only): fixed, so demos and tests can find them
 * at any seed size.
 */
export const isSoldOutOnline = (productNumber: number) => productNumber % 30 === 0;
export const isOnlineOnly = (productNumber: number) => productNumber % 50 === 25;

const OPENING_HOURS: string[][] = [
  ['Mon-Sat 09:00-20:00', 'Sun 10:00-13:00'],
  ['Mon-Fri 10:00-19:30', 'Sat 09:30-20:00'],
  ['Mon-Sat 09:30-19:30'],
];
const WAREHOUSE_HOURS = ['Mon-Fri 06:00-22:00', 'Sat 06:00-14:00'];

function locationRow(location: LocationSeed, index: number): LocationRow {
  const isStore = location.kind === 'STORE';
  return {
    id: location.id,
    name: location.name,
    kind: location.kind,
    line1: location.line1,
    line2: isStore && index % 4 === 3 ? 'Centre commercial, niveau 1' : null,
    postal_code: location.postalCode,
    city: location.city,
    country: 'FR',
    lat: location.lat,
    lng: location.lng,
    pickup_enabled: location.pickupEnabled ? 1 : 0,
    opening_hours: JSON.stringify(isStore ? OPENING_HOURS[index % OPENING_HOURS.length] : WAREHOUSE_HOURS),
  };
}

const levelKey = (sku: string, locationId: string) => `${sku}\u0000${locationId}`;

export function generateInventory(size: SeedSize): InventorySeed {
  const r = createRandom(2002);
  const sites = locations();
  const catalog = products(size);
  const levels = new Map<string, StockLevelRow>();
  const movements: MovementRow[] = [];

  for (const product of catalog) {
    const soldOutOnline = isSoldOutOnline(product.n);
    const onlineOnly = isOnlineOnly(product.n);
    for (const variant of product.variants) {
      for (const site of sites) {
        const onHand =
          site.kind === 'WAREHOUSE'
            ? soldOutOnline || r.chance(WAREHOUSE_EMPTY_SHARE)
              ? 0
              : r.int(1, 200)
            : onlineOnly || r.chance(STORE_EMPTY_SHARE)
              ? 0
              : r.int(1, 30);
        // The opening balance: one RESTOCK per level (of 0 units where nothing is on hand), version 1.
        const level: StockLevelRow = { sku: variant.sku, location_id: site.id, on_hand: onHand, reserved: 0, version: 1 };
        levels.set(levelKey(variant.sku, site.id), level);
        movements.push({
          sku: variant.sku,
          location_id: site.id,
          delta: onHand,
          reason: 'RESTOCK',
          on_hand: onHand,
          reserved: 0,
          version: 1,
          at: OPENING_AT,
          idempotency_key: null,
          reservation_id: null,
        });
      }
    }
  }

  const record = (level: StockLevelRow, change: StockChange, at: number, reservationId: string) => {
    const before = { onHand: level.on_hand, reserved: level.reserved, version: level.version };
    const { level: after, delta } = applyStockChange(before, change);
    level.on_hand = after.onHand;
    level.reserved = after.reserved;
    level.version = after.version;
    movements.push({
      sku: level.sku,
      location_id: level.location_id,
      delta,
      reason: change.reason,
      on_hand: after.onHand,
      reserved: after.reserved,
      version: after.version,
      at: iso(at),
      idempotency_key: null,
      reservation_id: reservationId,
    });
  };

  /** A store level with at least `quantity` available, drawn at random. */
  const pickupStores = sites.filter((s) => s.kind === 'STORE' && s.pickupEnabled);
  const drawLevel = (quantity: number): StockLevelRow => {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const store = r.pick(pickupStores);
      const variant = r.pick(r.pick(catalog).variants);
      const level = levels.get(levelKey(variant.sku, store.id))!;
      if (availableUnits({ onHand: level.on_hand, reserved: level.reserved }) >= quantity) return level;
    }
    throw new Error('No store level has enough stock to seed a reservation');
  };

  // Reservations are generated in time order (each one later than the one before, the past ones
  // never overlapping), so each movement is applied to the level as it stood at that moment.
  const reservations: ReservationRow[] = [];
  const total = PAST_RESERVATIONS + ACTIVE_RESERVATIONS;
  for (let k = 0; k < total; k++) {
    const quantity = r.int(1, 3);
    const level = drawLevel(quantity);
    const past = k < PAST_RESERVATIONS;
    const createdAt = past
      ? SEED_EPOCH - 90 * DAY + k * 6 * DAY + r.int(0, 12 * HOUR)
      : SEED_EPOCH - 3 * DAY + (k - PAST_RESERVATIONS) * 2 * HOUR + r.int(0, HOUR);
    const expiresAt = past ? createdAt + 3 * DAY : SEED_EPOCH + 365 * DAY + r.int(1, 30) * DAY;
    const status = past ? (['COLLECTED', 'CANCELLED', 'EXPIRED'] as const)[k % 3]! : 'ACTIVE';
    const id = `resv-${String(k + 1).padStart(4, '0')}`;
    record(level, { reason: 'RESERVATION', quantity }, createdAt, id);
    if (status === 'COLLECTED') record(level, { reason: 'PICKUP', quantity }, createdAt + r.int(2, 48) * HOUR, id);
    if (status === 'CANCELLED') record(level, { reason: 'RELEASE', quantity }, createdAt + r.int(1, 24) * HOUR, id);
    if (status === 'EXPIRED') record(level, { reason: 'RELEASE', quantity }, expiresAt, id);
    reservations.push({
      id,
      sku: level.sku,
      location_id: level.location_id,
      customer_id: customerId(r.int(1, size.customers)),
      quantity,
      status,
      expires_at: iso(expiresAt),
      created_at: iso(createdAt),
    });
  }

  return {
    locations: sites.map(locationRow),
    levels: [...levels.values()],
    movements,
    reservations,
  };
}
