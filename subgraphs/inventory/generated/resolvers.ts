import type { GraphQLResolveInfo } from 'graphql';
import type { ProductModel, VariantModel, LocationModel, StockLevelModel, StoreAvailabilityModel, ReservationModel, StockChangeModel, StockLevelConnectionModel, ReservationChangeModel } from '../models.js';
import type { InventoryContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A postal address. */
export type Address = {
  __typename?: 'Address';
  /** City. */
  city: Scalars['String']['output'];
  /** ISO 3166-1 alpha-2 country code. */
  country: Scalars['String']['output'];
  /** Street and number. */
  line1: Scalars['String']['output'];
  /** Complement (building, floor...). */
  line2?: Maybe<Scalars['String']['output']>;
  /** Postal code. */
  postalCode: Scalars['String']['output'];
};

/** A delivery or a count at one location. */
export type AdjustStockInput = {
  /** Change of onHand: positive for RESTOCK, either sign for CORRECTION; never 0. */
  delta: Scalars['Int']['input'];
  /** Where. */
  locationId: Scalars['ID']['input'];
  /** RESTOCK or CORRECTION; other reasons have their own mutations. */
  reason: StockChangeReason;
  /** Which variant. */
  sku: Scalars['ID']['input'];
};

/** How much of a variant can be sold. */
export type AvailabilityStatus =
  /** More than the low-stock threshold is available. */
  | 'IN_STOCK'
  /** Between 1 and the low-stock threshold (5 units) is available. */
  | 'LOW_STOCK'
  /** Nothing is available. */
  | 'OUT_OF_STOCK';

/** Every touchpoint of the retailer. Where an answer depends on the channel, the channel is an argument. */
export type Channel =
  /** The mobile app. */
  | 'APP'
  /** The call center, acting on behalf of a customer. */
  | 'CALL_CENTER'
  /** Partner marketplaces and affiliates. */
  | 'MARKETPLACE'
  /** A physical store: POS and kiosks. */
  | 'STORE'
  /** The web shop. */
  | 'WEB';

/** A point on Earth (WGS 84). */
export type GeoPoint = {
  __typename?: 'GeoPoint';
  /** Latitude in degrees. */
  lat: Scalars['Float']['output'];
  /** Longitude in degrees. */
  lng: Scalars['Float']['output'];
};

/** A point on Earth (WGS 84). */
export type GeoPointInput = {
  /** Latitude in degrees, -90 to 90. */
  lat: Scalars['Float']['input'];
  /** Longitude in degrees, -180 to 180. */
  lng: Scalars['Float']['input'];
};

/** A store or a warehouse that holds stock. */
export type Location = {
  __typename?: 'Location';
  /** Postal address. */
  address: Address;
  /** Coordinates. */
  geo: GeoPoint;
  /** Stable location identifier. */
  id: Scalars['ID']['output'];
  /** Store or warehouse. */
  kind: LocationKind;
  /** Display name. */
  name: Scalars['String']['output'];
  /** Opening hours, one line per day range, e.g. 'Mon-Sat 09:00-20:00'. */
  openingHours: Array<Scalars['String']['output']>;
  /** Whether click & collect pickup is offered here. */
  pickupEnabled: Scalars['Boolean']['output'];
  /**
   * Every stock level of this location, by sku, in pages of `first` (1 to 1000; more or less is a
   * BAD_USER_INPUT error), after the opaque cursor `after` (an `endCursor` or edge `cursor` of this
   * list; anything else is BAD_USER_INPUT). Open to store staff of this location, the call center and
   * `stock:write`.
   */
  stock: StockLevelConnection;
};


/** A store or a warehouse that holds stock. */
export type LocationStockArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Whether a location is a store (open to customers) or a warehouse (serves online orders). */
export type LocationKind =
  /** A store customers visit; can hold click & collect reservations. */
  | 'STORE'
  /** A warehouse; its stock is what the web and app sell. */
  | 'WAREHOUSE';

/** An amount of money. */
export type MoneyInput = {
  /** Amount in minor units of the currency (e.g. 1999 = 19.99 EUR); 0 or more. */
  amount: Scalars['Int']['input'];
  /** ISO 4217 currency code, e.g. EUR. */
  currency: Scalars['String']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Records a delivery (RESTOCK) or a count (CORRECTION). A retry with the same `idempotencyKey` and input returns the original result and moves nothing. */
  adjustStock: StockPayload;
  /** Releases an ACTIVE reservation's units. Cancelling a cancelled reservation changes nothing. */
  cancelReservation: ReservePayload;
  /** The customer takes the held units: onHand and reserved go down. Collecting a collected reservation changes nothing. */
  collectReservation: ReservePayload;
  /** Records a sale; never refused for stock (onHand may go negative, which flags a count). A retry with the same `idempotencyKey` and input returns the original result and moves nothing. */
  recordSale: StockPayload;
  /** Holds units in a store for a customer until the hold time ends. Refused with INSUFFICIENT_STOCK when fewer are available. A retry with the same `idempotencyKey` and input returns the original result and moves nothing. */
  reserveForPickup: ReservePayload;
};


export type MutationAdjustStockArgs = {
  idempotencyKey: Scalars['String']['input'];
  input: AdjustStockInput;
};


export type MutationCancelReservationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCollectReservationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRecordSaleArgs = {
  idempotencyKey: Scalars['String']['input'];
  input: SaleInput;
};


export type MutationReserveForPickupArgs = {
  idempotencyKey: Scalars['String']['input'];
  input: ReserveInput;
};

/** Where a page of a connection ends, and whether another follows (the same shape in every subgraph). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge of this page; pass it as `after` to get the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

export type Product = {
  __typename?: 'Product';
  id: Scalars['ID']['output'];
  /** Whether any variant can be bought on the channel: warehouse stock for WEB, APP, MARKETPLACE and CALL_CENTER, store stock for STORE, any stock when no channel is given; null only when the inventory cannot answer (an error names this path). */
  inStock?: Maybe<Scalars['Boolean']['output']>;
  /** The product's variants, as the catalog knows them. */
  variants: Array<Variant>;
};


