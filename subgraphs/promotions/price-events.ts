/**
 * The promotions subgraph's price events (PRICES.md): what it broadcasts after each commit that
 * appended to the price ledger. Plain data, JSON-safe, the same in-process and through Redis.
 */
import type { ChannelCode } from './models.js';
import type { PriceChangeReason } from './price-changes.js';

/** Broadcast after every commit that appended to the price ledger. */
export const PRICES_COMMITTED_TOPIC = 'promotions.prices-committed';

/** A commit's rows travel with it up to this many; beyond, subscribers read them from the ledger. */
export const MAX_ROWS_IN_MESSAGE = 500;

/** One row of the price ledger. */
export interface PriceEventModel {
  sequence: number;
  /** The first sequence of the change (one change, one commit). */
  changeId: number;
  sku: string;
  channel: ChannelCode;
  storeId: string | null;
  previous: number;
  effective: number;
  currency: string;
  reason: PriceChangeReason;
  promotionId: string | null;
  /** ISO 8601. */
  at: string;
}

/** What one committed transaction appended to the price ledger. */
export interface PriceLedgerCommit {
  /** The last sequence committed before this transaction: a subscriber that saw less missed commits. */
  previousSequence: number;
  lastSequence: number;
  /** The rows, in sequence order, when there are at most MAX_ROWS_IN_MESSAGE of them. */
  events?: PriceEventModel[];
}
