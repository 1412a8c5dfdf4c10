/**
 * The ownership rules the schema's directives cannot express (who may act on *which* customer or
 * store), checked by each subgraph's own code so that a request reaching a subgraph directly meets
 * them too. A refusal is a GraphQLError with `extensions.code`:
 *
 * - `UNAUTHORIZED`: the request acts for nobody (anonymous);
 * - `FORBIDDEN`: it acts for someone the rule does not let in.
 *
 * Messages name the rule, never data of the thing refused (not whose it is, nor where it is).
 * Check before loading anything the rule protects.
 */
import { GraphQLError } from 'graphql';
import { hasScope, type SubgraphPrincipal } from '../../platform/principal.js';

export const ACCESS_ERROR = { UNAUTHORIZED: 'UNAUTHORIZED', FORBIDDEN: 'FORBIDDEN' } as const;
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
