/**
 * `Subscription.priceChanged`, its history (`Query.priceChanges`, `Query.priceLedgerHead`) and the
 * `PriceChange` type: thin adapters from the SDL to the price ledger (PRICES.md).
 */
import { GraphQLError } from 'graphql';
import { streamLedger } from '../shared/ledger-stream.js';
import type { PromotionsContext } from './context.js';
import type { PriceChangeResolvers, QueryResolvers, SubscriptionResolvers } from './generated/resolvers.js';
import type { ChannelCode } from './models.js';
import { findLastPriceSequence, findPriceChanges, selectPriceChanges, type PriceFilter } from './price-ledger-reader.js';
import { PRICES_COMMITTED_TOPIC, type PriceEventModel, type PriceLedgerCommit } from './price-events.js';

/** Filters are bounded so one subscription cannot make every commit cost a large set lookup or replay query. */
export const MAX_PRICE_FILTER_SIZE = 100;
const MAX_PAGE = 1_000;

const badInput = (message: string, argument: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });

function priceFilter(args: { skus?: readonly string[] | null; channel: ChannelCode; storeId?: string | null }): PriceFilter {
  const skus = args.skus == null ? null : [...new Set(args.skus)];
  if (skus !== null && (skus.length === 0 || skus.length > MAX_PRICE_FILTER_SIZE)) {
    throw badInput(`\`skus\` takes 1 to ${MAX_PRICE_FILTER_SIZE} skus (omit it for all); got ${skus.length}`, 'skus');
  }
  return { skus, channel: args.channel, storeId: args.storeId ?? null };
}

function cursor(after: number | null | undefined): number | null {
  if (after == null) return null;
  if (after < 0) throw badInput(`\`after\` is a price ledger sequence, 0 or more; got ${after}`, 'after');
  return after;
}

export function streamPriceChanges(context: PromotionsContext, filter: PriceFilter, after: number | null): AsyncIterableIterator<PriceEventModel> {
  return streamLedger<PriceEventModel>(
    context.events,
    {
      topic: PRICES_COMMITTED_TOPIC,
      commitOf: (message) => message as PriceLedgerCommit,
      head: () => findLastPriceSequence(context.db),
      read: (from, through, limit) => findPriceChanges(context.db, { after: from, through, limit }, filter),
      select: (rows) => selectPriceChanges(rows, filter),
      sequenceOf: (row) => row.sequence,
    },
    { after },
  );
}

const money = (amount: number, currency: string) => ({ amount, currency });

export const priceChangeResolvers: {
  Subscription: SubscriptionResolvers<PromotionsContext>;
  Query: Pick<QueryResolvers<PromotionsContext>, 'priceLedgerHead' | 'priceChanges'>;
  PriceChange: PriceChangeResolvers<PromotionsContext>;
} = {
  Subscription: {
    priceChanged: {
      subscribe: (_root, args, context) => streamPriceChanges(context, priceFilter(args), cursor(args.after)),
      // Events are the ledger rows themselves, not `{ priceChanged: row }` payloads.
      resolve: (row: PriceEventModel) => row,
    },
  },
  Query: {
    priceLedgerHead: (_root, _args, context) => findLastPriceSequence(context.db),
    priceChanges: (_root, args, context) => {
      const first = args.first ?? 100;
      if (!(first >= 1 && first <= MAX_PAGE)) throw badInput(`\`first\` is 1 to ${MAX_PAGE}; got ${first}`, 'first');
      return findPriceChanges(context.db, { after: cursor(args.after) ?? 0, limit: first }, priceFilter(args));
    },
  },
  PriceChange: {
    // A reference: the gateway asks the catalog (and the others) for the rest of the variant.
    variant: (row) => ({ sku: row.sku }),
    previous: (row) => money(row.previous, row.currency),
    effectivePrice: (row) => money(row.effective, row.currency),
    promotion: (row, _args, context) => (row.promotionId ? context.promotionById.load(row.promotionId) : null),
  },
};
