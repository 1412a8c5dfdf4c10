/**
 * How a sale recorded by the inventory (SaleRecordedEvent, subgraphs/inventory/stock-events.ts)
 * becomes an order of the customer's history. Pure rules: no database, no transport.
 */
import { z } from 'zod';
import { CHANNELS, productId } from '../../shared/universe.js';
import type { OrderLineModel, OrderModel } from '../models.js';

/** Why a sale event made no order, or that it did; stable codes for logs and tests. */
export const SALE_ORDER_OUTCOME = {
  RECORDED: 'RECORDED',
  /** A redelivery of a sale already in the history: nothing written (the id is the sale's). */
  ALREADY_RECORDED: 'ALREADY_RECORDED',
  MALFORMED_EVENT: 'MALFORMED_EVENT',
  /** An order is in one currency; lines in several cannot make one total. */
  MIXED_CURRENCIES: 'MIXED_CURRENCIES',
  UNKNOWN_CUSTOMER: 'UNKNOWN_CUSTOMER',
} as const;

export type SaleOrderOutcomeCode = (typeof SALE_ORDER_OUTCOME)[keyof typeof SALE_ORDER_OUTCOME];

export interface SaleOrderOutcome {
  code: SaleOrderOutcomeCode;
  /** The order written (or already there); absent when the event was skipped. */
  orderId?: string;
  /** Why it was skipped, for the log. */
  reason?: string;
}

/** The largest amount an integer column holds on PostgreSQL: a total beyond it could never be stored. */
const MAX_AMOUNT = 2_147_483_647;

/**
 * The catalog's sku scheme, `SKU-<product number>-<variant number>` (universe.ts `skuOf`). The order
 * line must keep its product: reviews' verified purchases ask this subgraph "did this customer buy
 * this product", and a subgraph never reads another's tables nor should an event consumer call the
 * catalog for every sale. The catalog mints both ids from the same product number (`productId`), so
 * the product follows from the sku; a sku outside the scheme is not one the inventory stocks.
 */
const CATALOG_SKU = /^SKU-(\d{1,9})-\d{1,4}$/;

/** The product of a catalog sku, or null when the sku does not follow the catalog's scheme. */
export function productIdOfSku(sku: string): string | null {
  const match = CATALOG_SKU.exec(sku);
  return match ? productId(Number(match[1])) : null;
}

const saleRecordedEvent = z.object({
  // The inventory's sale id is `sale-<first ledger sequence>` (EVENTS.md); the order number derives
  // from that sequence, so "sale-07" beside "sale-7" would make two orders with one number.
  saleId: z.string().regex(/^sale-[1-9]\d{0,14}$/, 'expected sale-<ledger sequence>'),
  customerId: z.string().min(1).max(200),
  locationId: z.string().min(1).max(200),
  channel: z.enum(CHANNELS),
  at: z.string().datetime({ offset: true }),
  lines: z
    .array(
      z.object({
        sku: z.string().regex(CATALOG_SKU, 'expected a catalog sku (SKU-<product>-<variant>)'),
        quantity: z.number().int().min(1).max(10_000),
        unitPrice: z.object({
          amount: z.number().int().min(0).max(MAX_AMOUNT),
          currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code'),
        }),
      }),
    )
    .min(1)
    .max(100),
});

export interface SaleOrder {
  order: OrderModel;
  lines: OrderLineModel[];
}

export type SaleOrderPlan = { ok: true; value: SaleOrder } | { ok: false; outcome: SaleOrderOutcome };

const skipped = (code: SaleOrderOutcomeCode, reason: string): SaleOrderPlan => ({ ok: false, outcome: { code, reason } });

/** The order id of a sale: the same on every delivery of its event, which is what makes writing it once possible. */
export const orderIdOfSale = (saleId: string) => `ord-${saleId}`;

/**
 * Receipt number of a till sale: `S` and the sale's ledger sequence. Seeded orders are numbered
 * `R<digits>`, so the two never meet, and two sales never share a sequence.
 */
export const orderNumberOfSale = (saleId: string) => `S${saleId.slice('sale-'.length).padStart(7, '0')}`;

/** Checks a sale event and derives its order, or says why it cannot make one. */
export function planSaleOrder(message: unknown): SaleOrderPlan {
  const parsed = saleRecordedEvent.safeParse(message);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return skipped(SALE_ORDER_OUTCOME.MALFORMED_EVENT, `${issue.path.join('.') || 'event'}: ${issue.message}`);
  }
  const sale = parsed.data;
  const currencies = [...new Set(sale.lines.map((line) => line.unitPrice.currency))];
  if (currencies.length > 1) return skipped(SALE_ORDER_OUTCOME.MIXED_CURRENCIES, `lines in ${currencies.join(', ')}`);
  const total = sale.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice.amount, 0);
  if (total > MAX_AMOUNT) return skipped(SALE_ORDER_OUTCOME.MALFORMED_EVENT, `total ${total} is beyond ${MAX_AMOUNT}`);

  const id = orderIdOfSale(sale.saleId);
  const inStore = sale.channel === 'STORE';
  return {
    ok: true,
    value: {
      order: {
        id,
        number: orderNumberOfSale(sale.saleId),
        customerId: sale.customerId,
        channel: sale.channel,
        // A till sale is paid and taken at once, as the seeded in-store purchases (universe-orders.ts).
        // A sale through another channel means the goods left the location for the customer: shipped.
        storeId: inStore ? sale.locationId : null,
        placedAt: new Date(sale.at).toISOString(),
        status: inStore ? 'COMPLETED' : 'SHIPPED',
        fulfillment: inStore ? 'IN_STORE' : 'DELIVERY',
        total: { amount: total, currency: currencies[0]! },
      },
      lines: sale.lines.map((line) => ({
        sku: line.sku,
        productId: productIdOfSku(line.sku)!,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
      })),
    },
  };
}
