/**
 * What the resolvers of each type receive (the codegen mappers). Plain data, already mapped from
 * rows: resolvers never see column names.
 */
import type { ChannelName } from '../shared/universe.js';
import type { LoyaltyTierName } from './domain/loyalty.js';
import type { TicketStatusName } from './domain/support-tickets.js';

export interface MoneyModel {
  amount: number;
  currency: string;
}

export interface CustomerProfile {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  loyalty: { tier: LoyaltyTierName; points: number };
  preferredStoreId: string | null;
  consents: { email: boolean; sms: boolean; personalizedOffers: boolean; updatedAt: string };
}

/**
 * A customer as the graph sees it. `profile` is null only for a customer that other subgraphs
 * refer to but this one does not know (a reservation made for an unknown id): the reference keeps
 * its id, so fields served by other subgraphs still resolve, and its profile fields fail with
 * CUSTOMER_NOT_FOUND instead of inventing data.
 */
export interface CustomerModel {
  id: string;
  profile: CustomerProfile | null;
}

export type OrderStatusName = 'PLACED' | 'READY_FOR_PICKUP' | 'SHIPPED' | 'COMPLETED' | 'CANCELLED' | 'RETURNED';
export type FulfillmentName = 'DELIVERY' | 'PICKUP' | 'IN_STORE';

export interface OrderModel {
  id: string;
  number: string;
  customerId: string;
  channel: ChannelName;
  storeId: string | null;
  placedAt: string;
  status: OrderStatusName;
  fulfillment: FulfillmentName;
  total: MoneyModel;
}

export interface OrderLineModel {
  sku: string;
  productId: string;
  quantity: number;
  unitPrice: MoneyModel;
}

export interface OrderEdgeModel {
  cursor: string;
  node: OrderModel;
}

/** One page of a customer's orders; `totalCount` is loaded only when asked for. */
export interface OrderConnectionModel {
  customerId: string;
  edges: OrderEdgeModel[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface WishlistItemModel {
  customerId: string;
  sku: string;
  addedAt: string;
}

export interface SupportTicketModel {
  id: string;
  customerId: string;
  subject: string;
  body: string;
  status: TicketStatusName;
  channel: ChannelName;
  openedAt: string;
  orderId: string | null;
}

/** A Reservation as the gateway hands it over: its key and the `customerId` it @requires. */
export interface ReservationRepresentation {
  id: string;
  customerId: string;
}

/** A Review as the gateway hands it over: its key and the `author { id } product { id }` it @requires. */
export interface ReviewRepresentation {
  id: string;
  author?: { id: string } | null;
  product?: { id: string } | null;
}
