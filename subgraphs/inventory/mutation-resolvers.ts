/** Thin adapters from the stock mutations to the domain: every rule lives in reservations.ts and stock-writes.ts. */
import type { MutationResolvers } from './generated/resolvers.js';
import { cancelReservation, collectReservation, reserveForPickup } from './reservations.js';
import { adjustStock, recordSale } from './stock-writes.js';

export const inventoryMutationResolvers: MutationResolvers = {
  reserveForPickup: (_root, { input, idempotencyKey }, context) =>
    reserveForPickup(context.ledger, input, idempotencyKey),
  cancelReservation: (_root, { id }, context) => cancelReservation(context.ledger, id),
  collectReservation: (_root, { id }, context) => collectReservation(context.ledger, id),
  recordSale: (_root, { input, idempotencyKey }, context) => recordSale(context.ledger, input, idempotencyKey),
  adjustStock: (_root, { input, idempotencyKey }, context) => adjustStock(context.ledger, input, idempotencyKey),
};
