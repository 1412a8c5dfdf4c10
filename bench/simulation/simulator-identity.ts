/**
 * Who does each simulated operation, as the gateway sees it: the least-powerful principal that
 * would really do it. A till's sale, a pick-up handed over and a store's delivery or count: staff of
 * that store. A click & collect reservation or its cancellation: the call center (which also counts
 * the customers at start). A warehouse's delivery or count: the back office (`stock:write`). A
 * list price: a price manager (`catalog:write`).
 */
import { BACK_OFFICE, CALL_CENTER, PRICE_MANAGER, DEVELOPMENT_TOKEN_NOTE, mintBenchToken, storeStaff, type DevelopmentPrincipal } from '../development-token.js';
import type { PlannedOperation } from './traffic-plan.js';
import type { World } from './world.js';

export type Actor = { role: 'store-staff'; storeId: string } | { role: 'call-center' } | { role: 'back-office' } | { role: 'price-manager' };

/** Discovery counts the customers, which only the call center may look up one by one. */
export const DISCOVERY_ACTOR: Actor = { role: 'call-center' };

export function actorOf(operation: PlannedOperation, world: Pick<World, 'stores'>): Actor {
  switch (operation.kind) {
    case 'sale':
      return { role: 'store-staff', storeId: operation.locationId };
    case 'pickup':
      return { role: 'store-staff', storeId: operation.reservation.locationId };
    case 'reservation':
    case 'cancellation':
      return { role: 'call-center' };
    case 'restock':
    case 'correction':
      return world.stores.some((store) => store.id === operation.locationId)
        ? { role: 'store-staff', storeId: operation.locationId }
        : { role: 'back-office' };
    case 'price':
      return { role: 'price-manager' };
  }
}

export interface SimulatorCredentials {
  /** The bearer token `actor` sends. */
  tokenFor(actor: Actor): Promise<string>;
  /** Who the traffic acts as, for the line printed at start. */
  readonly description: string;
}

/** One token for every operation (`--token`): it must allow them all, e.g. scopes `stock:write callcenter catalog:write`. */
export function oneTokenForAll(token: string): SimulatorCredentials {
  return { tokenFor: async () => token, description: 'every operation with the given token' };
}

const principalOf = (actor: Actor): DevelopmentPrincipal =>
  actor.role === 'store-staff' ? storeStaff(actor.storeId) : actor.role === 'call-center' ? CALL_CENTER : actor.role === 'price-manager' ? PRICE_MANAGER : BACK_OFFICE;

/**
 * A development token per actor, minted on first use and minted again before it expires, so a
 * run left going for hours keeps being accepted.
 */
export function developmentCredentials(lifetimeSeconds = 3600): SimulatorCredentials {
  const minted = new Map<string, { token: Promise<string>; renewAt: number }>();
  // Renewed with a tenth of its life left: a call sent just before then still arrives in time.
  const renewAfterMs = lifetimeSeconds * 900;
  return {
    tokenFor(actor) {
      const principal = principalOf(actor);
      const known = minted.get(principal.subject);
      if (known && Date.now() < known.renewAt) return known.token;
      const token = mintBenchToken(principal, `${lifetimeSeconds}s`);
      minted.set(principal.subject, { token, renewAt: Date.now() + renewAfterMs });
      return token;
    },
    description: `store staff at each store, the call center, the back office and a price manager, with development tokens ${DEVELOPMENT_TOKEN_NOTE}`,
  };
}
