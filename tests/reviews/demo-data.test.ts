import { describe, expect, it } from 'vitest';
import { generateReviews } from '../../subgraphs/reviews/seed.js';
import { SHOWCASE_CUSTOMERS, orders } from '../../subgraphs/shared/universe-orders.js';
import { customerId, productId, seedSize } from '../../subgraphs/shared/universe.js';

describe('demo reviews', () => {
  const size = seedSize(0.05);
  const rows = generateReviews(size);

  it('are generated the same way every time, as many as the size asks', () => {
    expect(rows).toHaveLength(size.reviews);
    expect(generateReviews(size)).toEqual(rows);
  });

  it('hold one review per product and customer', () => {
    expect(new Set(rows.map((r) => `${r.product_id}|${r.customer_id}`)).size).toBe(rows.length);
  });

  it('are spread unevenly: every product has some, a few have many', () => {
    const perProduct = Array.from({ length: size.products }, (_, i) => rows.filter((r) => r.product_id === productId(i + 1)).length);
    const reviewed = perProduct.filter((n) => n > 0).length;
    expect(reviewed).toBe(size.products);
    expect(Math.max(...perProduct)).toBeGreaterThan((3 * size.reviews) / size.products);
  });

  it('lean positive', () => {
    const positive = rows.filter((r) => r.rating >= 4).length;
    expect(positive / rows.length).toBeGreaterThan(0.6);
    expect(rows.some((r) => r.rating === 1)).toBe(true);
  });

  it('come about 70% from customers who bought the product before reviewing it', () => {
    const bought = new Map<string, number>();
    for (const order of orders(size)) {
      if (order.status === 'CANCELLED') continue;
      for (const line of order.lines) {
        const key = `${order.customerId}|${line.productId}`;
        bought.set(key, Math.min(bought.get(key) ?? Infinity, Date.parse(order.placedAt)));
      }
    }
    const verified = rows.filter((r) => (bought.get(`${r.customer_id}|${r.product_id}`) ?? Infinity) < Date.parse(r.created_at));
    expect(verified.length / rows.length).toBeGreaterThan(0.65);
    expect(verified.length / rows.length).toBeLessThan(0.8);
  });

  it('give every showcase customer at least one review, and are never dated in the future of the demo', () => {
    for (let c = 1; c <= SHOWCASE_CUSTOMERS; c++) expect(rows.some((r) => r.customer_id === customerId(c))).toBe(true);
    expect(rows.every((r) => r.created_at <= '2026-01-01T00:00:00.000Z')).toBe(true);
  });
});
