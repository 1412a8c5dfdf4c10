/** Thin adapters from the GraphQL fields to the availability rules and the per-request loaders. */
import { findLastSequence } from './ledger-reader.js';
import { GraphQLError } from 'graphql';
import {
  availabilityStatus,
  availableUnits,
  locationKindsForChannel,
  roundDistanceKm,
  sortByDistance,
  storesWithStockNear,
} from './availability.js';
import { SEE_OR_CANCEL, requireReservationAccess } from './access-rules.js';
import { requireGeoPoint, requireIdsAtMost, requireIntInRange, requireNumberInRange } from './arguments.js';
import type { InventoryContext } from './context.js';
import type { Resolvers } from './generated/resolvers.js';
import type { LocationModel } from './models.js';
import { inventoryMutationResolvers } from './mutation-resolvers.js';
import { stockChangeResolvers } from './stock-change-resolvers.js';
import { stockHistoryResolvers } from './stock-history-resolvers.js';
import { stockSubscriptionResolvers } from './subscription-resolvers.js';
import { locationStockResolver } from './location-stock.js';
import { reservationHistoryResolvers, reservationSubscriptionResolvers } from './reservation-changes.js';
import { storeReservationResolvers } from './store-reservations.js';

/** Every stock row points at a known location (foreign key); a miss is a fault, not bad input. */
async function requireLocation(context: InventoryContext, id: string): Promise<LocationModel> {
  const location = await context.locations.byId(id);
  if (!location) throw new GraphQLError(`Unknown location ${id}`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  return location;
}

/** `Variant.stock(locationIds:)` reads the list once per variant, so it is bounded as the stock filters are. */
const MAX_STOCK_LOCATION_IDS = 100;

export const inventoryResolvers: Resolvers = {
  Query: {
    location: (_root, { id }, context) => context.locations.byId(id),
    async locations(_root, { kind, near, first }, context) {
      const limit = requireIntInRange('first', first ?? 20, 0, 100);
      const from = near ? requireGeoPoint('near', near) : null;
      const candidates = (await context.locations.all()).filter((l) => !kind || l.kind === kind);
      const ordered = from ? sortByDistance(candidates, from).map((d) => d.place) : candidates;
      return ordered.slice(0, limit);
    },
    stockLedgerHead: (_root, _args, context) => findLastSequence(context.ledger.db),
    ...stockHistoryResolvers,
    ...storeReservationResolvers,
    ...reservationHistoryResolvers,
    async reservation(_root, { id }, context) {
      await requireReservationAccess(context, id, SEE_OR_CANCEL);
      return context.reservationById.load(id);
    },
  },

  Mutation: inventoryMutationResolvers,

  Subscription: { ...stockSubscriptionResolvers, ...reservationSubscriptionResolvers },

  StockChange: stockChangeResolvers,

  Location: {
    __resolveReference: (reference, context) => context.locations.byId(reference.id),
    stock: locationStockResolver,
  },

  Reservation: {
    // Only a direct request looks a reservation up by reference (no other subgraph returns one): same rule as the query.
    async __resolveReference(reference, context) {
      await requireReservationAccess(context, reference.id, SEE_OR_CANCEL);
      return context.reservationById.load(reference.id);
    },
    variant: (reservation) => ({ sku: reservation.sku }),
    location: (reservation, _args, context) => requireLocation(context, reservation.locationId),
  },

  StockLevel: {
    variant: (level) => ({ sku: level.sku }),
    location: (level, _args, context) => requireLocation(context, level.locationId),
    available: (level) => availableUnits(level),
    status: (level) => availabilityStatus(availableUnits(level)),
  },

  StoreAvailability: {
    status: (entry) => availabilityStatus(entry.available),
    distanceKm: (entry) => roundDistanceKm(entry.distanceKm),
  },

  Variant: {
    // A variant is known by its sku: nothing to load until a field asks for stock.
    __resolveReference: (reference) => ({ sku: reference.sku }),
    async stock({ sku }, { locationIds }, context) {
      const wanted = requireIdsAtMost('locationIds', locationIds, MAX_STOCK_LOCATION_IDS);
      const levels = await context.stockBySku.load(sku);
      if (wanted === null) return levels;
      const byLocation = new Map(levels.map((level) => [level.locationId, level]));
      return wanted.flatMap((id) => byLocation.get(id) ?? []);
    },
    async availableOnline({ sku }, _args, context) {
      const summaries = await context.stockSummaryBySku.load(sku);
      return summaries.find((summary) => summary.locationKind === 'WAREHOUSE')?.available ?? 0;
    },
    async availability({ sku }, { near, radiusKm, first }, context) {
      const from = requireGeoPoint('near', near);
      const radius = requireNumberInRange('radiusKm', radiusKm ?? 25, 0, 500);
      const limit = requireIntInRange('first', first ?? 5, 0, 50);
      const [levels, locations] = await Promise.all([context.stockBySku.load(sku), context.locations.all()]);
      const stores = locations.filter((l) => l.kind === 'STORE');
      return storesWithStockNear(stores, levels, from, radius, limit);
    },
  },

  Product: {
    // The gateway sends the product's variant skus (@requires): keep them for inStock.
    __resolveReference: (reference) => reference,
    async inStock(product, { channel }, context) {
      const skus = (product.variants ?? []).map((variant) => variant.sku);
      const kinds = locationKindsForChannel(channel);
      const summariesPerSku = await Promise.all(skus.map((sku) => context.stockSummaryBySku.load(sku)));
      return summariesPerSku.some((summaries) =>
        summaries.some((summary) => kinds.includes(summary.locationKind) && summary.available > 0),
      );
    },
  },
};
