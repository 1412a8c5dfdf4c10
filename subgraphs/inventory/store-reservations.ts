/** `Query.reservations`: a store's pick-ups of some statuses, soonest expiry first (a store screen's list). */
import { requireIntInRange } from './arguments.js';
import { requireStoreReadAccess } from './access-rules.js';
import type { QueryResolvers } from './generated/resolvers.js';
import { findReservationsAtLocation } from './repository.js';

export const MAX_RESERVATIONS_PAGE = 1_000;

export const storeReservationResolvers: Pick<QueryResolvers, 'reservations'> = {
  reservations(_root, { locationId, status, first }, context) {
    requireStoreReadAccess(context.principal, [locationId]);
    const limit = requireIntInRange('first', first ?? 100, 1, MAX_RESERVATIONS_PAGE);
    // The argument's default is [ACTIVE]; an explicit null asks for every status.
    const statuses = status === undefined ? ['ACTIVE' as const] : status === null ? null : [...new Set(status)];
    return findReservationsAtLocation(context.ledger.db, locationId, statuses, limit);
  },
};
