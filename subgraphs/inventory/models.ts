/** What the resolvers hand each other (codegen maps the GraphQL types to these). */
import type { LocationKindName } from './availability.js';
import type { ReservationStatusName } from './tables.js';

export interface LocationModel {
  id: string;
  name: string;
  kind: LocationKindName;
  address: { line1: string; line2: string | null; postalCode: string; city: string; country: string };
  geo: { lat: number; lng: number };
  pickupEnabled: boolean;
  openingHours: string[];
}

export interface StockLevelModel {
  sku: string;
  locationId: string;
  /** Kind of the level's location, loaded with the level so channel rules need no second query. */
  locationKind: LocationKindName;
  onHand: number;
  reserved: number;
  version: number;
}

/** Units available for a sku over all locations of one kind (what channel-level answers need). */
export interface StockSummaryModel {
  sku: string;
  locationKind: LocationKindName;
  /** Sum over the locations of max(on_hand - reserved, 0). */
  available: number;
}

export interface StoreAvailabilityModel {
  location: LocationModel;
  available: number;
  /** Unrounded great-circle distance; rounded for display by the resolver. */
  distanceKm: number;
}

export interface ReservationModel {
  id: string;
  sku: string;
  locationId: string;
  customerId: string;
  quantity: number;
  status: ReservationStatusName;
  expiresAt: string;
  createdAt: string;
}

/** A variant is known here by its sku alone; the catalog owns everything else about it. */
export interface VariantModel {
  sku: string;
}

/** A product as the gateway represents it to us: its id and, through @requires, its variants' skus. */
export interface ProductModel {
  id: string;
  variants?: VariantModel[] | null;
}

/** A page of one location's stock levels, by sku (the StockLevelConnection type). */
export interface StockLevelConnectionModel {
  edges: { cursor: string; node: StockLevelModel }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when the client selects it. */
  totalCount: () => Promise<number>;
}

/** A reservation movement of the ledger with the reservation it moved (the ReservationChange type). */
export interface ReservationChangeModel {
  sequence: number;
  /** The status the change gave the reservation. */
  status: ReservationStatusName;
  at: string;
  /** The reservation as it stood when the row was read. */
  reservation: ReservationModel;
}

/** A committed ledger row with the level's values after it (the StockChange type). */
export interface StockChangeModel {
  sequence: number;
  version: number;
  sku: string;
  locationId: string;
  delta: number;
  reason: import('./stock-ledger.js').StockChangeReason;
  onHand: number;
  reserved: number;
  at: string;
  /** The reservation this movement made or ended (RESERVATION, RELEASE, PICKUP of a reservation); absent otherwise. */
  reservationId?: string;
}
