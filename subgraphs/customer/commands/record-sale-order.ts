import type { Kysely } from 'kysely';
import { planSaleOrder, SALE_ORDER_OUTCOME, type SaleOrderOutcome } from '../domain/sale-orders.js';
import { findCustomersByIds } from '../repository/customers.js';
import { insertOrderOnce } from '../repository/orders.js';
import type { CustomerDatabase } from '../tables.js';

/**
 * Turns a sale event into an order of the customer's history, once however often it is delivered.
 * Resolves with what happened; rejects only on a fault worth retrying (the database), since a
 * skipped event would be skipped again on every redelivery.
 */
export async function recordSaleOrder(db: Kysely<CustomerDatabase>, message: unknown): Promise<SaleOrderOutcome> {
  const plan = planSaleOrder(message);
  if (!plan.ok) return plan.outcome;
  const { order, lines } = plan.value;
  return db.transaction().execute(async (trx) => {
    // Customers exist only through this subgraph. A sale naming an id it does not know (a typo at
    // the till, a customer from another system) must not start the history of a customer with no
    // profile: nobody could see or fix it, and the orders' customer reference would be dangling.
    // The sale itself stands in the inventory's ledger; only its place in a history is skipped.
    const [customer] = await findCustomersByIds(trx, [order.customerId]);
    if (!customer) {
      return { code: SALE_ORDER_OUTCOME.UNKNOWN_CUSTOMER, reason: `customer ${order.customerId} is not known here` };
    }
    const written = await insertOrderOnce(trx, order, lines);
    return { code: written ? SALE_ORDER_OUTCOME.RECORDED : SALE_ORDER_OUTCOME.ALREADY_RECORDED, orderId: order.id };
  });
}
