/**
 * The ownership rules the schema's directives cannot express (who may act on *which* customer or
 * store), checked by each subgraph's own code so that a request reaching a subgraph directly meets
 * them too. A refusal is a GraphQLError with `extensions.code`:
 *
 * - `UNAUTHORIZED`: the request acts for nobody (anonymous);
 * - `FORBIDDEN`: it acts for someone the rule does not let in;
 * - `CONSENT_REQUIRED`: it acts for store staff, whom the rule lets in only for a customer who
 *   consented to personalised service (`consents.personalizedOffers`), and this one did not.
 *
 * Messages name the rule, never data of the thing refused (not whose it is, nor where it is).
 * Check before loading anything the rule protects.
 */
import { GraphQLError } from 'graphql';
import { hasScope, type SubgraphPrincipal } from '../../platform/principal.js';

export const ACCESS_ERROR = { UNAUTHORIZED: 'UNAUTHORIZED', FORBIDDEN: 'FORBIDDEN', CONSENT_REQUIRED: 'CONSENT_REQUIRED' } as const;
export type AccessErrorCode = (typeof ACCESS_ERROR)[keyof typeof ACCESS_ERROR];

/** One way to be let in; a rule lets a principal in when any of its grants does. */
export type Grant = (principal: SubgraphPrincipal) => boolean;

/** Anyone holding `scope`, whoever and wherever the target is. */
export const withScope =
  (scope: string): Grant =>
  (principal) =>
    hasScope(principal, scope);

/** A `customer` principal acting on itself (its subject is its customer id). */
export const customerItself =
  (customerId: string): Grant =>
  (principal) =>
    hasScope(principal, 'customer') && principal.subject !== undefined && principal.subject === customerId;

/** A `store:staff` principal at its own store (its storeId is the store's location id). */
export const staffOf =
  (locationId: string): Grant =>
  (principal) =>
    hasScope(principal, 'store:staff') && principal.storeId !== undefined && principal.storeId === locationId;

export const unauthorized = (rule: string) =>
  new GraphQLError(`Sign-in required: ${rule}.`, { extensions: { code: ACCESS_ERROR.UNAUTHORIZED } });

export const forbidden = (rule: string) =>
  new GraphQLError(`Not allowed: ${rule}.`, { extensions: { code: ACCESS_ERROR.FORBIDDEN } });

/** Store staff asking for a customer who did not consent; says nothing of the customer but that. */
export const consentRequired = () =>
  new GraphQLError(
    'Not allowed: this customer has not consented to personalised service in store, and store staff see personal data only with that consent.',
    { extensions: { code: ACCESS_ERROR.CONSENT_REQUIRED } },
  );

/**
 * Throws UNAUTHORIZED for an anonymous principal, FORBIDDEN when no grant lets it in. `rule` says in
 * words who is let in (it ends both messages).
 */
export function requireAccess(principal: SubgraphPrincipal, rule: string, grants: readonly Grant[]): void {
  if (!principal.authenticated) throw unauthorized(rule);
  if (!grants.some((grant) => grant(principal))) throw forbidden(rule);
}

export const CUSTOMER_RULE = 'a customer\'s data is open to that customer and to the call center';

/** A customer's data and changes to it: the call center for anyone, a customer for itself only. */
export function requireCustomerAccess(principal: SubgraphPrincipal, customerId: string): void {
  requireAccess(principal, CUSTOMER_RULE, [withScope('callcenter'), customerItself(customerId)]);
}

/**
 * Whether the principal would read a customer's personal data as store staff: it holds
 * `store:staff` and neither the call center's rights nor the customer's own, which need no consent.
 * Such reads are the ones the consent rule gates and the audit trail records.
 */
export function readsAsStoreStaff(principal: SubgraphPrincipal, customerId: string): boolean {
  if (!principal.authenticated || !hasScope(principal, 'store:staff')) return false;
  return !withScope('callcenter')(principal) && !customerItself(customerId)(principal);
}

/**
 * Reading a customer's profile, orders, wishlist, tickets or personal offers (never addresses nor
 * changes, which stay `requireCustomerAccess`'s): the call center and the customer itself as
 * always; store staff when `consented` (the customer's `consents.personalizedOffers`, which the
 * caller read from the profile row, or which the gateway sent from the customer subgraph) is true,
 * CONSENT_REQUIRED otherwise; anyone else FORBIDDEN.
 */
export function requireCustomerRead(principal: SubgraphPrincipal, customerId: string, consented: boolean | undefined): void {
  if (readsAsStoreStaff(principal, customerId)) {
    if (consented !== true) throw consentRequired();
    return;
  }
  requireCustomerAccess(principal, customerId);
}

/**
 * Stock work at one location: `store:staff` at its own store only, each scope of `anyStoreScopes`
 * (e.g. `stock:write`) anywhere.
 */
export function requireStoreAccess(
  principal: SubgraphPrincipal,
  locationId: string,
  anyStoreScopes: readonly string[],
): void {
  const anywhere = anyStoreScopes.map((scope) => `${scope} anywhere`);
  const rule = `store staff work at their own store only${anywhere.length > 0 ? `; ${anywhere.join(', ')}` : ''}`;
  requireAccess(principal, rule, [staffOf(locationId), ...anyStoreScopes.map(withScope)]);
}
