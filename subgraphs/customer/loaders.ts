import DataLoader from 'dataloader';
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

const byId = <T extends { id: string }>(keys: readonly string[], items: readonly T[]) => {
  const found = new Map(items.map((item) => [item.id, item]));
  return keys.map((key) => found.get(key) ?? null);
};

const grouped = <T>(keys: readonly string[], groups: Map<string, T[]>) => keys.map((key) => groups.get(key) ?? []);

export function createCustomerLoaders(db: Kysely<CustomerDatabase>): CustomerLoaders {
  const orderPages = new Map<string, DataLoader<string, OrderModel[]>>();
  return {
    customer: new DataLoader(async (ids) => byId(ids, await findCustomersByIds(db, ids))),
    addresses: new DataLoader(async (ids) => grouped(ids, await findAddressesByCustomerIds(db, ids))),
    order: new DataLoader(async (ids) => byId(ids, await findOrdersByIds(db, ids))),
    orderLines: new DataLoader(async (ids) => grouped(ids, await findOrderLinesByOrderIds(db, ids))),
    orderCount: new DataLoader(async (ids) => {
      const counts = await countOrdersByCustomerIds(db, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    orderPage(limit, after) {
      const key = JSON.stringify([limit, after?.placedAt ?? null, after?.id ?? null]);
      let loader = orderPages.get(key);
      if (!loader) {
        loader = new DataLoader(async (ids) => grouped(ids, await findOrderPages(db, ids, limit, after)));
        orderPages.set(key, loader);
      }
      return loader;
    },
    wishlist: new DataLoader(async (ids) => grouped(ids, await findWishlistsByCustomerIds(db, ids))),
    supportTicket: new DataLoader(async (ids) => byId(ids, await findSupportTicketsByIds(db, ids))),
    supportTickets: new DataLoader(async (ids) => grouped(ids, await findSupportTicketsByCustomerIds(db, ids))),
    purchased: new DataLoader(
      async (pairs) => {
        const purchases = await findPurchases(db, pairs);
        return pairs.map((pair) => purchases.has(purchaseKey(pair)));
      },
      { cacheKeyFn: purchaseKey },
    ),
  };
}
