import { describe, expect, it } from 'vitest';
import { applyConsentsChange } from '../../subgraphs/customer/domain/consents.js';
import { parseCustomerSearch } from '../../subgraphs/customer/domain/customer-search.js';
import { InvalidArgumentError } from '../../subgraphs/customer/domain/errors.js';
import { tierForPoints } from '../../subgraphs/customer/domain/loyalty.js';
import { decodeOrderCursor, encodeOrderCursor } from '../../subgraphs/customer/domain/pagination.js';
import { checkSku } from '../../subgraphs/customer/domain/wishlist.js';

describe('customer domain rules', () => {
  it('reads a phone typed in E.164, with 00, or the French national way as the same E.164 fragment', () => {
    expect(parseCustomerSearch('+33 6 12 34 56 78', null).phone).toBe('+33612345678');
    expect(parseCustomerSearch('0033 6 12 34 56 78', null).phone).toBe('+33612345678');
    expect(parseCustomerSearch('06.12.34.56.78', null).phone).toBe('+33612345678');
    expect(parseCustomerSearch('345678', null).phone).toBe('345678');
    expect(parseCustomerSearch('Dupont', null).phone).toBeNull();
  });

  it('folds case and accents of a search', () => {
    expect(parseCustomerSearch('  HÉLÈNE   Dupont ', null)).toMatchObject({ name: 'helene dupont', first: 10 });
  });

  it('round-trips an order cursor and refuses anything else', () => {
    const position = { placedAt: '2025-06-01T10:00:00.000Z', id: 'ord-0000042' };
    expect(decodeOrderCursor(encodeOrderCursor(position))).toEqual(position);
    for (const bad of ['', 'abc', '!!!', Buffer.from('order:["x","y"]').toString('base64url'), Buffer.from('order:[1,2]').toString('base64url')]) {
      expect(() => decodeOrderCursor(bad)).toThrow(InvalidArgumentError);
    }
  });

  it('accepts SKU-shaped ids only', () => {
    expect(checkSku('SKU-00042-3')).toBeNull();
    expect(checkSku('ABC123')).toBeNull();
    for (const bad of ['', 'sku-1', 'SKU 1', '-SKU', 'SKU-', 'A'.repeat(65)]) expect(checkSku(bad)?.code).toBe('INVALID_SKU');
  });

  it('moves consents updatedAt only when a consent is given', () => {
    const current = { email: true, sms: false, personalizedOffers: true, updatedAt: '2025-01-01T00:00:00.000Z' };
    const now = '2026-02-02T00:00:00.000Z';
    expect(applyConsentsChange(current, {}, now)).toBe(current);
    expect(applyConsentsChange(current, { sms: null }, now)).toBe(current);
    expect(applyConsentsChange(current, { email: true }, now)).toEqual({ ...current, updatedAt: now });
    expect(applyConsentsChange(current, { sms: true }, now)).toEqual({ ...current, sms: true, updatedAt: now });
  });

  it('earns loyalty tiers by points', () => {
    expect([0, 499, 500, 1999, 2000, 4999, 5000].map(tierForPoints)).toEqual([
      'BASIC', 'BASIC', 'SILVER', 'SILVER', 'GOLD', 'GOLD', 'PLATINUM',
    ]);
  });
});
