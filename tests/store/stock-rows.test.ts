/** The store table's rows: events apply once and in version order; search and sort as a person expects. */
import { describe, expect, it } from 'vitest';
import { applyPrice, applyStockEvent, rowOfLevel, visibleRows, type LevelNode, type StockRow } from '../../apps/store/src/stock/stock-rows.js';

const level = (sku: string, product: string, available: number, version = 1): LevelNode => ({
  onHand: available,
  reserved: 0,
  available,
  status: available > 5 ? 'IN_STOCK' : available > 0 ? 'LOW_STOCK' : 'OUT_OF_STOCK',
  version,
  variant: { sku, barcode: `300${sku.replace(/\D/g, '')}`, name: `${product} – black`, product: { name: product }, effectivePrice: { amount: 1000, currency: 'EUR' } },
});

function table(...levels: LevelNode[]): Map<string, StockRow> {
  return new Map(levels.map((node) => rowOfLevel(node)!).map((row) => [row.sku, row]));
}

describe('store stock rows', () => {
  it('applies a stock event newer than the row, once, and ignores older or repeated ones', () => {
    const rows = table(level('SKU-1', 'Café table', 10, 3));
    // As the inventory sends it: units and their availability bucket.
    const event = { sequence: 40, version: 4, onHand: 9, reserved: 0, available: 9, status: 'IN_STOCK' as const, variant: { sku: 'SKU-1' } };
    expect(applyStockEvent(rows, event)).toBe(true);
    expect(rows.get('SKU-1')).toMatchObject({ available: 9, version: 4, changes: 1, trend: 'down', status: 'IN_STOCK' });
    expect(applyStockEvent(rows, event)).toBe(false);
    expect(applyStockEvent(rows, { ...event, version: 2, available: 100 })).toBe(false);
    expect(applyStockEvent(rows, { ...event, version: 5, available: 0, onHand: 0, status: 'OUT_OF_STOCK' as const })).toBe(true);
    expect(rows.get('SKU-1')).toMatchObject({ available: 0, status: 'OUT_OF_STOCK', changes: 2 });
    expect(applyStockEvent(rows, { ...event, version: 9, variant: { sku: 'SKU-unknown' } })).toBe(false);
  });

  it('changes a price only when it differs', () => {
    const rows = table(level('SKU-1', 'Lamp', 3));
    expect(applyPrice(rows, 'SKU-1', { amount: 1000, currency: 'EUR' })).toBe(false);
    expect(applyPrice(rows, 'SKU-1', { amount: 850, currency: 'EUR' })).toBe(true);
    expect(rows.get('SKU-1')!.price).toEqual({ amount: 850, currency: 'EUR' });
  });

  it('finds rows by product without accents, sku or barcode, and sorts naturally', () => {
    const rows = table(level('SKU-10', 'Jacket 10', 1), level('SKU-2', 'Jacket 2', 7), level('SKU-3', 'Café table', 4));
    expect(visibleRows(rows.values(), 'cafe', 'productName', false).map((row) => row.sku)).toEqual(['SKU-3']);
    expect(visibleRows(rows.values(), '3002', 'productName', false).map((row) => row.sku)).toEqual(['SKU-2']);
    expect(visibleRows(rows.values(), 'jacket', 'productName', false).map((row) => row.sku)).toEqual(['SKU-2', 'SKU-10']);
    expect(visibleRows(rows.values(), '', 'available', true).map((row) => row.sku)).toEqual(['SKU-2', 'SKU-3', 'SKU-10']);
  });
});
