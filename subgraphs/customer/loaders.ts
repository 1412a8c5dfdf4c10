import DataLoader from 'dataloader';
import { loaderPerArguments, oneByKey, valueByKey } from '../shared/loaders.js';
import type { Kysely } from 'kysely';
import type { OrderPosition } from './domain/pagination.js';
import type { CustomerProfile, OrderLineModel, OrderModel, SupportTicketModel, WishlistItemModel } from './models.js';
import { findAddressesByCustomerIds, findCustomersByIds, type AddressModel } from './repository/customers.js';
import {
  countOrdersByCustomerIds,
  findOrderLinesByOrderIds,
  findOrderPages,
  findOrdersByIds,
  findPurchases,
  purchaseKey,
  type Purchase,
} from './repository/orders.js';
import { findSupportTicketsByCustomerIds, findSupportTicketsByIds } from './repository/support-tickets.js';
import { findWishlistsByCustomerIds } from './repository/wishlist.js';
import type { CustomerDatabase } from './tables.js';

/** Per-request DataLoaders: every load by key of this subgraph goes through one of them. */
export interface CustomerLoaders {
  customer: DataLoader<string, CustomerProfile | null>;
  addresses: DataLoader<string, AddressModel[]>;
  order: DataLoader<string, OrderModel | null>;
  orderLines: DataLoader<string, OrderLineModel[]>;
  orderCount: DataLoader<string, number>;
  /** The first `limit` orders of customers after a position: one loader (one statement) per argument set. */
  orderPage(limit: number, after: OrderPosition | null): DataLoader<string, OrderModel[]>;
  wishlist: DataLoader<string, WishlistItemModel[]>;
  supportTicket: DataLoader<string, SupportTicketModel | null>;
  supportTickets: DataLoader<string, SupportTicketModel[]>;
  purchased: DataLoader<Purchase, boolean, string>;
}

type OrderPageArguments = { limit: number; after: OrderPosition | null };

export function createCustomerLoaders(db: Kysely<CustomerDatabase>): CustomerLoaders {
  const none = () => [];
  const orderPage = loaderPerArguments(
    ({ limit, after }: OrderPageArguments) => JSON.stringify([limit, after?.placedAt ?? null, after?.id ?? null]),
    ({ limit, after }) => valueByKey((ids) => findOrderPages(db, ids, limit, after), none),
  );
  return {
    customer: oneByKey((ids) => findCustomersByIds(db, ids), (c) => c.id),
    addresses: valueByKey((ids) => findAddressesByCustomerIds(db, ids), none),
    order: oneByKey((ids) => findOrdersByIds(db, ids), (o) => o.id),
    orderLines: valueByKey((ids) => findOrderLinesByOrderIds(db, ids), none),
    orderCount: valueByKey((ids) => countOrdersByCustomerIds(db, ids), () => 0),
    orderPage: (limit, after) => orderPage({ limit, after }),
    wishlist: valueByKey((ids) => findWishlistsByCustomerIds(db, ids), none),
    supportTicket: oneByKey((ids) => findSupportTicketsByIds(db, ids), (t) => t.id),
    supportTickets: valueByKey((ids) => findSupportTicketsByCustomerIds(db, ids), none),
    purchased: new DataLoader(
      async (pairs) => {
        const purchases = await findPurchases(db, pairs);
        return pairs.map((pair) => purchases.has(purchaseKey(pair)));
      },
      { cacheKeyFn: purchaseKey },
    ),
  };
}
