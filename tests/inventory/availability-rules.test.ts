import { describe, expect, it } from 'vitest';
import {
  availabilityStatus,
  availableUnits,
  haversineKm,
  isValidGeoPoint,
  locationKindsForChannel,
  storesWithStockNear,
} from '../../subgraphs/inventory/availability.js';

describe('availability rules', () => {
  it('counts as available what is on hand and not reserved, never below zero', () => {
    expect(availableUnits({ onHand: 10, reserved: 3 })).toBe(7);
    expect(availableUnits({ onHand: 2, reserved: 5 })).toBe(0);
    expect(availableUnits({ onHand: -4, reserved: 0 })).toBe(0);
  });

  it('buckets 0 as OUT_OF_STOCK, 1 to 5 as LOW_STOCK and more as IN_STOCK', () => {
    expect(availabilityStatus(0)).toBe('OUT_OF_STOCK');
    expect(availabilityStatus(1)).toBe('LOW_STOCK');
    expect(availabilityStatus(5)).toBe('LOW_STOCK');
    expect(availabilityStatus(6)).toBe('IN_STOCK');
  });

  it('sells warehouse stock on the web, app, marketplace and call center, store stock in stores, any without a channel', () => {
    for (const channel of ['WEB', 'APP', 'MARKETPLACE', 'CALL_CENTER'] as const) {
      expect(locationKindsForChannel(channel)).toEqual(['WAREHOUSE']);
    }
    expect(locationKindsForChannel('STORE')).toEqual(['STORE']);
    expect(locationKindsForChannel(null)).toEqual(['STORE', 'WAREHOUSE']);
    expect(locationKindsForChannel(undefined)).toEqual(['STORE', 'WAREHOUSE']);
  });

  it('measures great-circle distances in kilometres', () => {
    const paris = { lat: 48.8566, lng: 2.3522 };
    const lyon = { lat: 45.764, lng: 4.8357 };
    expect(haversineKm(paris, paris)).toBe(0);
    expect(haversineKm(paris, lyon)).toBeGreaterThan(390);
    expect(haversineKm(paris, lyon)).toBeLessThan(394);
    expect(haversineKm(paris, lyon)).toBeCloseTo(haversineKm(lyon, paris), 9);
  });

  it('accepts latitudes in [-90, 90] and longitudes in [-180, 180] only', () => {
    expect(isValidGeoPoint({ lat: 90, lng: -180 })).toBe(true);
    expect(isValidGeoPoint({ lat: 90.1, lng: 0 })).toBe(false);
    expect(isValidGeoPoint({ lat: 0, lng: 180.5 })).toBe(false);
    expect(isValidGeoPoint({ lat: Number.NaN, lng: 0 })).toBe(false);
  });

  it('lists stores with stock within the radius, nearest first, at most `first`', () => {
    const near = { lat: 0, lng: 0 };
    // One degree of longitude at the equator is about 111 km.
    const stores = [
      { id: 'far', geo: { lat: 0, lng: 0.5 } },
      { id: 'empty', geo: { lat: 0, lng: 0.01 } },
      { id: 'near', geo: { lat: 0, lng: 0.1 } },
      { id: 'mid', geo: { lat: 0, lng: 0.2 } },
    ];
    const levels = [
      { locationId: 'far', onHand: 3, reserved: 0 },
      { locationId: 'empty', onHand: 2, reserved: 2 },
      { locationId: 'near', onHand: 9, reserved: 1 },
      { locationId: 'mid', onHand: 1, reserved: 0 },
    ];
    const within30 = storesWithStockNear(stores, levels, near, 30, 5);
    expect(within30.map((s) => [s.location.id, s.available])).toEqual([
      ['near', 8],
      ['mid', 1],
    ]);
    expect(within30[0]!.distanceKm).toBeCloseTo(11.1, 1);
    expect(storesWithStockNear(stores, levels, near, 100, 1).map((s) => s.location.id)).toEqual(['near']);
    expect(storesWithStockNear(stores, levels, near, 100, 0)).toEqual([]);
    expect(storesWithStockNear(stores, [], near, 100, 5)).toEqual([]);
  });
});
