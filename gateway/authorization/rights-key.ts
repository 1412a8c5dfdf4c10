/**
 * Principals with the same rights are answered the same data: the same scopes, the same store, and
 * the same subject only where a scope grants access to one's own data (owner-bound-scopes.ts).
 * Live streams are shared per rights, not per token, so a hundred agents watching the same stores
 * cost one upstream subscription, while two shoppers never share one.
 */
import type { Principal } from '../identity/principal.js';
import { OWNER_BOUND_SCOPES } from './owner-bound-scopes.js';

export function rightsKey(principal: Principal): string {
  if (!principal.authenticated) return 'anonymous';
  const scopes = [...principal.scopes].sort();
  const ownsData = scopes.some((scope) => OWNER_BOUND_SCOPES.some((bound) => bound.scope === scope));
  return JSON.stringify([scopes, principal.storeId ?? null, ownsData ? principal.subject : null]);
}
