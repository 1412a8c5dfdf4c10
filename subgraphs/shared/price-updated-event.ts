/**
 * What the catalog tells the promotions subgraph after a list price update commits (a work queue:
 * delivered at least once, to one promotions process). The promotions subgraph keeps the list
 * prices it computes effective price events from (subgraphs/promotions/PRICES.md).
 */

export const PRICE_UPDATED_TOPIC = 'catalog.price-updated';

export interface PriceUpdatedEvent {
  sku: string;
  price: { amount: number; currency: string };
  /** The sku's price version in the catalog, +1 per update: a consumer ignores one not newer than what it has. */
  version: number;
  /** ISO 8601: when the update committed. */
  at: string;
}
