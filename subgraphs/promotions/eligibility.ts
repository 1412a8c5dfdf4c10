/** When a promotion applies: the targeting rules, apart from the money (pricing.ts). */
import type { ChannelCode, PromotionModel } from './models.js';

/** Where and for whom a price is asked. */
export interface PriceQuery {
  channel: ChannelCode;
  storeId?: string | null | undefined;
  customerId?: string | null | undefined;
}

/** What the data says about one variant and one customer. */
export interface TargetingFacts {
  /** Promotions whose item list holds the variant's sku. */
  targetingSku: ReadonlySet<string>;
  /** Promotions whose audience holds the customer of the query (empty without a customer). */
  audienceOfCustomer: ReadonlySet<string>;
}

/** Active at `at` (epoch ms): startsAt inclusive, endsAt exclusive. */
export function isActiveAt(promotion: Pick<PromotionModel, 'startsAt' | 'endsAt'>, at: number): boolean {
  return Date.parse(promotion.startsAt) <= at && at < Date.parse(promotion.endsAt);
}

/**
 * A promotion applies to a variant on (channel, storeId?, customerId?) when it is active at `at`,
 * sold on the channel, sitewide or listing the sku, restricted to no store or to the store given,
 * and without an audience or with the customer given in it.
 */
export function appliesTo(promotion: PromotionModel, query: PriceQuery, facts: TargetingFacts, at: number): boolean {
  return targets(promotion, query, facts) && isActiveAt(promotion, at);
}

/** Whether the promotion is meant for this variant, channel, store and customer, whatever the time. */
export function targets(promotion: PromotionModel, query: PriceQuery, facts: TargetingFacts): boolean {
  // Cheapest tests first: this runs for every promotion and every variant of a listing.
  if (!promotion.channels.includes(query.channel)) return false;
  if (!promotion.sitewide && !facts.targetingSku.has(promotion.id)) return false;
  if (promotion.storeIds.length > 0 && !(query.storeId && promotion.storeIds.includes(query.storeId))) return false;
  if (promotion.personal && !(query.customerId && facts.audienceOfCustomer.has(promotion.id))) return false;
  return true;
}

/** A personal offer of a customer: active at `at`, the customer in its audience, on the channel if one is given. */
export function isPersonalOfferFor(
  promotion: PromotionModel,
  audienceOfCustomer: ReadonlySet<string>,
  channel: ChannelCode | null | undefined,
  at: number,
): boolean {
  return (
    promotion.personal &&
    audienceOfCustomer.has(promotion.id) &&
    isActiveAt(promotion, at) &&
    (!channel || promotion.channels.includes(channel))
  );
}