export type ProductInStockArgs = {
  channel?: InputMaybe<Channel>;
};

export type Query = {
  __typename?: 'Query';
  /** A location by id; null when unknown. */
  location?: Maybe<Location>;
  /** Locations, optionally of one kind; nearest first when `near` is given, else by id. `first` is 0 to 100. */
  locations: Array<Location>;
  /** A reservation by id; null when unknown. */
  reservation?: Maybe<Reservation>;
  /**
   * Reservation changes by pages, as `reservationChanged(after:)` replays them: every change at the
   * given locations (1 to 100 ids; omitted for all, which store staff may not do) whose sequence is
   * greater than `after`, oldest first, at most `first` (1 to 1000). Fewer than `first` means there is
   * none after them yet; otherwise ask again with `after` = the last sequence. Same rights as
   * `reservationChanged`.
   */
  reservationChanges: Array<ReservationChange>;
  /**
   * Reservations held at a location with one of the statuses in `status` (ACTIVE when omitted; null
   * for every status), soonest `expiresAt` first, at most `first` (1 to 1000). Open to store staff of
   * that location, the call center and `stock:write`.
   */
  reservations: Array<Reservation>;
  /**
   * The stock ledger by pages, as `stockChanged(after:)` replays it: every committed change matching
   * the filters (`skus`, `locationIds`: 1 to 100 ids each, omitted for all) whose sequence is greater
   * than `after`, oldest first, at most `first` (1 to 1000). Fewer than `first` means there is none
   * after them yet; otherwise ask again with `after` = the last sequence. The gateway reads it so
   * that each subscriber of a shared stream catches up from its own cursor.
   */
  stockChanges: Array<StockChange>;
  /**
   * The sequence of the last committed stock change (0 when none). Subscribe with
   * `stockChanged(after:)` set to it to get every change from this moment on, across any reconnect.
   */
  stockLedgerHead: Scalars['Int']['output'];
};


export type QueryLocationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLocationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<LocationKind>;
  near?: InputMaybe<GeoPointInput>;
};


export type QueryReservationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryReservationChangesArgs = {
  after: Scalars['Int']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  locationIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type QueryReservationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  locationId: Scalars['ID']['input'];
  status?: InputMaybe<Array<ReservationStatus>>;
};


