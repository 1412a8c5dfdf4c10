import { requireCustomerAccess } from '../../shared/access.js';
import { audited } from '../../shared/audit.js';
import { updateConsents } from '../commands/consents.js';
import { openSupportTicket } from '../commands/support-tickets.js';
import { addToWishlist, removeFromWishlist } from '../commands/wishlist.js';
import type { Resolvers } from '../generated/resolvers.js';

const now = () => new Date().toISOString();

/**
 * Thin adapters over the commands; they refresh this request's loaders after a change. Each
 * checks the customer's ownership before the command reads anything, and leaves an audit entry.
 */
export const mutationResolvers: Resolvers = {
  Mutation: {
    addToWishlist: audited(
      'addToWishlist',
      async (_root, { customerId, sku }, { db, loaders, principal }) => {
        requireCustomerAccess(principal, customerId);
        const result = await addToWishlist(db, { customerId, sku }, now());
        if (!result.ok) return { wishlist: null, userErrors: result.userErrors };
        loaders.wishlist.clear(customerId).prime(customerId, result.value);
        return { wishlist: result.value, userErrors: [] };
      },
      ({ customerId, sku }) => ({ customerId, sku }),
    ),
    removeFromWishlist: audited(
      'removeFromWishlist',
      async (_root, { customerId, sku }, { db, loaders, principal }) => {
        requireCustomerAccess(principal, customerId);
        const result = await removeFromWishlist(db, { customerId, sku });
        if (!result.ok) return { wishlist: null, userErrors: result.userErrors };
        loaders.wishlist.clear(customerId).prime(customerId, result.value);
        return { wishlist: result.value, userErrors: [] };
      },
      ({ customerId, sku }) => ({ customerId, sku }),
    ),
    openSupportTicket: audited(
      'openSupportTicket',
      async (_root, { input }, { db, loaders, principal }) => {
        requireCustomerAccess(principal, input.customerId);
        const request = { ...input, orderId: input.orderId ?? null };
        const result = await openSupportTicket(db, request, now());
        if (!result.ok) return { ticket: null, userErrors: result.userErrors };
        loaders.supportTickets.clear(input.customerId);
        loaders.supportTicket.prime(result.value.id, result.value);
        return { ticket: result.value, userErrors: [] };
      },
      ({ input }) => ({ customerId: input.customerId, orderId: input.orderId ?? null }),
    ),
    updateConsents: audited(
      'updateConsents',
      async (_root, { customerId, input }, { db, loaders, principal }) => {
        requireCustomerAccess(principal, customerId);
        const result = await updateConsents(db, customerId, input, now());
        if (!result.ok) return { customer: null, userErrors: result.userErrors };
        loaders.customer.clear(customerId).prime(customerId, result.value);
        return { customer: { id: customerId, profile: result.value }, userErrors: [] };
      },
      ({ customerId }) => ({ customerId }),
    ),
  },
};
