/** What the promotions resolvers work with; plain data, no GraphQL or SQL types. */

/** Every touchpoint of the retailer (the `Channel` enum of the SDL). */
export type ChannelCode = 'WEB' | 'APP' | 'STORE' | 'CALL_CENTER' | 'MARKETPLACE';

export const CHANNEL_CODES: readonly ChannelCode[] = ['WEB', 'APP', 'STORE', 'CALL_CENTER', 'MARKETPLACE'];

/** Integer minor units plus an ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** A reduction: exactly one of percentOff and amountOff is set; amountOff is in `currency`. */
export interface DiscountRule {
  percentOff: number | null;
  amountOff: number | null;
  currency: string;
}

export interface PromotionModel extends DiscountRule {
  id: string;
  name: string;
  description: string;
  /** ISO 8601, inclusive. */
  startsAt: string;
  /** ISO 8601, exclusive. */
  endsAt: string;
  segment: string | null;
  /** Applies to every variant; otherwise only to its targets. */
  sitewide: boolean;
  channels: ChannelCode[];
  /** Empty: every store and every non-store channel. */
  storeIds: string[];
  /** Has an audience: only the listed customers get it. */
  personal: boolean;
}

/** A Variant as this subgraph sees it: its key and, where a field requires it, its list price. */
export interface VariantReference {
  sku: string;
  price?: Money | null;
}
