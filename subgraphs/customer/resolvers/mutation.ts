import { updateConsents } from '../commands/consents.js';
import { openSupportTicket } from '../commands/support-tickets.js';
import { addToWishlist, removeFromWishlist } from '../commands/wishlist.js';
import type { Resolvers } from '../generated/resolvers.js';

const now = () => new Date().toISOString();

/** Thin adapters over the commands; they refresh this request's loaders after a change. */
export const mutationResolvers: Resolvers = {
  Mutation: {
    async addToWishlist(_root, { customerId, sku }, { db, loaders }) {
      const result = await addToWishlist(db, { customerId, sku }, now());
      if (!result.ok) return { wishlist: null, userErrors: result.userErrors };
      loaders.wishlist.clear(customerId).prime(customerId, result.value);
      return { wishlist: result.value, userErrors: [] };
    },
    async removeFromWishlist(_root, { customerId, sku }, { db, loaders }) {
      const result = await removeFromWishlist(db, { customerId, sku });
      if (!result.ok) return { wishlist: null, userErrors: result.userErrors };
      loaders.wishlist.clear(customerId).prime(customerId, result.value);
      return { wishlist: result.value, userErrors: [] };
    },
    async openSupportTicket(_root, { input }, { db, loaders }) {
      const request = { ...input, orderId: input.orderId ?? null };
      const result = await openSupportTicket(db, request, now());
      if (!result.ok) return { ticket: null, userErrors: result.userErrors };
      loaders.supportTickets.clear(input.customerId);
      loaders.supportTicket.prime(result.value.id, result.value);
      return { ticket: result.value, userErrors: [] };
    },
    async updateConsents(_root, { customerId, input }, { db, loaders }) {
      const result = await updateConsents(db, customerId, input, now());
      if (!result.ok) return { customer: null, userErrors: result.userErrors };
      loaders.customer.clear(customerId).prime(customerId, result.value);
      return { customer: { id: customerId, profile: result.value }, userErrors: [] };
    },
  },
};
