import type { Generated } from 'kysely';
import type { StockChangeReason } from './stock-ledger.js';
import type { LocationKindName } from './availability.js';

/** A store or a warehouse. Static reference data (43 rows in the demo). */
export interface LocationsTable {
  id: string;
  name: string;
  kind: LocationKindName;
  line1: string;
  line2: string | null;
  postal_code: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  lat: number;
  lng: number;
  /** Boolean as 0/1 (portable between SQLite and PostgreSQL). */
  pickup_enabled: number;
  /** JSON array of strings, one line per day range, e.g. ["Mon-Sat 09:00-20:00"]. */
  opening_hours: string;
}

/** The current stock of one variant (sku) at one location; primary key (sku, location_id). */
export interface StockLevelsTable {
  sku: string;
  location_id: string;
  /** Units physically present. */
  on_hand: number;
  /** Units held by ACTIVE reservations. */
  reserved: number;
  /** Number of movements of this level so far (the version of its latest movement). */
  version: number;
}

/**
 * The append-only stock movement ledger: one row per change of one level, never updated or deleted.
 *
 * Ledger invariant, true from the seed on (the full table of rules is in stock-ledger.ts):
 *   - `delta` is the change of on_hand only, so for each level sum(delta) = stock_levels.on_hand;
 *   - RESERVATION and RELEASE movements have delta 0: they move `reserved`, not on_hand;
 *     PICKUP moves both (delta = -quantity, reserved - quantity);
 *   - on_hand / reserved / version are the level's values after the change; versions of one level
 *     are 1, 2, 3... without gaps and the last one equals stock_levels.version.
 * The seed writes one opening RESTOCK per level (version 1), then one RESERVATION per seeded
 * reservation (and the RELEASE or PICKUP that ended the past ones), in time order.
 */
export interface StockMovementsTable {
  /** Position in the ledger, strictly increasing across all stock; the resume cursor of subscriptions. */
  sequence: Generated<number>;
  sku: string;
  location_id: string;
  delta: number;
  reason: StockChangeReason;
  on_hand: number;
  reserved: number;
  version: number;
  /** ISO-8601 instant of the change. */
  at: string;
  /** The caller's idempotency key of the mutation that made this change; null for seeded history. */
  idempotency_key: string | null;
  /**
   * The reservation this movement made (RESERVATION) or ended (RELEASE, PICKUP); null for every
   * other movement, and for movements written before migration 0004 (EVENTS.md, "Reservation changes").
   */
  reservation_id: string | null;
}

export type ReservationStatusName = 'ACTIVE' | 'COLLECTED' | 'CANCELLED' | 'EXPIRED';

/** Click & collect holds. While ACTIVE, `quantity` is counted in the level's `reserved`. */
export interface ReservationsTable {
  id: string;
  sku: string;
  location_id: string;
  customer_id: string;
  quantity: number;
  status: ReservationStatusName;
  /** ISO-8601. */
  expires_at: string;
  /** ISO-8601. */
  created_at: string;
}

export interface InventoryDatabase {
  locations: LocationsTable;
  stock_levels: StockLevelsTable;
  stock_movements: StockMovementsTable;
  reservations: ReservationsTable;
}
