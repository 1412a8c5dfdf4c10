/**
 * Scopes that grant rights over the principal's own data only. `customer` lets a web shopper read
 * their own Customer, not anybody's. The gateway can tell "own" from "other" only where the request
 * itself names the owner (`customer(id: ...)`); elsewhere (a review's author, a reservation's
 * customer) the subgraph that owns the data decides (subgraphs/shared/access.ts).
 */
export interface OwnerBoundScope {
  scope: string;
  /** The type whose instances belong to a principal. */
  type: string;
  /** The root field that names the owner in an argument, compared with the principal's `sub`. */
  lookup: { parentType: string; field: string; argument: string };
}

export const OWNER_BOUND_SCOPES: readonly OwnerBoundScope[] = [
  { scope: 'customer', type: 'Customer', lookup: { parentType: 'Query', field: 'customer', argument: 'id' } },
];
