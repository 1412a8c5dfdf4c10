/**
 * The inventory's events: what it publishes after each committed transaction (see EVENTS.md).
 * Plain data, JSON-safe, the same in-process and through Redis.
 */
import type { StockChangeReason } from './stock-ledger.js';

/** Broadcast after every transaction that moved stock. */
export const STOCK_COMMITTED_TOPIC = 'inventory.stock-committed';
/** Work queue: a sale that named a customer, for the customer's order history. */
export const SALE_RECORDED_TOPIC = 'inventory.sale-recorded';

/**
 * One ledger row: a change of one level, with the level's absolute values after it.
 *
 * Compatibility (EVENTS.md, "Changing the events"): members are only ever added, and an added one
 * is optional, so a consumer reads events of older and newer inventories alike and ignores what it
 * does not know.
 */
export interface StockMovementEvent {
  sequence: number;
  version: number;
  sku: string;
  locationId: string;
  delta: number;
  reason: StockChangeReason;
  onHand: number;
  reserved: number;
  /** ISO-8601. */
  at: string;
  /**
   * The reservation this movement made (RESERVATION) or ended (RELEASE, PICKUP); absent for every
   * other movement. Added with the ledger's `reservation_id` column: inventories before it never send it.
   */
  reservationId?: string;
}

/** Everything one committed transaction appended to the ledger, in sequence order. */
export interface StockCommittedEvent {
  /**
   * The highest ledger sequence committed before this transaction. Writers are serialised, so a
   * consumer whose last seen sequence differs knows it missed commits and reads them from the ledger.
   */
  previousSequence: number;
  movements: StockMovementEvent[];
}

export interface SaleRecordedEvent {
  /** Stable per sale (derived from its first ledger sequence): the consumer's deduplication key. */
  saleId: string;
  customerId: string;
  locationId: string;
  channel: string;
  /** ISO-8601. */
  at: string;
  lines: { sku: string; quantity: number; unitPrice: { amount: number; currency: string } }[];
}
