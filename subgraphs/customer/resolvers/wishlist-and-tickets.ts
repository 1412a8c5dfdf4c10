import { requireCustomerAccess } from '../../shared/access.js';
import type { Resolvers } from '../generated/resolvers.js';
import { requireAnyCustomerAccess } from './order.js';

export const wishlistAndTicketResolvers: Resolvers = {
  WishlistItem: {
    variant: (item) => ({ sku: item.sku }),
  },
  SupportTicket: {
    async __resolveReference({ id }, { loaders, principal }) {
      requireAnyCustomerAccess(principal);
      const ticket = await loaders.supportTicket.load(id);
      if (ticket) requireCustomerAccess(principal, ticket.customerId);
      return ticket;
    },
    order(ticket, _args, { loaders }) {
      return ticket.orderId ? loaders.order.load(ticket.orderId) : null;
    },
  },
};
