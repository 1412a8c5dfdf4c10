/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  join__DirectiveArguments: { input: unknown; output: unknown; }
  join__FieldSet: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
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

/** A named property, e.g. colour = blue. */
export type Attribute = {
  __typename?: 'Attribute';
  /** Property name. */
  name: Scalars['String']['output'];
  /** Property value. */
  value: Scalars['String']['output'];
};

/** How much of a variant can be sold. */
export type AvailabilityStatus =
  /** More than the low-stock threshold is available. */
  | 'IN_STOCK'
  /** Between 1 and the low-stock threshold (5 units) is available. */
  | 'LOW_STOCK'
  /** Nothing is available. */
  | 'OUT_OF_STOCK';

/** A node of the category tree. */
export type Category = {
  __typename?: 'Category';
  /** Stable category identifier. */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** Parent category; null at the root. */
  parent?: Maybe<Category>;
  /** Products of this category and of its sub-categories, in the same stable order as `Query.products`, paginated: `first` is 0 to 100. */
  products: ProductConnection;
};


/** A node of the category tree. */
export type CategoryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

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

/** The presentation of a product on one channel. */
export type ChannelListing = {
  __typename?: 'ChannelListing';
  /** The channel. */
  channel: Channel;
  /** Whether the product is currently visible on that channel. */
  published: Scalars['Boolean']['output'];
  /** Title shown on that channel. */
  title: Scalars['String']['output'];
};

/** What the customer agreed to be contacted about. */
export type Consents = {
  __typename?: 'Consents';
  /** Marketing e-mail. */
  email: Scalars['Boolean']['output'];
  /** Offers chosen for them from their history. */
  personalizedOffers: Scalars['Boolean']['output'];
  /** Marketing SMS. */
  sms: Scalars['Boolean']['output'];
  /** When the consents last changed (ISO 8601). */
  updatedAt: Scalars['String']['output'];
};

/** Consents to change; omitted ones stay as they are. */
export type ConsentsInput = {
  email?: InputMaybe<Scalars['Boolean']['input']>;
  personalizedOffers?: InputMaybe<Scalars['Boolean']['input']>;
  sms?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A person known to the retailer, whatever the channel they buy through. */
export type Customer = {
  __typename?: 'Customer';
  /** Postal addresses, the first being the default. */
  addresses: Array<Address>;
  /** Contact consents. */
  consents: Consents;
  /** E-mail address. */
  email: Scalars['String']['output'];
  /** Given name. */
  firstName: Scalars['String']['output'];
  /** Stable customer identifier. */
  id: Scalars['ID']['output'];
  /** Family name. */
  lastName: Scalars['String']['output'];
  /** Loyalty standing. */
  loyalty: Loyalty;
  /** Orders from every channel, newest first. `first` is 0 to 100. */
  orders: OrderConnection;
  /** Personal promotions active now for this customer, optionally on one channel; soonest to end first. */
  personalOffers: Array<Promotion>;
  /** Phone number in E.164 form, when known. */
  phone?: Maybe<Scalars['String']['output']>;
  /** The store they usually visit, when known. */
  preferredStore?: Maybe<Location>;
  /** Reviews the customer wrote, newest first. */
  reviews: Array<Review>;
  /** Support tickets, newest first, optionally of one status. */
  supportTickets: Array<SupportTicket>;
  /** Variants saved for later, newest first. */
  wishlist: Array<WishlistItem>;
};


/** A person known to the retailer, whatever the channel they buy through. */
export type CustomerOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A person known to the retailer, whatever the channel they buy through. */
export type CustomerPersonalOffersArgs = {
  channel?: InputMaybe<Channel>;
};


/** A person known to the retailer, whatever the channel they buy through. */
export type CustomerSupportTicketsArgs = {
  status?: InputMaybe<TicketStatus>;
};

/** Result of a change to a customer. */
export type CustomerPayload = {
  __typename?: 'CustomerPayload';
  /** The customer after the change; null on error. */
  customer?: Maybe<Customer>;
  userErrors: Array<UserError>;
};

/** A price reduction: exactly one of the two is set. */
export type Discount = {
  __typename?: 'Discount';
  /** Fixed amount taken off the list price per unit. */
  amountOff?: Maybe<Money>;
  /** Percentage taken off the list price, 1 to 100. */
  percentOff?: Maybe<Scalars['Int']['output']>;
};

/** How an order reaches the customer. */
export type Fulfillment =
  /** Shipped to an address. */
  | 'DELIVERY'
  /** Paid and taken at a store's till. */
  | 'IN_STORE'
  /** Collected in a store. */
  | 'PICKUP';

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
};

