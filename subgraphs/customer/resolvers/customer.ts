import { decodeOrderCursor, encodeOrderCursor, cutPage, parsePageSize } from '../domain/pagination.js';
import type { Resolvers } from '../generated/resolvers.js';
import { profileOf, readArguments } from './errors.js';

export const ORDERS_DEFAULT_SIZE = 10;
export const ORDERS_MAX_SIZE = 100;

export const customerResolvers: Resolvers = {
  Customer: {
    async __resolveReference({ id }, { loaders }) {
      const profile = await loaders.customer.load(id);
      return profile ? { id, profile } : null;
    },
    firstName: (customer) => profileOf(customer).firstName,
    lastName: (customer) => profileOf(customer).lastName,
    email: (customer) => profileOf(customer).email,
    phone: (customer) => profileOf(customer).phone,
    loyalty: (customer) => profileOf(customer).loyalty,
    consents: (customer) => profileOf(customer).consents,
    preferredStore(customer) {
      const storeId = profileOf(customer).preferredStoreId;
      return storeId ? { id: storeId } : null;
    },
    addresses(customer, _args, { loaders }) {
      return loaders.addresses.load(profileOf(customer).id);
    },
    async orders(customer, { first, after }, { loaders }) {
      const { size, position } = readArguments(() => ({
        size: parsePageSize(first, { argument: 'first', defaultValue: ORDERS_DEFAULT_SIZE, max: ORDERS_MAX_SIZE }),
        position: after == null ? null : decodeOrderCursor(after),
      }));
      // One more than asked tells whether another page follows.
      const rows = await loaders.orderPage(size + 1, position).load(customer.id);
      return { customerId: customer.id, ...cutPage(rows, size, encodeOrderCursor) };
    },
    wishlist(customer, _args, { loaders }) {
      return loaders.wishlist.load(customer.id);
    },
    async supportTickets(customer, { status }, { loaders }) {
      const tickets = await loaders.supportTickets.load(customer.id);
      return status ? tickets.filter((ticket) => ticket.status === status) : tickets;
    },
  },
};
