/** One terminal line per stock change, and money shown from integer minor units. */
import type { EventError, StockChangedEvent } from './resumable-stock-watch.js';

/** Digits after the decimal point of a currency (EUR 2, JPY 0), as ISO 4217 and Intl know them. */
function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** `1999, EUR` → `19.99 EUR`, in integers only: money never goes through a float. */
export function formatMoney(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return `${amount} ${currency}`;
  const unit = 10 ** digits;
  const sign = amount < 0 ? '-' : '';
  const magnitude = Math.abs(amount);
  return `${sign}${Math.floor(magnitude / unit)}.${String(magnitude % unit).padStart(digits, '0')} ${currency}`;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** e.g. `#301124  08:01:02  SALE          -2  available 13   Store Paris Bastille  Urban Jeans 42 (SKU-00042-1)  59.99 EUR` */
export function formatStockEvent(change: StockChangedEvent, errors?: readonly EventError[]): string {
  const time = new Date(change.at).toTimeString().slice(0, 8);
  const location = change.location?.name ?? change.location?.id ?? '?';
  const sku = change.variant?.sku ?? '?';
  const product = change.variant?.product?.name ?? '(product unknown)';
  const price = change.variant?.effectivePrice ? formatMoney(change.variant.effectivePrice.amount, change.variant.effectivePrice.currency) : 'price unknown';
  const partial = errors?.length
    ? `  [partial: ${errors.map((e) => `${String(e.extensions?.code ?? 'ERROR')}${e.path ? ` at ${e.path.join('.')}` : ''}`).join(', ')}]`
    : '';
  return (
    `#${change.sequence}  ${time}  ${change.reason.padEnd(11)} ${signed(change.delta).padStart(4)}  ` +
    `available ${String(change.available).padEnd(4)}  ${location.padEnd(24)}  ${product} (${sku})  ${price}${partial}`
  );
}