/** Whether a location is a store (open to customers) or a warehouse (serves online orders). */
export type LocationKind =
  /** A store customers visit; can hold click & collect reservations. */
  | 'STORE'
  /** A warehouse; its stock is what the web and app sell. */
  | 'WAREHOUSE';

/** A customer's standing in the loyalty programme. */
export type Loyalty = {
  __typename?: 'Loyalty';
  /** Points balance. */
  points: Scalars['Int']['output'];
  /** Current tier. */
  tier: LoyaltyTier;
};

/** Loyalty programme tier. */
export type LoyaltyTier =
  | 'BASIC'
  | 'GOLD'
  | 'PLATINUM'
  | 'SILVER';

/** An amount of money in integer minor units (cents) with its ISO 4217 currency; never a float. */
export type Money = {
  __typename?: 'Money';
  /** Amount in minor units of the currency (e.g. 1999 = 19.99 EUR). */
  amount: Scalars['Int']['output'];
  /** ISO 4217 currency code, e.g. EUR. */
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Saves a variant to a customer's wishlist; saving it twice keeps one entry. */
  addToWishlist: WishlistPayload;
  /** Opens a support ticket for a customer. */
  openSupportTicket: TicketPayload;
  /** Removes a variant from a customer's wishlist. */
  removeFromWishlist: WishlistPayload;
  /**
   * Publishes a review; a customer reviews a product at most once. Texts are trimmed.
   * userErrors codes: RATING_OUT_OF_RANGE, INVALID_TITLE, INVALID_BODY, INVALID_PRODUCT_ID,
   * INVALID_CUSTOMER_ID, ALREADY_REVIEWED. A refused review changes nothing.
   */
  submitReview: ReviewPayload;
  /** Changes a customer's contact consents. */
  updateConsents: CustomerPayload;
};


export type MutationAddToWishlistArgs = {
  customerId: Scalars['ID']['input'];
  sku: Scalars['ID']['input'];
};


export type MutationOpenSupportTicketArgs = {
  input: TicketInput;
};


export type MutationRemoveFromWishlistArgs = {
  customerId: Scalars['ID']['input'];
  sku: Scalars['ID']['input'];
};


export type MutationSubmitReviewArgs = {
  input: ReviewInput;
};


export type MutationUpdateConsentsArgs = {
  customerId: Scalars['ID']['input'];
  input: ConsentsInput;
};

/** A purchase, from any channel. */
export type Order = {
  __typename?: 'Order';
  /** The channel it was placed through. */
  channel: Channel;
  /** How it is fulfilled. */
  fulfillment: Fulfillment;
  /** Stable order identifier. */
  id: Scalars['ID']['output'];
  /** What was bought. */
  lines: Array<OrderLine>;
  /** Number printed on receipts and e-mails. */
  number: Scalars['String']['output'];
  /** When it was placed (ISO 8601). */
  placedAt: Scalars['String']['output'];
  /** Current status. */
  status: OrderStatus;
  /** The store involved (till or pickup), if any. */
  store?: Maybe<Location>;
  /** Amount paid: the sum of quantity x unit price over the lines. */
  total: Money;
};

/** A page of orders. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  /** The orders of this page, each with its cursor. */
  edges: Array<OrderEdge>;
  /** Pagination state. */
  pageInfo: PageInfo;
  /** Number of orders across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An order and its position in a connection. */
export type OrderEdge = {
  __typename?: 'OrderEdge';
  /** Opaque position; pass it as `after`. */
  cursor: Scalars['String']['output'];
  /** The order. */
  node: Order;
};

/** One variant in an order. */
export type OrderLine = {
  __typename?: 'OrderLine';
  /** Units bought. */
  quantity: Scalars['Int']['output'];
  /** Price paid per unit, promotions included. */
  unitPrice: Money;
  /** What was bought. */
  variant: Variant;
};

