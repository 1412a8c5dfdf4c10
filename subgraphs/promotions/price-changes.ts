/**
 * What a change does to effective prices (PRICES.md §1–3): for a list price update or a promotion
 * starting or ending, every (sku, channel, store) whose effective price is concerned, with its price
 * before and after. Pure: the data comes in, rows go out; price-ledger.ts reads and writes.
 */
import { targets } from './eligibility.js';
import { CHANNEL_CODES, type ChannelCode, type Money, type PromotionModel } from './models.js';
import { effectivePrice } from './pricing.js';

export type PriceChangeReason = 'PRICE_UPDATED' | 'PROMOTION_STARTED' | 'PROMOTION_ENDED';

/** One effective price that changed (or, for a store, that shadows its channel's row: §2). */
export interface PriceChangeRow {
  sku: string;
  channel: ChannelCode;
  /** null: the channel's price, for every store without a store-only promotion of its own. */
  storeId: string | null;
  previous: number;
  effective: number;
  currency: string;
  reason: PriceChangeReason;
  promotionId: string | null;
}

/** What the computation needs to know of the world around the change. */
export interface PricingFacts {
  /** The promotions in force besides the changed one (personal offers left out: they are nobody's public price). */
  others: readonly PromotionModel[];
  /** For each sku concerned, the ids of the promotions (of `others` and the changed one) listing it. */
  targetingOf: ReadonlyMap<string, ReadonlySet<string>>;
}

const NO_AUDIENCE: ReadonlySet<string> = new Set();
const NONE: ReadonlySet<string> = new Set();

function bestAmount(list: Money, sku: string, channel: ChannelCode, storeId: string | null, promotions: readonly PromotionModel[], facts: PricingFacts): number {
  const query = { channel, storeId };
  const targeting = { targetingSku: facts.targetingOf.get(sku) ?? NONE, audienceOfCustomer: NO_AUDIENCE };
  return effectivePrice(list, promotions.filter((p) => targets(p, query, targeting))).amount;
}

/** The stores whose price of `sku` on `channel` may differ from the channel's: those of store-only promotions meant for it. */
function storesWithOwnPrice(sku: string, channel: ChannelCode, promotions: readonly PromotionModel[], facts: PricingFacts): string[] {
  const stores = new Set<string>();
  const targeting = facts.targetingOf.get(sku) ?? NONE;
  for (const p of promotions) {
    if (p.storeIds.length === 0 || !p.channels.includes(channel)) continue;
    if (!p.sitewide && !targeting.has(p.id)) continue;
    for (const store of p.storeIds) stores.add(store);
  }
  return [...stores].sort();
}

/** A list price update: every channel's price of the sku, and every store's with a store-only promotion for it. */
export function listPriceChanges(sku: string, previous: Money, price: Money, facts: PricingFacts): PriceChangeRow[] {
  const rows: PriceChangeRow[] = [];
  for (const channel of CHANNEL_CODES) {
    for (const storeId of [null, ...storesWithOwnPrice(sku, channel, facts.others, facts)]) {
      rows.push({
        sku,
        channel,
        storeId,
        previous: bestAmount(previous, sku, channel, storeId, facts.others, facts),
        effective: bestAmount(price, sku, channel, storeId, facts.others, facts),
        currency: price.currency,
        reason: 'PRICE_UPDATED',
        promotionId: null,
      });
    }
  }
  return rows;
}

/**
 * A promotion started or ended: for every sku it is meant for (`skus`, with their list prices) and
 * every channel of it, the prices that moved. A store-only promotion moves its stores' prices; any
 * other moves the channel's price, and each store with a store-only promotion of its own gets a row
 * too (moved or not), so that its subscribers never take the channel's row for theirs (§2).
 */
export function promotionChanges(promotion: PromotionModel, started: boolean, listPrices: ReadonlyMap<string, Money>, skus: readonly string[], facts: PricingFacts): PriceChangeRow[] {
  if (promotion.personal) return [];
  const without = facts.others;
  const withIt = [...facts.others, promotion];
  const [before, after] = started ? [without, withIt] : [withIt, without];
  const reason: PriceChangeReason = started ? 'PROMOTION_STARTED' : 'PROMOTION_ENDED';
  const rows: PriceChangeRow[] = [];
  for (const sku of skus) {
    const list = listPrices.get(sku);
    if (!list) continue;
    for (const channel of promotion.channels) {
      const row = (storeId: string | null): PriceChangeRow => ({
        sku,
        channel,
        storeId,
        previous: bestAmount(list, sku, channel, storeId, before, facts),
        effective: bestAmount(list, sku, channel, storeId, after, facts),
        currency: list.currency,
        reason,
        promotionId: promotion.id,
      });
      if (promotion.storeIds.length > 0) {
        for (const storeId of promotion.storeIds) {
          const change = row(storeId);
          if (change.previous !== change.effective) rows.push(change);
        }
        continue;
      }
      const channelRow = row(null);
      if (channelRow.previous === channelRow.effective) continue;
      rows.push(channelRow);
      for (const storeId of storesWithOwnPrice(sku, channel, facts.others, facts)) rows.push(row(storeId));
    }
  }
  return rows;
}

/** Whether a row is news to a subscriber: a list price update always is (the list price shown beside it moved), a promotion's only when the price moved. */
export const isNews = (row: Pick<PriceChangeRow, 'reason' | 'previous' | 'effective'>): boolean =>
  row.reason === 'PRICE_UPDATED' || row.previous !== row.effective;
