/**
 * The demo retailer's order history, derived deterministically like the rest of the universe.
 * The customer subgraph stores it; reviews uses it to let buyers review what they bought.
 */
import {
  CHANNELS,
  CURRENCY,
  createRandom,
  customerId,
  isoDaysBefore,
  locations,
  products,
  type ChannelName,
  type SeedSize,
} from './universe.js';

export interface OrderLineSeed {
  sku: string;
  productId: string;
  quantity: number;
  /** Price paid per unit, minor units. */
  unitPrice: number;
}

export interface OrderSeed {
  id: string;
  number: string;
  customerId: string;
  channel: ChannelName;
  storeId: string | null;
  placedAt: string;
  status: 'PLACED' | 'READY_FOR_PICKUP' | 'SHIPPED' | 'COMPLETED' | 'CANCELLED' | 'RETURNED';
  fulfillment: 'DELIVERY' | 'PICKUP' | 'IN_STORE';
  currency: string;
  lines: OrderLineSeed[];
  /** Sum of quantity x unitPrice. */
  total: number;
}

/** Customers whose history is guaranteed to span every channel (handy for demos and tests). */
export const SHOWCASE_CUSTOMERS = 10;

export function orders(size: SeedSize): OrderSeed[] {
  const r = createRandom(7);
  const catalog = products(size);
  const stores = locations().filter((l) => l.kind === 'STORE');
  const result: OrderSeed[] = [];
  for (let c = 1; c <= size.customers; c++) {
    const count = c <= SHOWCASE_CUSTOMERS ? CHANNELS.length + 1 : r.int(1, 7);
    for (let k = 0; k < count; k++) {
      const channel: ChannelName = c <= SHOWCASE_CUSTOMERS ? CHANNELS[k % CHANNELS.length]! : r.pick(CHANNELS);
      const fulfillment =
        channel === 'STORE' ? 'IN_STORE' : channel === 'MARKETPLACE' ? 'DELIVERY' : r.chance(0.3) ? 'PICKUP' : 'DELIVERY';
      const daysAgo = r.int(k === 0 ? 0 : 1, 700);
      const lines: OrderLineSeed[] = [];
      const lineCount = r.int(1, 4);
      for (let l = 0; l < lineCount; l++) {
        const product = r.pick(catalog);
        const variant = r.pick(product.variants);
        if (lines.some((line) => line.sku === variant.sku)) continue;
        const discounted = r.chance(0.2);
        lines.push({
          sku: variant.sku,
          productId: product.id,
          quantity: r.int(1, 3),
          unitPrice: discounted ? Math.round(variant.price * 0.8) : variant.price,
        });
      }
      const status =
        daysAgo < 3
          ? fulfillment === 'PICKUP'
            ? 'READY_FOR_PICKUP'
            : fulfillment === 'IN_STORE'
              ? 'COMPLETED'
              : 'PLACED'
          : daysAgo < 7 && fulfillment === 'DELIVERY'
            ? 'SHIPPED'
            : r.chance(0.04)
              ? 'RETURNED'
              : r.chance(0.03)
                ? 'CANCELLED'
                : 'COMPLETED';
      const seq = result.length + 1;
      result.push({
        id: `ord-${String(seq).padStart(7, '0')}`,
        number: `R${String(100000 + seq)}`,
        customerId: customerId(c),
        channel,
        storeId: fulfillment === 'DELIVERY' ? null : r.pick(stores).id,
        placedAt: isoDaysBefore(daysAgo, r),
        status,
        fulfillment,
        currency: CURRENCY,
        lines,
        total: lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0),
      });
    }
  }
  return result;
}
