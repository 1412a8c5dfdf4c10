/**
 * `Query.stockChanges`: the movement ledger by pages, with the same filters, checks and rights as
 * `Subscription.stockChanged`. The gateway reads it to catch a subscriber up from its own cursor
 * while the stream it shares goes on live (gateway/subscriptions/shared-streams.ts).
 */
import { requireIntInRange } from './arguments.js';
import type { QueryResolvers } from './generated/resolvers.js';
import { findMovementsBetween } from './ledger-reader.js';
import { requireBoundedList, requireCursor } from './subscription-resolvers.js';

/** Rows per page at most: one page is one indexed range read, whatever the ledger's length. */
export const MAX_STOCK_CHANGES_PAGE = 1_000;

export const stockHistoryResolvers: Pick<QueryResolvers, 'stockChanges'> = {
  stockChanges: (_root, { after, skus, locationIds, first }, context) =>
    findMovementsBetween(
      context.ledger.db,
      { after: requireCursor(after) ?? 0, limit: requireIntInRange('first', first ?? 100, 1, MAX_STOCK_CHANGES_PAGE) },
      { skus: requireBoundedList('skus', skus), locationIds: requireBoundedList('locationIds', locationIds) },
    ),
};
