import type { Kysely } from 'kysely';
import { orders } from '../shared/universe-orders.js';
import { products, type SeedSize } from '../shared/universe.js';
import { bulkInsert, type ColumnTypes } from '../shared/bulk-insert.js';
import { demoCustomers } from './demo-customers.js';
import type {
  AddressesTable,
  CustomerDatabase,
  CustomersTable,
  NewOrder,
  NewOrderLine,
  OrderLinesTable,
  OrdersTable,
  SupportTicketsTable,
  WishlistItemsTable,
} from './tables.js';

export async function isCustomerStoreEmpty(db: Kysely<CustomerDatabase>): Promise<boolean> {
  const row = await db.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

const CUSTOMER_COLUMNS: ColumnTypes<CustomersTable> = {
  id: 'text',
  n: 'integer',
  first_name: 'text',
  last_name: 'text',
  email: 'text',
  phone: 'text',
  search_name: 'text',
  loyalty_tier: 'text',
  loyalty_points: 'integer',
  preferred_store_id: 'text',
  consents_email: 'integer',
  consents_sms: 'integer',
  consents_personalized: 'integer',
  consents_updated_at: 'text',
};
const ADDRESS_COLUMNS: ColumnTypes<AddressesTable> = {
  customer_id: 'text',
  position: 'integer',
  line1: 'text',
  line2: 'text',
  postal_code: 'text',
  city: 'text',
  country: 'text',
};
const ORDER_COLUMNS: ColumnTypes<OrdersTable> = {
  id: 'text',
  number: 'text',
  customer_id: 'text',
  channel: 'text',
  store_id: 'text',
  placed_at: 'text',
  status: 'text',
  fulfillment: 'text',
  total_amount: 'integer',
  currency: 'text',
};
const ORDER_LINE_COLUMNS: ColumnTypes<OrderLinesTable> = {
  order_id: 'text',
  position: 'integer',
  sku: 'text',
  product_id: 'text',
  quantity: 'integer',
  unit_price_amount: 'integer',
  currency: 'text',
};
const WISHLIST_COLUMNS: ColumnTypes<WishlistItemsTable> = { customer_id: 'text', sku: 'text', added_at: 'text' };
const TICKET_COLUMNS: ColumnTypes<SupportTicketsTable> = {
  id: 'text',
  customer_id: 'text',
  subject: 'text',
  body: 'text',
  status: 'text',
  channel: 'text',
  opened_at: 'text',
  order_id: 'text',
};

/** Writes the demo customers and their history (called inside one transaction). */
export async function seedCustomers(db: Kysely<CustomerDatabase>, size: SeedSize): Promise<void> {
  const history = orders(size);
  const demo = demoCustomers(size, products(size), history);
  const orderRows: NewOrder[] = [];
  const lineRows: NewOrderLine[] = [];
  for (const order of history) {
    orderRows.push({
      id: order.id,
      number: order.number,
      customer_id: order.customerId,
      channel: order.channel,
      store_id: order.storeId,
      placed_at: order.placedAt,
      status: order.status,
      fulfillment: order.fulfillment,
      total_amount: order.total,
      currency: order.currency,
    });
    order.lines.forEach((line, position) =>
      lineRows.push({
        order_id: order.id,
        position,
        sku: line.sku,
        product_id: line.productId,
        quantity: line.quantity,
        unit_price_amount: line.unitPrice,
        currency: order.currency,
      }),
    );
  }
  await bulkInsert(db, 'customers', CUSTOMER_COLUMNS, demo.customers);
  await bulkInsert(db, 'addresses', ADDRESS_COLUMNS, demo.addresses);
  await bulkInsert(db, 'orders', ORDER_COLUMNS, orderRows);
  await bulkInsert(db, 'order_lines', ORDER_LINE_COLUMNS, lineRows);
  await bulkInsert(db, 'wishlist_items', WISHLIST_COLUMNS, demo.wishlistItems);
  await bulkInsert(db, 'support_tickets', TICKET_COLUMNS, demo.supportTickets);
}
