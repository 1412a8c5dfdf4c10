/**
 * Money rules of promotions (see MONEY.md): integer minor units, a percentage discount rounded half
 * up to the minor unit, an amount discount only in its own currency, the best single discount
 * (never stacked), and never a price below zero.
 */
import type { DiscountRule, Money } from './models.js';

/** `percent`% of `amount` minor units, rounded half up to the minor unit (amount >= 0). */
export function percentOfHalfUp(amount: number, percent: number): number {
  return Math.floor((amount * percent + 50) / 100);
}

/** Whether `rule` can reduce a price in `currency`: a percentage always, an amount only in its own currency. */
export function appliesInCurrency(currency: string, rule: DiscountRule): boolean {
  return rule.percentOff !== null || (rule.amountOff !== null && rule.currency === currency);
}

/** What `rule` takes off `price`, in minor units of the price's currency; 0 when it cannot apply. */
export function discountOn(price: Money, rule: DiscountRule): number {
  const listed = Math.max(0, price.amount);
  if (rule.percentOff !== null) return Math.min(listed, percentOfHalfUp(listed, rule.percentOff));
  if (rule.amountOff !== null && appliesInCurrency(price.currency, rule)) return Math.min(listed, rule.amountOff);
  return 0;
}

/**
 * Orders promotions best discount first on `price`; ties by id so the order is stable.
 * Without a price (a caller that did not send it) percentages come first, larger first, then amounts.
 */
export function rankByDiscount<T extends DiscountRule & { id: string }>(price: Money | null, promotions: readonly T[]): T[] {
  const byId = (a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (price) {
    const scored = promotions.map((p) => ({ p, off: discountOn(price, p) }));
    return scored.sort((a, b) => b.off - a.off || byId(a.p, b.p)).map((s) => s.p);
  }
  const key = (p: T) => [p.percentOff ?? -1, p.amountOff ?? -1] as const;
  return [...promotions].sort((a, b) => {
    const [ap, aa] = key(a);
    const [bp, ba] = key(b);
    return bp - ap || ba - aa || byId(a, b);
  });
}

/** The list price minus the best single applicable discount, never below zero. */
export function effectivePrice(price: Money, promotions: readonly DiscountRule[]): Money {
  const best = promotions.reduce((max, p) => Math.max(max, discountOn(price, p)), 0);
  return { amount: Math.max(0, price.amount - best), currency: price.currency };
}
