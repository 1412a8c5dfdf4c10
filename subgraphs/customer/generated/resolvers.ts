import type { GraphQLResolveInfo } from 'graphql';
import type { CustomerModel, OrderModel, OrderLineModel, OrderConnectionModel, OrderEdgeModel, WishlistItemModel, SupportTicketModel, ReservationRepresentation, ReviewRepresentation } from '../models.js';
import type { CustomerContext } from '../context.js';
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

/**
 * A person known to the retailer, whatever the channel they buy through. `id` and `firstName` are
 * open to any signed-in caller; every other field is the customer's own and the call center's to
 * read. Store staff (`store:staff`) read them too, `addresses` excepted, but only for a customer who
 * consented to personalised service (`consents.personalizedOffers`), each read audited; for any
 * other customer those fields fail with CONSENT_REQUIRED.
 */
export type Customer = {
  __typename?: 'Customer';
  /** Postal addresses, the first being the default. Never open to store staff. */
  addresses: Array<Address>;
  /** Contact consents. */
  consents: Consents;
  /** E-mail address. */
  email: Scalars['String']['output'];
  /** Given name. */
  firstName: Scalars['String']['output'];
  /** Stable customer identifier; also the number on the loyalty card (e.g. cust-00042). */
  id: Scalars['ID']['output'];
  /** Family name. */
  lastName: Scalars['String']['output'];
  /** Loyalty standing. */
  loyalty: Loyalty;
  /** Orders from every channel, newest first. `first` is 0 to 100. */
  orders: OrderConnection;
  /** Phone number in E.164 form, when known. */
  phone?: Maybe<Scalars['String']['output']>;
  /** The store they usually visit, when known. */
  preferredStore?: Maybe<Location>;
  /** Support tickets, newest first, optionally of one status. */
  supportTickets: Array<SupportTicket>;
  /** Variants saved for later, newest first. */
  wishlist: Array<WishlistItem>;
};


/**
 * A person known to the retailer, whatever the channel they buy through. `id` and `firstName` are
 * open to any signed-in caller; every other field is the customer's own and the call center's to
 * read. Store staff (`store:staff`) read them too, `addresses` excepted, but only for a customer who
 * consented to personalised service (`consents.personalizedOffers`), each read audited; for any
 * other customer those fields fail with CONSENT_REQUIRED.
 */
export type CustomerOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A person known to the retailer, whatever the channel they buy through. `id` and `firstName` are
 * open to any signed-in caller; every other field is the customer's own and the call center's to
 * read. Store staff (`store:staff`) read them too, `addresses` excepted, but only for a customer who
 * consented to personalised service (`consents.personalizedOffers`), each read audited; for any
 * other customer those fields fail with CONSENT_REQUIRED.
 */
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

/** How an order reaches the customer. */
export type Fulfillment =
  /** Shipped to an address. */
  | 'DELIVERY'
  /** Paid and taken at a store's till. */
  | 'IN_STORE'
  /** Collected in a store. */
  | 'PICKUP';

export type Location = {
  __typename?: 'Location';
  id: Scalars['ID']['output'];
};

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
  /** What was bought; null only when the catalog cannot describe it (an error names this path). */
  variant?: Maybe<Variant>;
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

export type Product = {
  __typename?: 'Product';
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** A customer by id; null when unknown. */
  customer?: Maybe<Customer>;
  /**
   * Customers whose name, e-mail or phone contains `search` (case-insensitive, at least 2 characters),
   * or whose loyalty card number it is: the customer id (`cust-00042`) or its digits (`00042`, `42`),
   * that customer first, then the others in customer-number order. `first` is 0 to 50. Store staff
   * get every match; each one's personal fields follow the consent rule of `Customer`.
   */
  customers: Array<Customer>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  search: Scalars['String']['input'];
};

export type Reservation = {
  __typename?: 'Reservation';
  /** The customer the units are held for; null only when the customer subgraph cannot answer (an error names this path). */
  customer?: Maybe<Customer>;
  customerId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
};

