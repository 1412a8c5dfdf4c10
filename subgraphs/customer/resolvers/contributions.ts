import type { Resolvers } from '../generated/resolvers.js';

/** Fields this subgraph adds to other subgraphs' entities, from the keys they @require. */
export const contributionResolvers: Resolvers = {
  Reservation: {
    /**
     * Inventory records any customer id it is given; it cannot know whether the customer exists.
     * The reservation keeps pointing at that id (so `customer { id }` and fields served by other
     * subgraphs still resolve); profile fields of an unknown customer fail with CUSTOMER_NOT_FOUND.
     */
    async customer(reservation, _args, { loaders }) {
      const profile = await loaders.customer.load(reservation.customerId);
      return { id: reservation.customerId, profile };
    },
  },
  Review: {
    verifiedPurchase(review, _args, { loaders }) {
      const customerId = review.author?.id;
      const productId = review.product?.id;
      if (!customerId || !productId) return false;
      return loaders.purchased.load({ customerId, productId });
    },
  },
};
