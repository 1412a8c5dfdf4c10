import { describe, expect, it } from 'vitest';
import { applyStockChange } from '../../subgraphs/inventory/stock-ledger.js';

const level = { onHand: 10, reserved: 2, version: 4 };

describe('stock ledger rules', () => {
  it('moves on_hand by the delta it records, and bumps the version by one', () => {
    expect(applyStockChange(level, { reason: 'RESTOCK', quantity: 5 })).toEqual({
      level: { onHand: 15, reserved: 2, version: 5 },
      delta: 5,
    });
    expect(applyStockChange(level, { reason: 'SALE', quantity: 3 })).toEqual({
      level: { onHand: 7, reserved: 2, version: 5 },
      delta: -3,
    });
    expect(applyStockChange(level, { reason: 'CORRECTION', quantity: -4 })).toEqual({
      level: { onHand: 6, reserved: 2, version: 5 },
      delta: -4,
    });
  });

  it('records reservations and releases with delta 0: they move reserved, not on_hand', () => {
    expect(applyStockChange(level, { reason: 'RESERVATION', quantity: 3 })).toEqual({
      level: { onHand: 10, reserved: 5, version: 5 },
      delta: 0,
    });
    expect(applyStockChange(level, { reason: 'RELEASE', quantity: 2 })).toEqual({
      level: { onHand: 10, reserved: 0, version: 5 },
      delta: 0,
    });
  });

  it('takes a pickup out of both on_hand and reserved', () => {
    expect(applyStockChange(level, { reason: 'PICKUP', quantity: 2 })).toEqual({
      level: { onHand: 8, reserved: 0, version: 5 },
      delta: -2,
    });
  });

  it('refuses non-positive or fractional quantities (a correction may be negative)', () => {
    expect(() => applyStockChange(level, { reason: 'SALE', quantity: 0 })).toThrow(RangeError);
    expect(() => applyStockChange(level, { reason: 'RESERVATION', quantity: -1 })).toThrow(RangeError);
    expect(() => applyStockChange(level, { reason: 'RESTOCK', quantity: 1.5 })).toThrow(RangeError);
  });
});
