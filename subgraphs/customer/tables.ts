/**
 * The customer subgraph's tables. Portable between SQLite and PostgreSQL: booleans are integer
 * 0/1, timestamps ISO-8601 text, money integer minor units beside a currency code, ids text.
 */
import type { Insertable, Selectable } from 'kysely';

export interface CustomersTable {
  id: string;
  /** Customer number: the order customers joined in, and the stable order of search results. */
  n: number;
  first_name: string;
  last_name: string;
  /** Unique; stored lower-case. */
  email: string;
  /** E.164, e.g. +33612345678; null when unknown. */
  phone: string | null;
  /** Lower-case, accent-free "first last", so that name search behaves the same on both engines. */
  search_name: string;
  loyalty_tier: string;
  loyalty_points: number;
  /** A Location id of the inventory subgraph (a reference, never joined). */
  preferred_store_id: string | null;
  consents_email: number;
  consents_sms: number;
  consents_personalized: number;
  consents_updated_at: string;
}

export interface AddressesTable {
  customer_id: string;
  /** 0 is the default address. */
  position: number;
  line1: string;
  line2: string | null;
  postal_code: string;
  city: string;
  country: string;
}

export interface OrdersTable {
  id: string;
  number: string;
  customer_id: string;
  channel: string;
  /** A Location id (till or pickup store); null for deliveries. */
  store_id: string | null;
  placed_at: string;
  status: string;
  fulfillment: string;
  total_amount: number;
  currency: string;
}

export interface OrderLinesTable {
  order_id: string;
  position: number;
  sku: string;
  /** The variant's product, copied at order time so verified purchases need no other subgraph. */
  product_id: string;
  quantity: number;
  unit_price_amount: number;
  currency: string;
}

export interface WishlistItemsTable {
  customer_id: string;
  sku: string;
  added_at: string;
}

export interface SupportTicketsTable {
  id: string;
  customer_id: string;
  subject: string;
  body: string;
  status: string;
  channel: string;
  opened_at: string;
  order_id: string | null;
}

export interface CustomerDatabase {
  customers: CustomersTable;
  addresses: AddressesTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  wishlist_items: WishlistItemsTable;
  support_tickets: SupportTicketsTable;
}

export type CustomerRow = Selectable<CustomersTable>;
export type AddressRow = Selectable<AddressesTable>;
export type OrderRow = Selectable<OrdersTable>;
export type OrderLineRow = Selectable<OrderLinesTable>;
export type WishlistItemRow = Selectable<WishlistItemsTable>;
export type SupportTicketRow = Selectable<SupportTicketsTable>;

export type NewCustomer = Insertable<CustomersTable>;
export type NewAddress = Insertable<AddressesTable>;
export type NewOrder = Insertable<OrdersTable>;
export type NewOrderLine = Insertable<OrderLinesTable>;
export type NewWishlistItem = Insertable<WishlistItemsTable>;
export type NewSupportTicket = Insertable<SupportTicketsTable>;