export type Review = {
  __typename?: 'Review';
  author?: Maybe<Customer>;
  id: Scalars['ID']['output'];
  product?: Maybe<Product>;
  /** Whether the author bought the product (any variant, any channel, not cancelled) before reviewing; null only when the customer subgraph cannot answer (an error names this path). */
  verifiedPurchase?: Maybe<Scalars['Boolean']['output']>;
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

export type Variant = {
  __typename?: 'Variant';
  sku: Scalars['ID']['output'];
};

/** A variant a customer saved for later. */
export type WishlistItem = {
  __typename?: 'WishlistItem';
  /** When it was saved (ISO 8601). */
  addedAt: Scalars['String']['output'];
  /** The saved variant; null only when the catalog cannot describe it (an error names this path). */
  variant?: Maybe<Variant>;
};

/** Result of a wishlist change. */
export type WishlistPayload = {
  __typename?: 'WishlistPayload';
  userErrors: Array<UserError>;
  /** The wishlist after the change; null when nothing changed because of an error. */
  wishlist?: Maybe<Array<WishlistItem>>;
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
  Customer: Customer;
  Order: Order;
  Reservation: Reservation;
  Review: Review;
  SupportTicket: SupportTicket;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Customer:
    ( { __typename: 'Customer' }
    & GraphQLRecursivePick<FederationTypes['Customer'], {"id":true}> );
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  Reservation:
    ( { __typename: 'Reservation' }
    & GraphQLRecursivePick<FederationTypes['Reservation'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Reservation'], {"customerId":true}> ) );
  Review:
    ( { __typename: 'Review' }
    & GraphQLRecursivePick<FederationTypes['Review'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Review'], {"author":{"id":true},"product":{"id":true}}> ) );
  SupportTicket:
    ( { __typename: 'SupportTicket' }
    & GraphQLRecursivePick<FederationTypes['SupportTicket'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Address: ResolverTypeWrapper<Address>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Channel: Channel;
  Consents: ResolverTypeWrapper<Consents>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ConsentsInput: ConsentsInput;
  Customer: ResolverTypeWrapper<CustomerModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CustomerPayload: ResolverTypeWrapper<Omit<CustomerPayload, 'customer'> & { customer?: Maybe<ResolversTypes['Customer']> }>;
  Fulfillment: Fulfillment;
  Location: ResolverTypeWrapper<Location>;
  Loyalty: ResolverTypeWrapper<Loyalty>;
  LoyaltyTier: LoyaltyTier;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<OrderModel>;
  OrderConnection: ResolverTypeWrapper<OrderConnectionModel>;
  OrderEdge: ResolverTypeWrapper<OrderEdgeModel>;
  OrderLine: ResolverTypeWrapper<OrderLineModel>;
  OrderStatus: OrderStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Product: ResolverTypeWrapper<Product>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Reservation: ResolverTypeWrapper<ReservationRepresentation>;
  Review: ResolverTypeWrapper<ReviewRepresentation>;
  SupportTicket: ResolverTypeWrapper<SupportTicketModel>;
  TicketInput: TicketInput;
  TicketPayload: ResolverTypeWrapper<Omit<TicketPayload, 'ticket'> & { ticket?: Maybe<ResolversTypes['SupportTicket']> }>;
  TicketStatus: TicketStatus;
  UserError: ResolverTypeWrapper<UserError>;
  Variant: ResolverTypeWrapper<Variant>;
  WishlistItem: ResolverTypeWrapper<WishlistItemModel>;
  WishlistPayload: ResolverTypeWrapper<Omit<WishlistPayload, 'wishlist'> & { wishlist?: Maybe<Array<ResolversTypes['WishlistItem']>> }>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Address: Address;
  String: Scalars['String']['output'];
  Consents: Consents;
  Boolean: Scalars['Boolean']['output'];
  ConsentsInput: ConsentsInput;
  Customer: CustomerModel;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  CustomerPayload: Omit<CustomerPayload, 'customer'> & { customer?: Maybe<ResolversParentTypes['Customer']> };
  Location: Location;
  Loyalty: Loyalty;
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  Order: OrderModel;
  OrderConnection: OrderConnectionModel;
  OrderEdge: OrderEdgeModel;
  OrderLine: OrderLineModel;
  PageInfo: PageInfo;
  Product: Product;
  Query: Record<PropertyKey, never>;
  Reservation: ReservationRepresentation;
  Review: ReviewRepresentation;
  SupportTicket: SupportTicketModel;
  TicketInput: TicketInput;
  TicketPayload: Omit<TicketPayload, 'ticket'> & { ticket?: Maybe<ResolversParentTypes['SupportTicket']> };
  UserError: UserError;
  Variant: Variant;
  WishlistItem: WishlistItemModel;
  WishlistPayload: Omit<WishlistPayload, 'wishlist'> & { wishlist?: Maybe<Array<ResolversParentTypes['WishlistItem']>> };
}>;

export type AddressResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address']> = ResolversObject<{
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line1?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ConsentsResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Consents'] = ResolversParentTypes['Consents']> = ResolversObject<{
  email?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  personalizedOffers?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sms?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type CustomerResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer'], FederationReferenceType extends FederationReferenceTypes['Customer'] = FederationReferenceTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  addresses?: Resolver<Array<ResolversTypes['Address']>, ParentType, ContextType>;
  consents?: Resolver<ResolversTypes['Consents'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  firstName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  loyalty?: Resolver<ResolversTypes['Loyalty'], ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<CustomerOrdersArgs, 'first'>>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  preferredStore?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  supportTickets?: Resolver<Array<ResolversTypes['SupportTicket']>, ParentType, ContextType, Partial<CustomerSupportTicketsArgs>>;
  wishlist?: Resolver<Array<ResolversTypes['WishlistItem']>, ParentType, ContextType>;
}>;

export type CustomerPayloadResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['CustomerPayload'] = ResolversParentTypes['CustomerPayload']> = ResolversObject<{
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type LocationResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type LoyaltyResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Loyalty'] = ResolversParentTypes['Loyalty']> = ResolversObject<{
  points?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['LoyaltyTier'], ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addToWishlist?: Resolver<ResolversTypes['WishlistPayload'], ParentType, ContextType, RequireFields<MutationAddToWishlistArgs, 'customerId' | 'sku'>>;
  openSupportTicket?: Resolver<ResolversTypes['TicketPayload'], ParentType, ContextType, RequireFields<MutationOpenSupportTicketArgs, 'input'>>;
  removeFromWishlist?: Resolver<ResolversTypes['WishlistPayload'], ParentType, ContextType, RequireFields<MutationRemoveFromWishlistArgs, 'customerId' | 'sku'>>;
  updateConsents?: Resolver<ResolversTypes['CustomerPayload'], ParentType, ContextType, RequireFields<MutationUpdateConsentsArgs, 'customerId' | 'input'>>;
}>;

export type OrderResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  fulfillment?: Resolver<ResolversTypes['Fulfillment'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['OrderLine']>, ParentType, ContextType>;
  number?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  placedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  store?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type OrderConnectionResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type OrderEdgeResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
}>;

export type OrderLineResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['OrderLine'] = ResolversParentTypes['OrderLine']> = ResolversObject<{
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  variant?: Resolver<Maybe<ResolversTypes['Variant']>, ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ProductResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomerArgs, 'id'>>;
  customers?: Resolver<Array<ResolversTypes['Customer']>, ParentType, ContextType, RequireFields<QueryCustomersArgs, 'first' | 'search'>>;
}>;

export type ReservationResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Reservation'] = ResolversParentTypes['Reservation'], FederationReferenceType extends FederationReferenceTypes['Reservation'] = FederationReferenceTypes['Reservation']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Reservation']> | FederationReferenceType, FederationReferenceType, ContextType>;
  customer?: Resolver<Maybe<ResolversTypes['Customer']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type ReviewResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Review'] = ResolversParentTypes['Review'], FederationReferenceType extends FederationReferenceTypes['Review'] = FederationReferenceTypes['Review']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Review']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  verifiedPurchase?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
}>;

export type SupportTicketResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['SupportTicket'] = ResolversParentTypes['SupportTicket'], FederationReferenceType extends FederationReferenceTypes['SupportTicket'] = FederationReferenceTypes['SupportTicket']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['SupportTicket']> | FederationReferenceType, FederationReferenceType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TicketStatus'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TicketPayloadResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['TicketPayload'] = ResolversParentTypes['TicketPayload']> = ResolversObject<{
  ticket?: Resolver<Maybe<ResolversTypes['SupportTicket']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type UserErrorResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type VariantResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['Variant'] = ResolversParentTypes['Variant']> = ResolversObject<{
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type WishlistItemResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['WishlistItem'] = ResolversParentTypes['WishlistItem']> = ResolversObject<{
  addedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  variant?: Resolver<Maybe<ResolversTypes['Variant']>, ParentType, ContextType>;
}>;

export type WishlistPayloadResolvers<ContextType = CustomerContext, ParentType extends ResolversParentTypes['WishlistPayload'] = ResolversParentTypes['WishlistPayload']> = ResolversObject<{
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  wishlist?: Resolver<Maybe<Array<ResolversTypes['WishlistItem']>>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = CustomerContext> = ResolversObject<{
  Address?: AddressResolvers<ContextType>;
  Consents?: ConsentsResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  CustomerPayload?: CustomerPayloadResolvers<ContextType>;
  Location?: LocationResolvers<ContextType>;
  Loyalty?: LoyaltyResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderLine?: OrderLineResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Reservation?: ReservationResolvers<ContextType>;
  Review?: ReviewResolvers<ContextType>;
  SupportTicket?: SupportTicketResolvers<ContextType>;
  TicketPayload?: TicketPayloadResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  Variant?: VariantResolvers<ContextType>;
  WishlistItem?: WishlistItemResolvers<ContextType>;
  WishlistPayload?: WishlistPayloadResolvers<ContextType>;
}>;

