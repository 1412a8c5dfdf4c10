/**
 * The customer subgraph's consumer of sales: every sale that names a customer joins that customer's
 * order history. Delivery is at least once (EVENTS.md); recordSaleOrder makes it exactly once in effect.
 */
import type { Kysely } from 'kysely';
import { SALE_RECORDED_TOPIC } from '../inventory/stock-events.js';
import type { SubgraphServices } from '../shared/subgraph-server.js';
import { recordSaleOrder } from './commands/record-sale-order.js';
import type { CustomerDatabase } from './tables.js';

/** The worker group of every customer process: each sale is handled by one of them. */
export const SALE_ORDERS_GROUP = 'customer-orders';

/** Starts consuming sales; resolves to the function that stops it. */
export async function startStoreSales(db: Kysely<CustomerDatabase>, services: SubgraphServices): Promise<() => Promise<void>> {
  return services.events.onWork(SALE_RECORDED_TOPIC, SALE_ORDERS_GROUP, async (message) => {
    const outcome = await recordSaleOrder(db, message);
    // A skipped event is acknowledged all the same: it would be skipped again on every redelivery.
    if (outcome.reason !== undefined) {
      console.error(`customer: sale ${saleIdOf(message)} made no order (${outcome.code}): ${outcome.reason}`);
    }
  });
}

const saleIdOf = (message: unknown) => {
  const saleId = typeof message === 'object' && message !== null ? (message as { saleId?: unknown }).saleId : undefined;
  return typeof saleId === 'string' ? JSON.stringify(saleId.slice(0, 100)) : '(no readable sale id)';
};
