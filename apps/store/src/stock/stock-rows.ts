/**
 * The store's stock as the table shows it: one row per sku, filled from pages of the store's levels
 * and kept current by stock and price events. Pure: no React, no network (live-stock.tsx wires it).
 */
/** The inventory's availability bucket of a level (StockLevel.status, StockChange.status). */
export type AvailabilityStatus = 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';

export interface Money {
  amount: number;
  currency: string;
}

export interface StockRow {
  sku: string;
  barcode: string;
  name: string;
  productName: string;
  onHand: number;
  reserved: number;
  available: number;
  status: AvailabilityStatus;
  /** The level's version: an event at or below it is already in the row. */
  version: number;
  price: Money | null;
  /** How many changes arrived live (restarts the row's highlight). */
  changes: number;
  /** Direction of the last live change of `available`. */
  trend: 'up' | 'down' | 'same';
  /** Product, variant, sku and barcode folded once for search. */
  searchText: string;
  /** When the last live change arrived (ms since the epoch; 0: none since the page opened). */
  changedAt: number;
}

export interface LevelNode {
  onHand: number;
  reserved: number;
  available: number;
  status: AvailabilityStatus;
  version: number;
  variant: { sku: string; barcode: string; name: string; product: { name: string } | null; effectivePrice: Money | null } | null;
}

export interface StockEvent {
  sequence: number;
  version: number;
  onHand: number;
  reserved: number;
  available: number;
  status: AvailabilityStatus;
  variant: { sku: string } | null;
}

export function rowOfLevel(level: LevelNode): StockRow | undefined {
  const variant = level.variant;
  if (!variant) return undefined;
  return {
    sku: variant.sku,
    barcode: variant.barcode,
    name: variant.name,
    productName: variant.product?.name ?? '',
    onHand: level.onHand,
    reserved: level.reserved,
    available: level.available,
    status: level.status,
    version: level.version,
    price: variant.effectivePrice,
    changes: 0,
    trend: 'same',
    changedAt: 0,
    searchText: fold(`${variant.product?.name ?? ''} ${variant.name} ${variant.sku} ${variant.barcode}`),
  };
}

/** Applies a stock event; returns whether the row changed (false: already in it, or unknown sku). */
export function applyStockEvent(rows: Map<string, StockRow>, event: StockEvent, now = Date.now()): boolean {
  const sku = event.variant?.sku;
  const row = sku === undefined ? undefined : rows.get(sku);
  if (!row || event.version <= row.version) return false;
  rows.set(row.sku, {
    ...row,
    onHand: event.onHand,
    reserved: event.reserved,
    available: event.available,
    status: event.status,
    version: event.version,
    changes: row.changes + 1,
    trend: event.available > row.available ? 'up' : event.available < row.available ? 'down' : 'same',
    changedAt: now,
  });
  return true;
}

export function applyPrice(rows: Map<string, StockRow>, sku: string, price: Money, now = Date.now()): boolean {
  const row = rows.get(sku);
  if (!row || (row.price?.amount === price.amount && row.price.currency === price.currency)) return false;
  rows.set(sku, { ...row, price, changes: row.changes + 1, trend: 'same', changedAt: now });
  return true;
}

/** Lower case without accents, so "cafe" finds "Café". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Natural order ("Jacket 2" before "Jacket 10"), and much faster than localeCompare on thousands of rows. */
const COLLATOR = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export type SortKey = 'productName' | 'sku' | 'onHand' | 'reserved' | 'available' | 'price' | 'changedAt';

/** The rows matching `search` (every word), sorted; `changedAt` sorts the latest change first whatever `descending` says. */
export function visibleRows(rows: Iterable<StockRow>, search: string, sort: SortKey, descending: boolean): StockRow[] {
  const words = fold(search).split(/\s+/).filter(Boolean);
  const matching = words.length ? Array.from(rows).filter((row) => words.every((word) => row.searchText.includes(word))) : Array.from(rows);
  if (sort === 'changedAt') {
    return matching.sort((a, b) => b.changedAt - a.changedAt || COLLATOR.compare(a.productName, b.productName) || COLLATOR.compare(a.sku, b.sku));
  }
  const value = (row: StockRow): string | number => (sort === 'price' ? (row.price?.amount ?? -1) : row[sort]);
  matching.sort((a, b) => {
    const left = value(a);
    const right = value(b);
    const order = typeof left === 'number' && typeof right === 'number' ? left - right : COLLATOR.compare(String(left), String(right));
    return (descending ? -order : order) || COLLATOR.compare(a.sku, b.sku);
  });
  return matching;
}