/** Where an order stands. */
export type OrderStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'PLACED'
  | 'READY_FOR_PICKUP'
  | 'RETURNED'
  | 'SHIPPED';

/** Relay pagination state of a connection. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge of this page; pass it as `after` to get the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** A sellable product; its variants are the units that have stock and prices. */
export type Product = {
  __typename?: 'Product';
  /** Descriptive properties shared by all variants. */
  attributes: Array<Attribute>;
  /** Brand name. */
  brand: Scalars['String']['output'];
  /** Category the product belongs to. */
  category: Category;
  /** Long description, plain text. */
  description: Scalars['String']['output'];
  /** Stable product identifier. */
  id: Scalars['ID']['output'];
  /** Image URLs, first is the main image. */
  images: Array<Scalars['String']['output']>;
  /** Whether any variant can be bought on the channel: warehouse stock for WEB, APP, MARKETPLACE and CALL_CENTER, store stock for STORE, any stock when no channel is given. */
  inStock: Scalars['Boolean']['output'];
  /** How the product is listed on a channel; null when it is not sold on that channel. */
  listing?: Maybe<ChannelListing>;
  /** Every channel the product is listed on. */
  listings: Array<ChannelListing>;
  /** Display name. */
  name: Scalars['String']['output'];
  /** Summary of the product's ratings. */
  rating: RatingSummary;
  /** The product's reviews, paginated: `first` is 0 to 100. */
  reviews: ReviewConnection;
  /** URL-safe unique name. */
  slug: Scalars['String']['output'];
  /** The variants (sizes, colours...) of the product. */
  variants: Array<Variant>;
};


/** A sellable product; its variants are the units that have stock and prices. */
export type ProductInStockArgs = {
  channel?: InputMaybe<Channel>;
};


/** A sellable product; its variants are the units that have stock and prices. */
export type ProductListingArgs = {
  channel: Channel;
};


/** A sellable product; its variants are the units that have stock and prices. */
export type ProductReviewsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<ReviewSort>;
};

