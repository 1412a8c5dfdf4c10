/**
 * Who may move stock and handle reservations where (RULES.md, "Who may do what"). Every check runs
 * before the ledger writer or the idempotency store is touched: a refused request takes no lock,
 * records no key and moves nothing.
 */
import {
  customerItself,
  requireAccess,
  requireStoreAccess,
  staffOf,
  withScope,
  type Grant,
} from '../shared/access.js';
import { hasScope, type SubgraphPrincipal } from '../../platform/principal.js';
import type { InventoryContext } from './context.js';

/** Scopes that move stock at every location (a warehouse, the back office). */
export const ANY_STORE_SCOPES = ['stock:write'] as const;

/** adjustStock and recordSale: staff at their own store, `stock:write` anywhere. */
export function requireStockWriteAccess(principal: SubgraphPrincipal, locationId: string): void {
  requireStoreAccess(principal, locationId, ANY_STORE_SCOPES);
}

const RESERVE_RULE =
  'a pickup reservation is made by the call center for anyone, by a customer for itself, by store staff at their own store';

/** reserveForPickup: the call center for anyone anywhere, a customer for itself, staff at their store for anyone. */
export function requireReserveAccess(principal: SubgraphPrincipal, input: { customerId: string; locationId: string }): void {
  requireAccess(principal, RESERVE_RULE, [withScope('callcenter'), customerItself(input.customerId), staffOf(input.locationId)]);
}

/**
 * A rule on an existing reservation, which says whose and where it is only once it is read:
 * holders of an `anywhere` scope need no reading (it is skipped), `mayEver` refuses before reading
 * whoever no reservation could ever let in, `grants` decide on the reservation read.
 */
interface ReservationRule {
  text: string;
  anywhere: readonly string[];
  mayEver: readonly Grant[];
  grants(reservation: { customerId: string; locationId: string }): Grant[];
}

/** Reading and cancelling: the call center, the reservation's customer, staff of its store. */
export const SEE_OR_CANCEL: ReservationRule = {
  text: 'a reservation is open to the call center, to its customer and to staff of its store',
  anywhere: ['callcenter'],
  mayEver: [withScope('callcenter'), withScope('customer'), withScope('store:staff')],
  grants: (r) => [withScope('callcenter'), customerItself(r.customerId), staffOf(r.locationId)],
};

/** Collecting (the units leave the shelf): staff of its store, or `stock:write`. */
export const COLLECT: ReservationRule = {
  text: 'a reservation is collected by staff of its store or with stock:write',
  anywhere: ANY_STORE_SCOPES,
  mayEver: [withScope('store:staff'), ...ANY_STORE_SCOPES.map(withScope)],
  grants: (r) => [staffOf(r.locationId), ...ANY_STORE_SCOPES.map(withScope)],
};

/**
 * Throws UNAUTHORIZED / FORBIDDEN unless `rule` lets the request's principal at reservation `id`.
 * An unknown id passes: what follows answers it (null, or RESERVATION_NOT_FOUND).
 */
export async function requireReservationAccess(context: InventoryContext, id: string, rule: ReservationRule): Promise<void> {
  const { principal } = context;
  requireAccess(principal, rule.text, rule.mayEver);
  if (rule.anywhere.some((scope) => hasScope(principal, scope))) return;
  const reservation = await context.reservationById.load(id);
  if (reservation) requireAccess(principal, rule.text, rule.grants(reservation));
}

const STORE_READ_RULE =
  "a store's stock and pick-ups are open to staff of that store, to the call center and with stock:write";

/**
 * Reading a store's stock levels and reservations (Location.stock, reservations, reservationChanges,
 * reservationChanged): the call center and `stock:write` at any locations; `store:staff` only when
 * every location named is its own store. `locationIds` null means every location, which staff may
 * not ask for (nor for an empty list): they name their store.
 */
export function requireStoreReadAccess(principal: SubgraphPrincipal, locationIds: readonly string[] | null): void {
  const staffOfEvery: Grant = (p) =>
    locationIds !== null && locationIds.length > 0 && locationIds.every((id) => staffOf(id)(p));
  requireAccess(principal, STORE_READ_RULE, [withScope('callcenter'), ...ANY_STORE_SCOPES.map(withScope), staffOfEvery]);
}
