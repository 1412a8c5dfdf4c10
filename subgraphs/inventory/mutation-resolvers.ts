/**
 * Thin adapters from the stock mutations to the domain: every stock rule lives in reservations.ts
 * and stock-writes.ts, who may call them in access-rules.ts (checked first: a refused request
 * touches neither the ledger nor the idempotency keys). Each call leaves one audit entry.
 */
import { audited } from '../shared/audit.js';
import {
  COLLECT,
  SEE_OR_CANCEL,
  requireReservationAccess,
  requireReserveAccess,
  requireStockWriteAccess,
} from './access-rules.js';
import type { MutationResolvers } from './generated/resolvers.js';
import { cancelReservation, collectReservation, reserveForPickup } from './reservations.js';
import { adjustStock, recordSale } from './stock-writes.js';

export const inventoryMutationResolvers: MutationResolvers = {
  reserveForPickup: audited(
    'reserveForPickup',
    (_root, { input, idempotencyKey }, context) => {
      requireReserveAccess(context.principal, input);
      return reserveForPickup(context.ledger, input, idempotencyKey);
    },
    ({ input }) => ({ sku: input.sku, locationId: input.locationId, customerId: input.customerId }),
  ),
  cancelReservation: audited(
    'cancelReservation',
    async (_root, { id }, context) => {
      await requireReservationAccess(context, id, SEE_OR_CANCEL);
      // The check may have read it: later reads in this request must see the new status.
      context.reservationById.clear(id);
      return cancelReservation(context.ledger, id);
    },
    ({ id }) => ({ reservationId: id }),
  ),
  collectReservation: audited(
    'collectReservation',
    async (_root, { id }, context) => {
      await requireReservationAccess(context, id, COLLECT);
      context.reservationById.clear(id);
      return collectReservation(context.ledger, id);
    },
    ({ id }) => ({ reservationId: id }),
  ),
  recordSale: audited(
    'recordSale',
    (_root, { input, idempotencyKey }, context) => {
      requireStockWriteAccess(context.principal, input.locationId);
      return recordSale(context.ledger, input, idempotencyKey);
    },
    ({ input }) => ({
      locationId: input.locationId,
      customerId: input.customerId ?? null,
      skus: input.lines.map((line) => line.sku),
    }),
  ),
  adjustStock: audited(
    'adjustStock',
    (_root, { input, idempotencyKey }, context) => {
      requireStockWriteAccess(context.principal, input.locationId);
      return adjustStock(context.ledger, input, idempotencyKey);
    },
    ({ input }) => ({ sku: input.sku, locationId: input.locationId }),
  ),
};
