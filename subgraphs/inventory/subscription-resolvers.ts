/** `Subscription.stockChanged`: checks the filters, then hands over to the stock stream. */
import { GraphQLError } from 'graphql';
import type { InventoryContext } from './context.js';
import type { SubscriptionResolvers } from './generated/resolvers.js';
import type { StockChangeModel } from './models.js';

/** Filters are bounded so one subscription cannot make every commit cost a large set lookup or replay query. */
export const MAX_STOCK_FILTER_SIZE = 100;

export function requireBoundedList(name: string, values: readonly string[] | null | undefined): string[] | null {
  if (values == null) return null;
  if (values.length === 0 || values.length > MAX_STOCK_FILTER_SIZE) {
    throw new GraphQLError(`\`${name}\` takes 1 to ${MAX_STOCK_FILTER_SIZE} ids (omit it for all); got ${values.length}`, {
      extensions: { code: 'BAD_USER_INPUT', argument: name, limit: MAX_STOCK_FILTER_SIZE },
    });
  }
  return [...new Set(values)];
}

export function requireCursor(after: number | null | undefined): number | null {
  if (after == null) return null;
  if (after < 0) {
    throw new GraphQLError(`\`after\` is a ledger sequence, 0 or more; got ${after}`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
    });
  }
  return after;
}

export const stockSubscriptionResolvers: SubscriptionResolvers<InventoryContext> = {
  stockChanged: {
    subscribe: (_root, args, context) =>
      context.streamStockChanges({
        filter: { skus: requireBoundedList('skus', args.skus), locationIds: requireBoundedList('locationIds', args.locationIds) },
        after: requireCursor(args.after),
      }),
    // Events are the changes themselves, not `{ stockChanged: change }` payloads.
    resolve: (change: StockChangeModel) => change,
  },
};