/** A page of products. */
export type ProductConnection = {
  __typename?: 'ProductConnection';
  /** The products of this page, each with its cursor. */
  edges: Array<ProductEdge>;
  /** Pagination state. */
  pageInfo: PageInfo;
  /** Number of products matching, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A product and its position in a connection. */
export type ProductEdge = {
  __typename?: 'ProductEdge';
  /** Opaque position; pass it as `after`. */
  cursor: Scalars['String']['output'];
  /** The product. */
  node: Product;
};

/** Restricts a product list; every given criterion must hold. */
export type ProductFilter = {
  /** Only products of this brand (exact). */
  brand?: InputMaybe<Scalars['String']['input']>;
  /** Only products of this category or its sub-categories. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** Only products published on this channel. */
  channel?: InputMaybe<Channel>;
  /** Text in the name or brand, ignoring case and accents (eclat finds Éclat). */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** A campaign that lowers prices on some variants, channels, stores or for some customers. */
export type Promotion = {
  __typename?: 'Promotion';
  /** Channels where it applies. */
  channels: Array<Channel>;
  /** What the customer is told. */
  description: Scalars['String']['output'];
  /** The reduction granted. */
  discount: Discount;
  /** End of validity (ISO 8601, exclusive). */
  endsAt: Scalars['String']['output'];
  /** Stable promotion identifier. */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** Customer segment it targets (personal offers), e.g. 'loyal-gold'; null for everyone. */
  segment?: Maybe<Scalars['String']['output']>;
  /** Start of validity (ISO 8601, inclusive). */
  startsAt: Scalars['String']['output'];
  /** Stores where it applies; null means every store and every non-store channel. */
  storeIds?: Maybe<Array<Scalars['ID']['output']>>;
};

export type Query = {
  __typename?: 'Query';
  /** Every category. */
  categories: Array<Category>;
  /** A customer by id; null when unknown. */
  customer?: Maybe<Customer>;
  /** Customers whose name, e-mail or phone contains `search` (case-insensitive, at least 2 characters). `first` is 0 to 50. */
  customers: Array<Customer>;
  /** A location by id; null when unknown. */
  location?: Maybe<Location>;
  /** Locations, optionally of one kind; nearest first when `near` is given, else by id. `first` is 0 to 100. */
  locations: Array<Location>;
  /** A product by id or slug (exactly one); null when unknown. */
  product?: Maybe<Product>;
  /** Products in a stable order, paginated: `first` is 0 to 100. */
  products: ProductConnection;
  /**
   * Promotions ordered by id, optionally only those on a channel and those active at an instant
   * (ISO 8601 date or date-time, UTC when no offset is given; a malformed instant is a BAD_USER_INPUT error).
   * Without `activeAt` past and future promotions are listed too.
   */
  promotions: Array<Promotion>;
  /** A reservation by id; null when unknown. */
  reservation?: Maybe<Reservation>;
  /** A review by id; null when unknown. */
  review?: Maybe<Review>;
  /** A variant by SKU or barcode (exactly one); null when unknown. */
  variant?: Maybe<Variant>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  search: Scalars['String']['input'];
};


export type QueryLocationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLocationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<LocationKind>;
  near?: InputMaybe<GeoPointInput>;
};


export type QueryProductArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProductFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPromotionsArgs = {
  activeAt?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<Channel>;
};


export type QueryReservationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryReviewArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVariantArgs = {
  barcode?: InputMaybe<Scalars['String']['input']>;
  sku?: InputMaybe<Scalars['ID']['input']>;
};

/** The ratings of a product. */
export type RatingSummary = {
  __typename?: 'RatingSummary';
  /** Mean rating, 0 when there is no review, rounded to two decimals. */
  average: Scalars['Float']['output'];
  /** Number of reviews. */
  count: Scalars['Int']['output'];
  /** Five counts: distribution[i] is the number of (i+1)-star reviews. */
  distribution: Array<Scalars['Int']['output']>;
};

/** Units of a variant held in a store for a customer (click & collect). */
export type Reservation = {
  __typename?: 'Reservation';
  /** When the reservation was made (ISO 8601). */
  createdAt: Scalars['String']['output'];
  /** The customer the units are held for. */
  customer: Customer;
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
  /** What is held. */
  variant: Variant;
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

/** A customer's opinion of a product. */
export type Review = {
  __typename?: 'Review';
  /** Who wrote it; null when the customer has been deleted. */
  author?: Maybe<Customer>;
  /** The review text. */
  body: Scalars['String']['output'];
  /** When it was written (ISO 8601). */
  createdAt: Scalars['String']['output'];
  /** Stable review identifier. */
  id: Scalars['ID']['output'];
  /** The product reviewed. */
  product: Product;
  /** Stars, 1 to 5. */
  rating: Scalars['Int']['output'];
  /** Short title. */
  title: Scalars['String']['output'];
  /** Whether the author bought the product (any variant, any channel, not cancelled) before reviewing. */
  verifiedPurchase: Scalars['Boolean']['output'];
};

/** A page of reviews. */
export type ReviewConnection = {
  __typename?: 'ReviewConnection';
  /** The reviews of this page, each with its cursor. */
  edges: Array<ReviewEdge>;
  /** Pagination state. */
  pageInfo: PageInfo;
  /** Number of reviews across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A review and its position in a connection. */
export type ReviewEdge = {
  __typename?: 'ReviewEdge';
  /** Opaque position; pass it as `after`. */
  cursor: Scalars['String']['output'];
  /** The review. */
  node: Review;
};

/** A new review. */
export type ReviewInput = {
  /** The review text, 1 to 5000 characters. */
  body: Scalars['String']['input'];
  /** The author: 1 to 64 characters. Its existence is not checked (the customer subgraph owns customers). */
  customerId: Scalars['ID']['input'];
  /** The product reviewed: 1 to 64 characters. Its existence is not checked (the catalog owns products). */
  productId: Scalars['ID']['input'];
  /** Stars, 1 to 5. */
  rating: Scalars['Int']['input'];
  /** Short title, 1 to 120 characters. */
  title: Scalars['String']['input'];
};

/** Result of submitting a review. */
export type ReviewPayload = {
  __typename?: 'ReviewPayload';
  /** The new review; null on error. */
  review?: Maybe<Review>;
  userErrors: Array<UserError>;
};

/** Order of a review list. */
export type ReviewSort =
  /** Highest rating first, then newest. */
  | 'HIGHEST_RATING'
  /** Lowest rating first, then newest. */
  | 'LOWEST_RATING'
  /** Newest first. */
  | 'NEWEST'
  /** Oldest first. */
  | 'OLDEST';

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
  /** Counter of changes to this level, increasing by one with every change. */
  version: Scalars['Int']['output'];
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

/** A customer's request to the support team. */
export type SupportTicket = {
  __typename?: 'SupportTicket';
  /** The customer's description of the problem. */
  body: Scalars['String']['output'];
  /** The channel it was opened through. */
  channel: Channel;
  /** Stable ticket identifier. */
  id: Scalars['ID']['output'];
  /** When it was opened (ISO 8601). */
  openedAt: Scalars['String']['output'];
  /** The order it is about, if any. */
  order?: Maybe<Order>;
  /** Current status. */
  status: TicketStatus;
  /** Short subject line. */
  subject: Scalars['String']['output'];
};

/** A new support ticket. */
export type TicketInput = {
  /** Description of the problem, 1 to 5000 characters. */
  body: Scalars['String']['input'];
  channel: Channel;
  customerId: Scalars['ID']['input'];
  /** The order it is about, if any; must belong to the customer. */
  orderId?: InputMaybe<Scalars['ID']['input']>;
  /** Short subject line, 1 to 200 characters. */
  subject: Scalars['String']['input'];
};

/** Result of opening a ticket. */
export type TicketPayload = {
  __typename?: 'TicketPayload';
  /** The new ticket; null on error. */
  ticket?: Maybe<SupportTicket>;
  userErrors: Array<UserError>;
};

/** Status of a support ticket. */
export type TicketStatus =
  | 'OPEN'
  | 'PENDING'
  | 'RESOLVED';

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

/** A purchasable unit of a product (a size or colour), identified by its SKU. */
export type Variant = {
  __typename?: 'Variant';
  /**
   * Promotions that apply to this variant now on the channel, in the store and for the customer given;
   * best discount first (on the list price, hence the price it requires), ties by id.
   * A store-only promotion needs `storeId`; a personal offer needs `customerId`.
   */
  activePromotions: Array<Promotion>;
  /** Stores within `radiusKm` (0 to 500) of `near` that have the variant available, nearest first, at most `first` (0 to 50). Every store counts, whether or not it offers pickup: see `location.pickupEnabled`. */
  availability: Array<StoreAvailability>;
  /** Units available in warehouses: what the web, app and marketplaces can sell. */
  availableOnline: Scalars['Int']['output'];
  /** EAN-13 barcode scanned at the till. */
  barcode: Scalars['String']['output'];
  /**
   * List price minus the single best applicable promotion (discounts never stack), never below zero;
   * a percentage discount is rounded half up to the minor unit, an amount discount only applies in its own currency.
   */
  effectivePrice: Money;
  /** Display name of the variant. */
  name: Scalars['String']['output'];
  /** Options that distinguish this variant, e.g. size = M. */
  options: Array<Attribute>;
  /** List price, before promotions. */
  price: Money;
  /** The product this variant belongs to. */
  product: Product;
  /** Stock keeping unit: the variant's stable identifier. */
  sku: Scalars['ID']['output'];
  /** Stock levels at the given locations, in the order given (unknown ids are skipped), or at every location, by id, when `locationIds` is omitted. */
  stock: Array<StockLevel>;
};


/** A purchasable unit of a product (a size or colour), identified by its SKU. */
export type VariantActivePromotionsArgs = {
  channel: Channel;
  customerId?: InputMaybe<Scalars['ID']['input']>;
  storeId?: InputMaybe<Scalars['ID']['input']>;
};


/** A purchasable unit of a product (a size or colour), identified by its SKU. */
export type VariantAvailabilityArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  near: GeoPointInput;
  radiusKm?: InputMaybe<Scalars['Float']['input']>;
};


/** A purchasable unit of a product (a size or colour), identified by its SKU. */
export type VariantEffectivePriceArgs = {
  channel: Channel;
  customerId?: InputMaybe<Scalars['ID']['input']>;
  storeId?: InputMaybe<Scalars['ID']['input']>;
};


/** A purchasable unit of a product (a size or colour), identified by its SKU. */
export type VariantStockArgs = {
  locationIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** A variant a customer saved for later. */
export type WishlistItem = {
  __typename?: 'WishlistItem';
  /** When it was saved (ISO 8601). */
  addedAt: Scalars['String']['output'];
  /** The saved variant. */
  variant: Variant;
};

/** Result of a wishlist change. */
export type WishlistPayload = {
  __typename?: 'WishlistPayload';
  userErrors: Array<UserError>;
  /** The wishlist after the change; null when nothing changed because of an error. */
  wishlist?: Maybe<Array<WishlistItem>>;
};

export type Join__Graph =
  | 'CATALOG'
  | 'CUSTOMER'
  | 'INVENTORY'
  | 'PROMOTIONS'
  | 'REVIEWS';

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

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

/** How an order reaches the customer. */
export type Fulfillment =
  /** Shipped to an address. */
  | 'DELIVERY'
  /** Paid and taken at a store's till. */
  | 'IN_STORE'
  /** Collected in a store. */
  | 'PICKUP';

/** A point on Earth (WGS 84). */
export type GeoPointInput = {
  /** Latitude in degrees, -90 to 90. */
  lat: number;
  /** Longitude in degrees, -180 to 180. */
  lng: number;
};

/** Loyalty programme tier. */
export type LoyaltyTier =
  | 'BASIC'
  | 'GOLD'
  | 'PLATINUM'
  | 'SILVER';

/** Where an order stands. */
export type OrderStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'PLACED'
  | 'READY_FOR_PICKUP'
  | 'RETURNED'
  | 'SHIPPED';

/** Restricts a product list; every given criterion must hold. */
export type ProductFilter = {
  /** Only products of this brand (exact). */
  brand?: string | null | undefined;
  /** Only products of this category or its sub-categories. */
  categoryId?: string | number | null | undefined;
  /** Only products published on this channel. */
  channel?: Channel | null | undefined;
  /** Text in the name or brand, ignoring case and accents (eclat finds Éclat). */
  search?: string | null | undefined;
};

/** A new review. */
export type ReviewInput = {
  /** The review text, 1 to 5000 characters. */
  body: string;
  /** The author: 1 to 64 characters. Its existence is not checked (the customer subgraph owns customers). */
  customerId: string | number;
  /** The product reviewed: 1 to 64 characters. Its existence is not checked (the catalog owns products). */
  productId: string | number;
  /** Stars, 1 to 5. */
  rating: number;
  /** Short title, 1 to 120 characters. */
  title: string;
};

/** Status of a support ticket. */
export type TicketStatus =
  | 'OPEN'
  | 'PENDING'
  | 'RESOLVED';

export type Customer360QueryVariables = Exact<{
  id: string | number;
}>;


export type Customer360Query = { customer: { id: string, firstName: string, lastName: string, email: string, phone: string | null, loyalty: { tier: LoyaltyTier, points: number }, preferredStore: { id: string, name: string } | null, orders: { totalCount: number, edges: Array<{ node: { id: string, number: string, channel: Channel, placedAt: string, status: OrderStatus, fulfillment: Fulfillment, store: { name: string } | null, total: { amount: number, currency: string }, lines: Array<{ quantity: number, unitPrice: { amount: number, currency: string }, variant: { sku: string, product: { id: string, name: string } } }> } }> }, wishlist: Array<{ addedAt: string, variant: { sku: string, availableOnline: number, product: { name: string }, effectivePrice: { amount: number, currency: string } } }>, supportTickets: Array<{ id: string, subject: string, status: TicketStatus, channel: Channel, openedAt: string, order: { number: string } | null }>, personalOffers: Array<{ id: string, name: string }>, reviews: Array<{ rating: number, title: string, product: { name: string } }> } | null };

export type CustomerSearchQueryVariables = Exact<{
  search: string;
}>;


export type CustomerSearchQuery = { customers: Array<{ id: string, firstName: string, lastName: string, email: string, phone: string | null, loyalty: { tier: LoyaltyTier, points: number } }> };

export type ProductListingQueryVariables = Exact<{
  channel: Channel;
  filter?: ProductFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ProductListingQuery = { products: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, slug: string, inStock: boolean, listing: { title: string } | null, rating: { average: number, count: number }, variants: Array<{ sku: string, availableOnline: number, effectivePrice: { amount: number, currency: string } }> } }> } };

export type ProductPageQueryVariables = Exact<{
  id: string | number;
  channel: Channel;
  near: GeoPointInput;
}>;


export type ProductPageQuery = { product: { id: string, name: string, description: string, brand: string, inStock: boolean, category: { id: string, name: string }, listing: { title: string, published: boolean } | null, rating: { average: number, count: number, distribution: Array<number> }, reviews: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, rating: number, title: string, body: string, verifiedPurchase: boolean, author: { firstName: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, variants: Array<{ sku: string, name: string, availableOnline: number, price: { amount: number, currency: string }, effectivePrice: { amount: number, currency: string }, activePromotions: Array<{ id: string, name: string, discount: { percentOff: number | null, amountOff: { amount: number, currency: string } | null } }>, availability: Array<{ available: number, distanceKm: number, location: { id: string, name: string } }> }> } | null };

export type StoresNearbyQueryVariables = Exact<{
  sku: string | number;
  near: GeoPointInput;
}>;


export type StoresNearbyQuery = { variant: { sku: string, product: { name: string }, availability: Array<{ available: number, distanceKm: number, location: { id: string, name: string, pickupEnabled: boolean, openingHours: Array<string>, address: { line1: string, city: string, postalCode: string } } }> } | null };

export type SubmitReviewMutationVariables = Exact<{
  input: ReviewInput;
}>;


export type SubmitReviewMutation = { submitReview: { review: { id: string, rating: number, title: string, verifiedPurchase: boolean, product: { id: string, rating: { average: number, count: number } } } | null, userErrors: Array<{ code: string, message: string, field: Array<string> | null }> } };


export const Customer360Document = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Customer360"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"loyalty"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"points"}}]}},{"kind":"Field","name":{"kind":"Name","value":"preferredStore"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"placedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"fulfillment"}},{"kind":"Field","name":{"kind":"Name","value":"store"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"wishlist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addedAt"}},{"kind":"Field","name":{"kind":"Name","value":"variant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"availableOnline"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"effectivePrice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"EnumValue","value":"CALL_CENTER"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"supportTickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"personalOffers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"EnumValue","value":"CALL_CENTER"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviews"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<Customer360Query, Customer360QueryVariables>;
export const CustomerSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"loyalty"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"points"}}]}}]}}]}}]} as unknown as DocumentNode<CustomerSearchQuery, CustomerSearchQueryVariables>;
export const ProductListingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductListing"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"channel"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Channel"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProductFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"listing"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"average"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inStock"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}}]},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"effectivePrice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableOnline"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProductListingQuery, ProductListingQueryVariables>;
export const ProductPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"channel"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Channel"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"near"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GeoPointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"listing"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"published"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inStock"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}}]},{"kind":"Field","name":{"kind":"Name","value":"rating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"average"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedPurchase"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"firstName"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"effectivePrice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activePromotions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"discount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"percentOff"}},{"kind":"Field","name":{"kind":"Name","value":"amountOff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableOnline"}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"near"},"value":{"kind":"Variable","name":{"kind":"Name","value":"near"}}},{"kind":"Argument","name":{"kind":"Name","value":"radiusKm"},"value":{"kind":"IntValue","value":"30"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"distanceKm"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProductPageQuery, ProductPageQueryVariables>;
export const StoresNearbyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StoresNearby"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sku"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"near"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GeoPointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"variant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sku"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sku"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"near"},"value":{"kind":"Variable","name":{"kind":"Name","value":"near"}}},{"kind":"Argument","name":{"kind":"Name","value":"radiusKm"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"distanceKm"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"pickupEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"openingHours"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StoresNearbyQuery, StoresNearbyQueryVariables>;
export const SubmitReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedPurchase"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"average"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<SubmitReviewMutation, SubmitReviewMutationVariables>;