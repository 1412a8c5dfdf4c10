import type { Resolvers } from '../generated/resolvers.js';

export const wishlistAndTicketResolvers: Resolvers = {
  WishlistItem: {
    variant: (item) => ({ sku: item.sku }),
  },
  SupportTicket: {
    __resolveReference({ id }, { loaders }) {
      return loaders.supportTicket.load(id);
    },
    order(ticket, _args, { loaders }) {
      return ticket.orderId ? loaders.order.load(ticket.orderId) : null;
    },
  },
};
