import { requireCustomerAccess } from '../../shared/access.js';
import type { CustomerContext } from '../context.js';
import { decodeOrderCursor, encodeOrderCursor, cutPage, parsePageSize } from '../domain/pagination.js';
import type { Resolvers } from '../generated/resolvers.js';
import type { CustomerModel } from '../models.js';
import { profileOf, readArguments } from './errors.js';

export const ORDERS_DEFAULT_SIZE = 10;
export const ORDERS_MAX_SIZE = 100;

/**
 * A personal field: open to the customer themselves and to the call center, checked before
 * anything is loaded, so another customer's orders, wishlist... are never even read.
 */
function personal<TArgs, TResult>(read: (customer: CustomerModel, args: TArgs, context: CustomerContext) => TResult) {
  return (customer: CustomerModel, args: TArgs, context: CustomerContext): TResult => {
    requireCustomerAccess(context.principal, customer.id);
    return read(customer, args, context);
  };
}

/** `id`, `firstName` (and other subgraphs' `reviews`) are public; every other field is personal. */
export const customerResolvers: Resolvers = {
  Customer: {
    async __resolveReference({ id }, { loaders }) {
      const profile = await loaders.customer.load(id);
      return profile ? { id, profile } : null;
    },
    firstName: (customer) => profileOf(customer).firstName,
    lastName: personal((customer) => profileOf(customer).lastName),
    email: personal((customer) => profileOf(customer).email),
    phone: personal((customer) => profileOf(customer).phone),
    loyalty: personal((customer) => profileOf(customer).loyalty),
    consents: personal((customer) => profileOf(customer).consents),
    preferredStore: personal((customer) => {
      const storeId = profileOf(customer).preferredStoreId;
      return storeId ? { id: storeId } : null;
    }),
    addresses: personal((customer, _args, { loaders }) => loaders.addresses.load(profileOf(customer).id)),
    orders: personal(async (customer, { first, after }, { loaders }) => {
      const { size, position } = readArguments(() => ({
        size: parsePageSize(first, { argument: 'first', defaultValue: ORDERS_DEFAULT_SIZE, max: ORDERS_MAX_SIZE }),
        position: after == null ? null : decodeOrderCursor(after),
      }));
      // One more than asked tells whether another page follows.
      const rows = await loaders.orderPage(size + 1, position).load(customer.id);
      return { customerId: customer.id, ...cutPage(rows, size, encodeOrderCursor) };
    }),
    wishlist: personal((customer, _args, { loaders }) => loaders.wishlist.load(customer.id)),
    supportTickets: personal(async (customer, { status }, { loaders }) => {
      const tickets = await loaders.supportTickets.load(customer.id);
      return status ? tickets.filter((ticket) => ticket.status === status) : tickets;
    }),
  },
};
