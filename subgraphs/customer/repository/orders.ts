import { sql, type Kysely } from 'kysely';
import type { ChannelName } from '../../shared/universe.js';
import type { OrderPosition } from '../domain/pagination.js';
import type { FulfillmentName, OrderLineModel, OrderModel, OrderStatusName } from '../models.js';
import type { CustomerDatabase, NewOrder, NewOrderLine, OrderLineRow, OrderRow } from '../tables.js';
import { groupBy } from '../../shared/group-by.js';

export function toOrder(row: OrderRow): OrderModel {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    channel: row.channel as ChannelName,
    storeId: row.store_id,
    placedAt: row.placed_at,
    status: row.status as OrderStatusName,
    fulfillment: row.fulfillment as FulfillmentName,
    total: { amount: row.total_amount, currency: row.currency },
  };
}

function toOrderLine(row: OrderLineRow): OrderLineModel {
  return {
    sku: row.sku,
    productId: row.product_id,
    quantity: row.quantity,
    unitPrice: { amount: row.unit_price_amount, currency: row.currency },
  };
}

export async function findOrdersByIds(db: Kysely<CustomerDatabase>, ids: readonly string[]): Promise<OrderModel[]> {
  const rows = await db.selectFrom('orders').selectAll().where('id', 'in', ids).execute();
  return rows.map(toOrder);
}

/**
 * The first `limit` orders of each customer, newest first, strictly after `after` when given:
 * one statement for any number of customers (a window function, SQLite >= 3.25 and PostgreSQL).
 */
export async function findOrderPages(
  db: Kysely<CustomerDatabase>,
  customerIds: readonly string[],
  limit: number,
  after: OrderPosition | null,
): Promise<Map<string, OrderModel[]>> {
  if (limit === 0) return new Map();
  const ranked = db
    .selectFrom('orders')
    .selectAll()
    .select(sql<number>`row_number() over (partition by customer_id order by placed_at desc, id desc)`.as('rn'))
    .where('customer_id', 'in', customerIds)
    .$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('placed_at', '<', after!.placedAt),
          eb.and([eb('placed_at', '=', after!.placedAt), eb('id', '<', after!.id)]),
        ]),
      ),
    );
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where('rn', '<=', limit)
    .orderBy('customer_id')
    .orderBy('rn')
    .execute();
  return groupBy(rows, (row) => row.customer_id, toOrder);
}

export async function countOrdersByCustomerIds(
  db: Kysely<CustomerDatabase>,
  customerIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('orders')
    .select(['customer_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('customer_id', 'in', customerIds)
    .groupBy('customer_id')
    .execute();
  return new Map(rows.map((row) => [row.customer_id, Number(row.count)]));
}

/** Each order's lines, in the order they were entered. */
export async function findOrderLinesByOrderIds(
  db: Kysely<CustomerDatabase>,
  orderIds: readonly string[],
): Promise<Map<string, OrderLineModel[]>> {
  const rows = await db
    .selectFrom('order_lines')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .orderBy('order_id')
    .orderBy('position')
    .execute();
  return groupBy(rows, (row) => row.order_id, toOrderLine);
}

export interface Purchase {
  customerId: string;
  productId: string;
}

/**
 * Which of the (customer, product) pairs are purchases: the customer has an order that is not
 * CANCELLED with a line of the product (any variant, any channel). One statement for all pairs.
 */
export async function findPurchases(db: Kysely<CustomerDatabase>, pairs: readonly Purchase[]): Promise<Set<string>> {
  const customerIds = [...new Set(pairs.map((p) => p.customerId))];
  const productIds = [...new Set(pairs.map((p) => p.productId))];
  const rows = await db
    .selectFrom('orders as o')
    .innerJoin('order_lines as l', 'l.order_id', 'o.id')
    .select(['o.customer_id', 'l.product_id'])
    .distinct()
    .where('o.customer_id', 'in', customerIds)
    .where('l.product_id', 'in', productIds)
    .where('o.status', '<>', 'CANCELLED')
    .execute();
  return new Set(rows.map((row) => purchaseKey({ customerId: row.customer_id, productId: row.product_id })));
}

export const purchaseKey = (purchase: Purchase) => JSON.stringify([purchase.customerId, purchase.productId]);

function toOrderRow(order: OrderModel): NewOrder {
  return {
    id: order.id,
    number: order.number,
    customer_id: order.customerId,
    channel: order.channel,
    store_id: order.storeId,
    placed_at: order.placedAt,
    status: order.status,
    fulfillment: order.fulfillment,
    total_amount: order.total.amount,
    currency: order.total.currency,
  };
}

function toOrderLineRow(orderId: string, line: OrderLineModel, position: number): NewOrderLine {
  return {
    order_id: orderId,
    position,
    sku: line.sku,
    product_id: line.productId,
    quantity: line.quantity,
    unit_price_amount: line.unitPrice.amount,
    currency: line.unitPrice.currency,
  };
}

/**
 * Writes an order and its lines, unless an order with its id is already there (ON CONFLICT (id) DO
 * NOTHING: concurrent or repeated writes of one order leave exactly one). Run it in a transaction,
 * so that an order never exists without its lines. Resolves to false when the order was there.
 */
export async function insertOrderOnce(db: Kysely<CustomerDatabase>, order: OrderModel, lines: readonly OrderLineModel[]): Promise<boolean> {
  const inserted = await db
    .insertInto('orders')
    .values(toOrderRow(order))
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  if (lines.length > 0) await db.insertInto('order_lines').values(lines.map((line, i) => toOrderLineRow(order.id, line, i))).execute();
  return true;
}
