import type { Generated } from 'kysely';
/**
 * The promotions subgraph's tables, as Kysely sees them. Timestamps are ISO-8601 text, money integer
 * minor units. Rows are type aliases (not interfaces) so they fit insertInChunks' plain records.
 */

export type PromotionsTable = {
  id: string;
  name: string;
  description: string;
  /** 1..100; exactly one of percent_off and amount_off is set. */
  percent_off: number | null;
  /** Minor units of `currency`. */
  amount_off: number | null;
  currency: string;
  /** Inclusive. */
  starts_at: string;
  /** Exclusive. */
  ends_at: string;
  /** Marketing segment of a personal offer, e.g. 'loyal-gold'. */
  segment: string | null;
  /** 1: every variant; 0: only the skus in promotion_targets. */
  sitewide: number;
  /** 1 once its start is in the price ledger (migration 0003). */
  start_announced: Generated<number>;
  /** 1 once its end is in the price ledger (migration 0003). */
  end_announced: Generated<number>;
};

/** The catalog's list price of each sku, as its price events told it (migration 0003). */
export type ListPricesTable = {
  sku: string;
  amount: number;
  currency: string;
  /** The catalog's price version: an event with a lower one arrives late and changes nothing. */
  version: number;
};

/** The price ledger: one row per changed effective price (PRICES.md in this folder). */
export type PriceEventsTable = {
  sequence: Generated<number>;
  change_id: number;
  sku: string;
  channel: string;
  store_id: string | null;
  previous_amount: number;
  effective_amount: number;
  currency: string;
  reason: string;
  promotion_id: string | null;
  at: string;
};

export type PromotionChannelsTable = {
  promotion_id: string;
  channel: string;
};

/** No row for a promotion means every store (and every non-store channel). */
export type PromotionStoresTable = {
  promotion_id: string;
  store_id: string;
};

/** The campaign's own item list when it is not sitewide. */
export type PromotionTargetsTable = {
  promotion_id: string;
  sku: string;
};

/** Personal offers: only the customers listed here get the promotion. */
export type PromotionAudienceTable = {
  promotion_id: string;
  customer_id: string;
};

/** One row per idempotency key of a back-office change (migration 0002; shared/decide-once.ts). */
export type PromotionIdempotencyKeysTable = {
  key: string;
  operation: string;
  request_hash: string;
  result: string;
  created_at: string;
};

export interface PromotionsDatabase {
  idempotency_keys: PromotionIdempotencyKeysTable;
  list_prices: ListPricesTable;
  price_events: PriceEventsTable;
  promotions: PromotionsTable;
  promotion_channels: PromotionChannelsTable;
  promotion_stores: PromotionStoresTable;
  promotion_targets: PromotionTargetsTable;
  promotion_audience: PromotionAudienceTable;
}
