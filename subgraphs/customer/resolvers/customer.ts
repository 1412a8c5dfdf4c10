import { readsAsStoreStaff, requireCustomerAccess, requireCustomerRead } from '../../shared/access.js';
import type { CustomerContext } from '../context.js';
import { decodeOrderCursor, encodeOrderCursor, cutPage, parsePageSize } from '../domain/pagination.js';
import type { Resolvers } from '../generated/resolvers.js';
import type { CustomerModel } from '../models.js';
import { profileOf, readArguments } from './errors.js';

export const ORDERS_DEFAULT_SIZE = 10;
export const ORDERS_MAX_SIZE = 100;

/**
 * A personal field: open to the customer themselves and to the call center, and to store staff
 * when the customer consented to personalised service (the consent is on the profile row, already
 * loaded with the customer). Checked before anything else is loaded, so the orders, wishlist... of
 * someone the caller may not see are never even read. Each store staff read is audited once per
 * customer and request (`readCustomer`), however many personal fields it asks for.
 */
function personal<TArgs, TResult>(read: (customer: CustomerModel, args: TArgs, context: CustomerContext) => TResult) {
  return (customer: CustomerModel, args: TArgs, context: CustomerContext): TResult => {
    requirePersonalRead(customer, context);
    return read(customer, args, context);
  };
}

/** A personal field that stays the customer's and the call center's only, whatever the consent. */
function privateToCustomer<TArgs, TResult>(read: (customer: CustomerModel, args: TArgs, context: CustomerContext) => TResult) {
  return (customer: CustomerModel, args: TArgs, context: CustomerContext): TResult => {
    requireCustomerAccess(context.principal, customer.id);
    return read(customer, args, context);
  };
}

function requirePersonalRead(customer: CustomerModel, context: CustomerContext): void {
  const { principal } = context;
  if (!readsAsStoreStaff(principal, customer.id)) {
    requireCustomerAccess(principal, customer.id);
    return;
  }
  const consented = customer.profile?.consents.personalizedOffers === true;
  context.auditRead('readCustomer', { customerId: customer.id }, !customer.profile ? 'failed' : consented ? 'succeeded' : 'forbidden');
  // A customer this subgraph does not know has no consent to read: CUSTOMER_NOT_FOUND, as for anyone.
  profileOf(customer);
  requireCustomerRead(principal, customer.id, consented);
}

/**
 * `id`, `firstName` (and other subgraphs' `reviews`) are public; `addresses` are the customer's and
 * the call center's; every other field is personal (ACCESS.md).
 */
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
    addresses: privateToCustomer((customer, _args, { loaders }) => loaders.addresses.load(profileOf(customer).id)),
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