export type QueryStockChangesArgs = {
  after: Scalars['Int']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  locationIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  skus?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** Units of a variant held in a store for a customer (click & collect). */
export type Reservation = {
  __typename?: 'Reservation';
  /** When the reservation was made (ISO 8601). */
  createdAt: Scalars['String']['output'];
  /** Id of the customer who reserved; the customer subgraph resolves `customer` from it. */
  customerId: Scalars['ID']['output'];
  /** When the hold ends unless collected (ISO 8601). */
  expiresAt: Scalars['String']['output'];
  /** Stable reservation identifier. */
  id: Scalars['ID']['output'];
  /** Where it is held. */
  location: Location;
  /** Units held. */
  quantity: Scalars['Int']['output'];
  /** Current status. */
  status: ReservationStatus;
  /** What is held; null only when the catalog cannot describe it (an error names this path). */
  variant?: Maybe<Variant>;
};

/**
 * One change of a reservation's status, as the stock ledger recorded it: the movement that made the
 * reservation (ACTIVE) or ended it (COLLECTED, CANCELLED, EXPIRED).
 */
export type ReservationChange = {
  __typename?: 'ReservationChange';
  /** When the change was committed (ISO 8601). */
  at: Scalars['String']['output'];
  /** The reservation as it stands when this change is read (now), so its `status` may be later than this change's `status`. */
  reservation: Reservation;
  /** Sequence of the stock movement that made the change: the resume cursor of `reservationChanged(after:)`, shared with `stockChanged`. */
  sequence: Scalars['Int']['output'];
  /** The status the change gave the reservation: ACTIVE when it was made, COLLECTED, CANCELLED or EXPIRED when it ended. */
  status: ReservationStatus;
};

/** The lifecycle of a click & collect reservation. */
export type ReservationStatus =
  /** Units are held for the customer. */
  | 'ACTIVE'
  /** The reservation was cancelled; its units were released. */
  | 'CANCELLED'
  /** The customer picked the units up. */
  | 'COLLECTED'
  /** The hold time ran out; its units were released. */
  | 'EXPIRED';

/** Hold units of a variant in a store for a customer. */
export type ReserveInput = {
  /** Who collects it. */
  customerId: Scalars['ID']['input'];
  /** The store that holds it; must offer pickup. */
  locationId: Scalars['ID']['input'];
  /** Units to hold, 1 to 100; never more than are available. */
  quantity: Scalars['Int']['input'];
  /** What to hold. */
  sku: Scalars['ID']['input'];
};

/** The outcome of a reservation mutation. */
export type ReservePayload = {
  __typename?: 'ReservePayload';
  /** The reservation as it stands after the mutation; null when refused. */
  reservation?: Maybe<Reservation>;
  /** Why it was refused, if it was (e.g. INSUFFICIENT_STOCK, IDEMPOTENCY_KEY_REUSED). */
  userErrors: Array<UserError>;
};

/** A basket paid at a till (or shipped): the goods have left the shelf, so a sale is never refused for stock. */
export type SaleInput = {
  /** Where the sale was made. */
  channel: Channel;
  /** The identified customer, if any: the sale then joins that customer's order history. Every line needs a `unitPrice`. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** What was sold: 1 to 100 lines, one sku at most once. */
  lines: Array<SaleLineInput>;
  /** Where the goods left from. */
  locationId: Scalars['ID']['input'];
};

/** One sku of a sale. */
export type SaleLineInput = {
  /** Units sold, 1 to 10,000. */
  quantity: Scalars['Int']['input'];
  /** What was sold. */
  sku: Scalars['ID']['input'];
  /** Price paid per unit, in minor units; required when the sale names a customer. */
  unitPrice?: InputMaybe<MoneyInput>;
};

/** One committed change of one stock level: a row of the movement ledger, with the level's values after it. */
export type StockChange = {
  __typename?: 'StockChange';
  /** When the change was committed (ISO 8601). */
  at: Scalars['String']['output'];
  /** Units that can be sold or reserved after the change: max(onHand - reserved, 0). */
  available: Scalars['Int']['output'];
  /** Change of onHand in units (0 for RESERVATION and RELEASE, which move `reserved`). */
  delta: Scalars['Int']['output'];
  /** Where it changed. */
  location: Location;
  /** Units physically present after the change; negative means a count is needed. */
  onHand: Scalars['Int']['output'];
  /** Why it changed. */
  reason: StockChangeReason;
  /** Units held by active reservations after the change. */
  reserved: Scalars['Int']['output'];
  /** Position in the movement ledger, strictly increasing across all stock: the resume cursor of `stockChanged(after:)`. */
  sequence: Scalars['Int']['output'];
  /** Availability bucket of `available` after the change, as `StockLevel.status` gives it. */
  status: AvailabilityStatus;
  /** The variant whose stock changed; null only when the catalog cannot describe it (an error names this path). */
  variant?: Maybe<Variant>;
  /** The level's own change counter after this change; gapless per (sku, location), equal to `StockLevel.version`. */
  version: Scalars['Int']['output'];
};

/** Why a stock level changed. */
export type StockChangeReason =
  /** A count corrected onHand, either way. */
  | 'CORRECTION'
  /** A customer collected held units: onHand and reserved both go down. */
  | 'PICKUP'
  /** A reservation was cancelled or expired: reserved goes down. */
  | 'RELEASE'
  /** Units were held for a click & collect customer: reserved goes up, onHand does not move. */
  | 'RESERVATION'
  /** A delivery arrived: onHand goes up. */
  | 'RESTOCK'
  /** Units sold at a till or shipped: onHand goes down. */
  | 'SALE';

/** The stock of one variant at one location. */
export type StockLevel = {
  __typename?: 'StockLevel';
  /** Units that can be sold or reserved: max(onHand - reserved, 0). */
  available: Scalars['Int']['output'];
  /** Where the stock is. */
  location: Location;
  /** Units physically present; may be negative after an unrecorded delivery, which flags a count. */
  onHand: Scalars['Int']['output'];
  /** Units held by active click & collect reservations. */
  reserved: Scalars['Int']['output'];
  /** Availability bucket of `available`. */
  status: AvailabilityStatus;
  /** The variant whose stock this is; null only when the catalog cannot describe it (an error names this path). */
  variant?: Maybe<Variant>;
  /** Counter of changes to this level, increasing by one with every change. */
  version: Scalars['Int']['output'];
};

/** A page of the stock levels of one location, by sku. */
export type StockLevelConnection = {
  __typename?: 'StockLevelConnection';
  /** The levels of this page, by sku. */
  edges: Array<StockLevelEdge>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
  /** Number of stock levels at the location, across all pages (one per sku it stocks). */
  totalCount: Scalars['Int']['output'];
};

/** A stock level and its position in a location's stock. */
export type StockLevelEdge = {
  __typename?: 'StockLevelEdge';
  /** Opaque position; pass it as `after`. */
  cursor: Scalars['String']['output'];
  /** The level. */
  node: StockLevel;
};

/** The outcome of a stock mutation. */
export type StockPayload = {
  __typename?: 'StockPayload';
  /** The ledger rows written, in order; empty when refused. */
  changes: Array<StockChange>;
  /** Why it was refused, if it was. */
  userErrors: Array<UserError>;
};

/** Availability of a variant in a store near a point. */
export type StoreAvailability = {
  __typename?: 'StoreAvailability';
  /** Units available in that store. */
  available: Scalars['Int']['output'];
  /** Great-circle distance from the requested point, in kilometres. */
  distanceKm: Scalars['Float']['output'];
  /** The store. */
  location: Location;
  /** Availability bucket of `available`. */
  status: AvailabilityStatus;
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Every reservation made or ended at the given locations (1 to 100 ids; omitted for all, which
   * store staff may not do), in ledger order. With `after` (a ledger sequence, e.g. `stockLedgerHead`
   * or the last `sequence` received), first replays every such change whose sequence is greater, then
   * continues live: no gap, no duplicate. Store staff may name only their own store; the call center
   * and `stock:write` any.
   */
  reservationChanged: ReservationChange;
  /**
   * Every committed stock change matching the filters, in ledger order. `skus` (at most 100) and
   * `locationIds` (at most 100) narrow it; omitted means all. With `after`, first replays from the
   * ledger every matching change whose sequence is greater, then continues live: no gap, no duplicate.
   */
  stockChanged: StockChange;
};


export type SubscriptionReservationChangedArgs = {
  after?: InputMaybe<Scalars['Int']['input']>;
  locationIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type SubscriptionStockChangedArgs = {
  after?: InputMaybe<Scalars['Int']['input']>;
  locationIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  skus?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** A problem the user can act on, with a stable code. */
export type UserError = {
  __typename?: 'UserError';
  /** Stable machine-readable code, e.g. INSUFFICIENT_STOCK. */
  code: Scalars['String']['output'];
  /** Path of the input field at fault, when there is one. */
  field?: Maybe<Array<Scalars['String']['output']>>;
  /** Human-readable explanation. */
  message: Scalars['String']['output'];
};

export type Variant = {
  __typename?: 'Variant';
  /** Stores within `radiusKm` (0 to 500) of `near` that have the variant available, nearest first, at most `first` (0 to 50). Every store counts, whether or not it offers pickup: see `location.pickupEnabled`; null only when the inventory cannot answer (an error names this path). */
  availability?: Maybe<Array<StoreAvailability>>;
  /** Units available in warehouses: what the web, app and marketplaces can sell; null only when the inventory cannot answer (an error names this path). */
  availableOnline?: Maybe<Scalars['Int']['output']>;
  /** Stock keeping unit. */
  sku: Scalars['ID']['output'];
  /** Stock levels at the given locations (at most 100 ids; more is a BAD_USER_INPUT error), in the order given (unknown ids are skipped), or at every location, by id, when `locationIds` is omitted; null only when the inventory cannot answer (an error names this path). */
  stock?: Maybe<Array<StockLevel>>;
};


export type VariantAvailabilityArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  near: GeoPointInput;
  radiusKm?: InputMaybe<Scalars['Float']['input']>;
};


export type VariantStockArgs = {
  locationIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Location: Location;
  Product: Product;
  Reservation: Reservation;
  Variant: Variant;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Location:
    ( { __typename: 'Location' }
    & GraphQLRecursivePick<FederationTypes['Location'], {"id":true}> );
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Product'], {"variants":{"sku":true}}> ) );
  Reservation:
    ( { __typename: 'Reservation' }
    & GraphQLRecursivePick<FederationTypes['Reservation'], {"id":true}> );
  Variant:
    ( { __typename: 'Variant' }
    & GraphQLRecursivePick<FederationTypes['Variant'], {"sku":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Address: ResolverTypeWrapper<Address>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AdjustStockInput: AdjustStockInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AvailabilityStatus: AvailabilityStatus;
  Channel: Channel;
  GeoPoint: ResolverTypeWrapper<GeoPoint>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GeoPointInput: GeoPointInput;
  Location: ResolverTypeWrapper<LocationModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  LocationKind: LocationKind;
  MoneyInput: MoneyInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Product: ResolverTypeWrapper<ProductModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Reservation: ResolverTypeWrapper<ReservationModel>;
  ReservationChange: ResolverTypeWrapper<ReservationChangeModel>;
  ReservationStatus: ReservationStatus;
  ReserveInput: ReserveInput;
  ReservePayload: ResolverTypeWrapper<Omit<ReservePayload, 'reservation'> & { reservation?: Maybe<ResolversTypes['Reservation']> }>;
  SaleInput: SaleInput;
  SaleLineInput: SaleLineInput;
  StockChange: ResolverTypeWrapper<StockChangeModel>;
  StockChangeReason: StockChangeReason;
  StockLevel: ResolverTypeWrapper<StockLevelModel>;
  StockLevelConnection: ResolverTypeWrapper<StockLevelConnectionModel>;
  StockLevelEdge: ResolverTypeWrapper<Omit<StockLevelEdge, 'node'> & { node: ResolversTypes['StockLevel'] }>;
  StockPayload: ResolverTypeWrapper<Omit<StockPayload, 'changes'> & { changes: Array<ResolversTypes['StockChange']> }>;
  StoreAvailability: ResolverTypeWrapper<StoreAvailabilityModel>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UserError: ResolverTypeWrapper<UserError>;
  Variant: ResolverTypeWrapper<VariantModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Address: Address;
  String: Scalars['String']['output'];
  AdjustStockInput: AdjustStockInput;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  GeoPoint: GeoPoint;
  Float: Scalars['Float']['output'];
  GeoPointInput: GeoPointInput;
  Location: LocationModel;
  Boolean: Scalars['Boolean']['output'];
  MoneyInput: MoneyInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Product: ProductModel;
  Query: Record<PropertyKey, never>;
  Reservation: ReservationModel;
  ReservationChange: ReservationChangeModel;
  ReserveInput: ReserveInput;
  ReservePayload: Omit<ReservePayload, 'reservation'> & { reservation?: Maybe<ResolversParentTypes['Reservation']> };
  SaleInput: SaleInput;
  SaleLineInput: SaleLineInput;
  StockChange: StockChangeModel;
  StockLevel: StockLevelModel;
  StockLevelConnection: StockLevelConnectionModel;
  StockLevelEdge: Omit<StockLevelEdge, 'node'> & { node: ResolversParentTypes['StockLevel'] };
  StockPayload: Omit<StockPayload, 'changes'> & { changes: Array<ResolversParentTypes['StockChange']> };
  StoreAvailability: StoreAvailabilityModel;
  Subscription: Record<PropertyKey, never>;
  UserError: UserError;
  Variant: VariantModel;
}>;

export type AddressResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address']> = ResolversObject<{
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line1?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type GeoPointResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['GeoPoint'] = ResolversParentTypes['GeoPoint']> = ResolversObject<{
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lng?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type LocationResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location'], FederationReferenceType extends FederationReferenceTypes['Location'] = FederationReferenceTypes['Location']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Location']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<ResolversTypes['Address'], ParentType, ContextType>;
  geo?: Resolver<ResolversTypes['GeoPoint'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['LocationKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  openingHours?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  pickupEnabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  stock?: Resolver<ResolversTypes['StockLevelConnection'], ParentType, ContextType, RequireFields<LocationStockArgs, 'first'>>;
}>;

export type MutationResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  adjustStock?: Resolver<ResolversTypes['StockPayload'], ParentType, ContextType, RequireFields<MutationAdjustStockArgs, 'idempotencyKey' | 'input'>>;
  cancelReservation?: Resolver<ResolversTypes['ReservePayload'], ParentType, ContextType, RequireFields<MutationCancelReservationArgs, 'id'>>;
  collectReservation?: Resolver<ResolversTypes['ReservePayload'], ParentType, ContextType, RequireFields<MutationCollectReservationArgs, 'id'>>;
  recordSale?: Resolver<ResolversTypes['StockPayload'], ParentType, ContextType, RequireFields<MutationRecordSaleArgs, 'idempotencyKey' | 'input'>>;
  reserveForPickup?: Resolver<ResolversTypes['ReservePayload'], ParentType, ContextType, RequireFields<MutationReserveForPickupArgs, 'idempotencyKey' | 'input'>>;
}>;

export type PageInfoResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ProductResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inStock?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType, Partial<ProductInStockArgs>>;
}>;

export type QueryResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  location?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType, RequireFields<QueryLocationArgs, 'id'>>;
  locations?: Resolver<Array<ResolversTypes['Location']>, ParentType, ContextType, RequireFields<QueryLocationsArgs, 'first'>>;
  reservation?: Resolver<Maybe<ResolversTypes['Reservation']>, ParentType, ContextType, RequireFields<QueryReservationArgs, 'id'>>;
  reservationChanges?: Resolver<Array<ResolversTypes['ReservationChange']>, ParentType, ContextType, RequireFields<QueryReservationChangesArgs, 'after' | 'first'>>;
  reservations?: Resolver<Array<ResolversTypes['Reservation']>, ParentType, ContextType, RequireFields<QueryReservationsArgs, 'first' | 'locationId' | 'status'>>;
  stockChanges?: Resolver<Array<ResolversTypes['StockChange']>, ParentType, ContextType, RequireFields<QueryStockChangesArgs, 'after' | 'first'>>;
  stockLedgerHead?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ReservationResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Reservation'] = ResolversParentTypes['Reservation'], FederationReferenceType extends FederationReferenceTypes['Reservation'] = FederationReferenceTypes['Reservation']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Reservation']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  customerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReservationStatus'], ParentType, ContextType>;
  variant?: Resolver<Maybe<ResolversTypes['Variant']>, ParentType, ContextType>;
}>;

export type ReservationChangeResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['ReservationChange'] = ResolversParentTypes['ReservationChange']> = ResolversObject<{
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reservation?: Resolver<ResolversTypes['Reservation'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReservationStatus'], ParentType, ContextType>;
}>;

export type ReservePayloadResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['ReservePayload'] = ResolversParentTypes['ReservePayload']> = ResolversObject<{
  reservation?: Resolver<Maybe<ResolversTypes['Reservation']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type StockChangeResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockChange'] = ResolversParentTypes['StockChange']> = ResolversObject<{
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  delta?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  onHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['StockChangeReason'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AvailabilityStatus'], ParentType, ContextType>;
  variant?: Resolver<Maybe<ResolversTypes['Variant']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type StockLevelResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockLevel'] = ResolversParentTypes['StockLevel']> = ResolversObject<{
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  onHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AvailabilityStatus'], ParentType, ContextType>;
  variant?: Resolver<Maybe<ResolversTypes['Variant']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type StockLevelConnectionResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockLevelConnection'] = ResolversParentTypes['StockLevelConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['StockLevelEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type StockLevelEdgeResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockLevelEdge'] = ResolversParentTypes['StockLevelEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['StockLevel'], ParentType, ContextType>;
}>;

export type StockPayloadResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockPayload'] = ResolversParentTypes['StockPayload']> = ResolversObject<{
  changes?: Resolver<Array<ResolversTypes['StockChange']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type StoreAvailabilityResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StoreAvailability'] = ResolversParentTypes['StoreAvailability']> = ResolversObject<{
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  distanceKm?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AvailabilityStatus'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  reservationChanged?: SubscriptionResolver<ResolversTypes['ReservationChange'], "reservationChanged", ParentType, ContextType, Partial<SubscriptionReservationChangedArgs>>;
  stockChanged?: SubscriptionResolver<ResolversTypes['StockChange'], "stockChanged", ParentType, ContextType, Partial<SubscriptionStockChangedArgs>>;
}>;

export type UserErrorResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type VariantResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Variant'] = ResolversParentTypes['Variant'], FederationReferenceType extends FederationReferenceTypes['Variant'] = FederationReferenceTypes['Variant']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Variant']> | FederationReferenceType, FederationReferenceType, ContextType>;
  availability?: Resolver<Maybe<Array<ResolversTypes['StoreAvailability']>>, ParentType, ContextType, RequireFields<VariantAvailabilityArgs, 'first' | 'near' | 'radiusKm'>>;
  availableOnline?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  stock?: Resolver<Maybe<Array<ResolversTypes['StockLevel']>>, ParentType, ContextType, Partial<VariantStockArgs>>;
}>;

export type Resolvers<ContextType = InventoryContext> = ResolversObject<{
  Address?: AddressResolvers<ContextType>;
  GeoPoint?: GeoPointResolvers<ContextType>;
  Location?: LocationResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Reservation?: ReservationResolvers<ContextType>;
  ReservationChange?: ReservationChangeResolvers<ContextType>;
  ReservePayload?: ReservePayloadResolvers<ContextType>;
  StockChange?: StockChangeResolvers<ContextType>;
  StockLevel?: StockLevelResolvers<ContextType>;
  StockLevelConnection?: StockLevelConnectionResolvers<ContextType>;
  StockLevelEdge?: StockLevelEdgeResolvers<ContextType>;
  StockPayload?: StockPayloadResolvers<ContextType>;
  StoreAvailability?: StoreAvailabilityResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  Variant?: VariantResolvers<ContextType>;
}>;

