/**
 * Who a request to a subgraph acts for, as the gateway vouched for it (subgraphs/shared/
 * internal-principal.ts verifies the vouching). The subgraphs' ownership rules read only this.
 */
export interface SubgraphPrincipal {
  authenticated: boolean;
  /** `sub` of the caller's token: a customer id (web shoppers) or a staff id; absent when anonymous. */
  subject?: string;
  /** e.g. `customer`, `callcenter`, `store:staff`, `stock:write`; empty when anonymous. */
  scopes: readonly string[];
  /** The store a `store:staff` principal works at. */
  storeId?: string;
}

export const ANONYMOUS: SubgraphPrincipal = Object.freeze({ authenticated: false, scopes: Object.freeze([]) as readonly string[] });

export function hasScope(principal: SubgraphPrincipal, scope: string): boolean {
  return principal.scopes.includes(scope);
}
