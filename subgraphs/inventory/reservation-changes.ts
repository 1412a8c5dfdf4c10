/**
 * `Subscription.reservationChanged` and `Query.reservationChanges`: the reservations made and ended
 * at some locations, live and by pages, on the stock ledger (EVENTS.md, "Reservation changes").
 * Both check who may read first (access-rules.ts), then the filters, as stockChanged does.
 */
import { requireIntInRange } from './arguments.js';
import { requireStoreReadAccess } from './access-rules.js';
import type { InventoryContext } from './context.js';
import type { QueryResolvers, SubscriptionResolvers } from './generated/resolvers.js';
import type { ReservationChangeModel } from './models.js';
import { findReservationChangesBetween, type ReservationChangeFilter } from './reservation-change-reader.js';
import { MAX_STOCK_CHANGES_PAGE } from './stock-history-resolvers.js';
import { requireBoundedList, requireCursor } from './subscription-resolvers.js';

function reservationFilter(context: InventoryContext, locationIds: readonly string[] | null | undefined): ReservationChangeFilter {
  requireStoreReadAccess(context.principal, locationIds ?? null);
  return { locationIds: requireBoundedList('locationIds', locationIds) };
}

export const reservationHistoryResolvers: Pick<QueryResolvers, 'reservationChanges'> = {
  reservationChanges(_root, { after, locationIds, first }, context) {
    const filter = reservationFilter(context, locationIds);
    const limit = requireIntInRange('first', first ?? 100, 1, MAX_STOCK_CHANGES_PAGE);
    return findReservationChangesBetween(context.ledger.db, { after: requireCursor(after) ?? 0, limit }, filter);
  },
};

export const reservationSubscriptionResolvers: Pick<SubscriptionResolvers<InventoryContext>, 'reservationChanged'> = {
  reservationChanged: {
    subscribe: (_root, { locationIds, after }, context) =>
      context.streamReservationChanges({ filter: reservationFilter(context, locationIds), after: requireCursor(after) }),
    // Events are the changes themselves, not `{ reservationChanged: change }` payloads.
    resolve: (change: ReservationChangeModel) => change,
  },
};
