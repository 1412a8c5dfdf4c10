/**
 * Availability rules of the inventory: what can be sold from a stock level, how it is bucketed,
 * which locations serve which channel, and how far a store is. Plain functions, no transport.
 */

export type LocationKindName = 'STORE' | 'WAREHOUSE';
export type AvailabilityStatusName = 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';
export type ChannelName = 'WEB' | 'APP' | 'STORE' | 'CALL_CENTER' | 'MARKETPLACE';

/** At most this many available units is LOW_STOCK (one or more); above it is IN_STOCK. */
export const LOW_STOCK_THRESHOLD = 5;

/** Mean Earth radius (IUGG), in kilometres. */
const EARTH_RADIUS_KM = 6371.0088;

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** Units that can be sold or reserved: what is on hand and not held, never below zero. */
export function availableUnits(level: { onHand: number; reserved: number }): number {
  return Math.max(level.onHand - level.reserved, 0);
}

export function availabilityStatus(available: number): AvailabilityStatusName {
  if (available <= 0) return 'OUT_OF_STOCK';
  return available <= LOW_STOCK_THRESHOLD ? 'LOW_STOCK' : 'IN_STOCK';
}

/**
 * The kinds of location whose stock a channel sells: warehouses ship the web, app, marketplace
 * and call-center orders, stores sell over the counter; with no channel, any location counts.
 */
export function locationKindsForChannel(channel: ChannelName | null | undefined): readonly LocationKindName[] {
  switch (channel) {
    case undefined:
    case null:
      return ['STORE', 'WAREHOUSE'];
    case 'STORE':
      return ['STORE'];
    case 'WEB':
    case 'APP':
    case 'MARKETPLACE':
    case 'CALL_CENTER':
      return ['WAREHOUSE'];
  }
}

export function isValidGeoPoint(point: GeoPoint): boolean {
  return (
    Number.isFinite(point.lat) &&
    Number.isFinite(point.lng) &&
    point.lat >= -90 &&
    point.lat <= 90 &&
    point.lng >= -180 &&
    point.lng <= 180
  );
}

/** Great-circle distance (haversine) between two points, in kilometres. */
export function haversineKm(from: GeoPoint, to: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (to.lat - from.lat) * rad;
  const dLng = (to.lng - from.lng) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(from.lat * rad) * Math.cos(to.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Places sorted nearest first (ties by id, so the order is stable), each with its distance. */
export function sortByDistance<T extends { id: string; geo: GeoPoint }>(
  places: readonly T[],
  from: GeoPoint,
): { place: T; distanceKm: number }[] {
  return places
    .map((place) => ({ place, distanceKm: haversineKm(from, place.geo) }))
    .sort((a, b) => a.distanceKm - b.distanceKm || (a.place.id < b.place.id ? -1 : a.place.id > b.place.id ? 1 : 0));
}

export interface StoreStock<L> {
  location: L;
  available: number;
  distanceKm: number;
}

/**
 * Stores within `radiusKm` of `near` that have something available, nearest first, at most `first`.
 * `levels` are the variant's levels; `stores` the candidate stores (all stores, whether or not they
 * offer pickup: a customer can also walk in and buy).
 */
export function storesWithStockNear<L extends { id: string; geo: GeoPoint }>(
  stores: readonly L[],
  levels: readonly { locationId: string; onHand: number; reserved: number }[],
  near: GeoPoint,
  radiusKm: number,
  first: number,
): StoreStock<L>[] {
  const availableByLocation = new Map(levels.map((level) => [level.locationId, availableUnits(level)]));
  const result: StoreStock<L>[] = [];
  for (const { place, distanceKm } of sortByDistance(stores, near)) {
    if (result.length >= first || distanceKm > radiusKm) break;
    const available = availableByLocation.get(place.id) ?? 0;
    if (available > 0) result.push({ location: place, available, distanceKm });
  }
  return result;
}

/** Distance as shown to people: kilometres to the nearest 10 metres. */
export function roundDistanceKm(distanceKm: number): number {
  return Math.round(distanceKm * 100) / 100;
}
