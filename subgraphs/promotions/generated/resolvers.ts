import type { GraphQLResolveInfo } from 'graphql';
import type { PromotionModel, VariantReference } from '../models.js';
import type { PriceEventModel } from '../price-events.js';
import type { PromotionsContext } from '../context.js';
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

/** The customer's consents, as the customer subgraph answers them to the caller (it refuses them to store staff without consent). */
export type Consents = {
  __typename?: 'Consents';
  personalizedOffers: Scalars['Boolean']['output'];
};

export type Customer = {
  __typename?: 'Customer';
  consents: Consents;
  id: Scalars['ID']['output'];
  /**
   * Personal promotions active now for this customer, optionally on one channel; soonest to end first;
   * null when the promotions subgraph cannot answer, or when store staff ask for a customer who did not
   * consent to personalised service (CONSENT_REQUIRED): an error names the path. Store staff see them
   * only when `consents.personalizedOffers` is true, which is why the field requires it.
   */
  personalOffers?: Maybe<Array<Promotion>>;
};


export type CustomerPersonalOffersArgs = {
  channel?: InputMaybe<Channel>;
};

/** A price reduction: exactly one of the two is set. */
export type Discount = {
  __typename?: 'Discount';
  /** Fixed amount taken off the list price per unit. */
  amountOff?: Maybe<Money>;
  /** Percentage taken off the list price, 1 to 100. */
  percentOff?: Maybe<Scalars['Int']['output']>;
};

/** The reduction a new promotion grants: exactly one of the two. */
export type DiscountInput = {
  /** Fixed amount taken off the list price per unit, in the catalog's currency. */
  amountOff?: InputMaybe<MoneyInput>;
  /** Percentage taken off the list price, 1 to 100. */
  percentOff?: InputMaybe<Scalars['Int']['input']>;
};

/** An amount of money in integer minor units (cents) with its ISO 4217 currency; never a float. */
export type Money = {
  __typename?: 'Money';
  /** Amount in minor units of the currency (e.g. 1999 = 19.99 EUR). */
  amount: Scalars['Int']['output'];
  /** ISO 4217 currency code, e.g. EUR. */
  currency: Scalars['String']['output'];
};

/** An amount of money sent by a client. */
export type MoneyInput = {
  /** Amount in minor units of the currency (1999 = 19.99 EUR), 1 to 100,000,000. */
  amount: Scalars['Int']['input'];
  /** ISO 4217 currency code: the catalog's own (EUR). */
  currency: Scalars['String']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Ends a promotion now (back office): from this moment no channel applies it, and effective prices
   * are computed without it. A promotion that has not started yet is cancelled (its period emptied).
   * Idempotent under its key, audited.
   */
  endPromotion: PromotionPayload;
  /**
   * Starts a promotion (back office): now, or at its `startsAt`, when every channel's effective prices
   * change with nobody calling anything. Refused when it overlaps a promotion on the same items, a
   * shared channel and the same stores in an overlapping period (OVERLAPPING_PROMOTION: discounts never
   * stack, so one of the two would silently never apply). Idempotent under its key, audited.
   */
  startPromotion: PromotionPayload;
};


export type MutationEndPromotionArgs = {
  id: Scalars['ID']['input'];
  idempotencyKey: Scalars['String']['input'];
};


export type MutationStartPromotionArgs = {
  idempotencyKey: Scalars['String']['input'];
  input: PromotionInput;
};

/** One change of a variant's effective price on one channel (and store): a row of the price ledger. */
export type PriceChange = {
  __typename?: 'PriceChange';
  /** When the change took effect (ISO 8601). */
  at: Scalars['String']['output'];
  /** The channel the price is for. */
  channel: Channel;
  /** The effective price from this change on: list price minus the best applicable promotion. */
  effectivePrice: Money;
  /** The effective price before the change. */
  previous: Money;
  /** The promotion that started or ended, for PROMOTION_STARTED and PROMOTION_ENDED. */
  promotion?: Maybe<Promotion>;
  /** What changed. */
  reason: PriceChangeReason;
  /** Position in the price ledger, strictly increasing: the resume cursor of `priceChanged(after:)`. */
  sequence: Scalars['Int']['output'];
  /** The store the price is for, when it differs from the channel's price through a store-only promotion; null for the channel's price. */
  storeId?: Maybe<Scalars['ID']['output']>;
  /** The variant whose price changed. */
  variant: Variant;
};

/** Why an effective price changed. */
export type PriceChangeReason =
  /** The catalog's list price of the variant changed. */
  | 'PRICE_UPDATED'
  /** A promotion that applied ended (by the back office or at its own end). */
  | 'PROMOTION_ENDED'
  /** A promotion that applies started (by the back office or at its own start). */
  | 'PROMOTION_STARTED';

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

/** A promotion the back office starts (personal offers are not started this way). */
export type PromotionInput = {
  /** Channels where it applies (at least one). */
  channels: Array<Channel>;
  /** What the customer is told, up to 2,000 characters. */
  description: Scalars['String']['input'];
  /** The reduction granted. */
  discount: DiscountInput;
  /** End of validity (ISO 8601, exclusive), after `startsAt` and after now. */
  endsAt: Scalars['String']['input'];
  /** Display name, 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** Only these variants (1 to 1,000 skus); every variant when absent (sitewide). */
  skus?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Start of validity (ISO 8601, inclusive); now when absent. Prices change at that moment with nobody calling anything. */
  startsAt?: InputMaybe<Scalars['String']['input']>;
  /** Only these stores (1 to 100 ids); every store and every non-store channel when absent. */
  storeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** What a back-office change of a promotion did: the promotion as it is now, or why nothing changed. */
export type PromotionPayload = {
  __typename?: 'PromotionPayload';
  /** The promotion after the change; null when it was refused. */
  promotion?: Maybe<Promotion>;
  /** Why the change was refused (INVALID_PROMOTION, OVERLAPPING_PROMOTION, UNKNOWN_SKU for startPromotion; UNKNOWN_PROMOTION, ALREADY_ENDED for endPromotion; INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSED); empty when it was made. */
  userErrors: Array<UserError>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * The price ledger by pages, as `priceChanged(after:)` replays it: the matching changes whose
   * sequence is greater than `after`, oldest first, at most `first` (1 to 1000). The gateway reads it
   * so that each subscriber of a shared stream catches up from its own cursor.
   */
  priceChanges: Array<PriceChange>;
  /**
   * The sequence of the last price change (0 when none). Subscribe with `priceChanged(after:)` set to
   * it to get every change from this moment on, across any reconnect.
   */
  priceLedgerHead: Scalars['Int']['output'];
  /**
   * Promotions ordered by id, optionally only those on a channel and those active at an instant
   * (ISO 8601 date or date-time, UTC when no offset is given; a malformed instant is a BAD_USER_INPUT error).
   * Without `activeAt` past and future promotions are listed too.
   */
  promotions: Array<Promotion>;
};


export type QueryPriceChangesArgs = {
  after: Scalars['Int']['input'];
  channel: Channel;
  first?: InputMaybe<Scalars['Int']['input']>;
  skus?: InputMaybe<Array<Scalars['ID']['input']>>;
  storeId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPromotionsArgs = {
  activeAt?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<Channel>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Every change of the effective price of the variants given (1 to 100 skus; all when absent) on the
   * channel, in the store when `storeId` is given (its store-only promotions count), in ledger order:
   * list price updates, promotions started and ended (also at their own dates). Personal offers are
   * not part of it. With `after`, first replays every matching change whose sequence is greater, then
   * continues live: no gap, no duplicate.
   */
  priceChanged: PriceChange;
};


export type SubscriptionPriceChangedArgs = {
  after?: InputMaybe<Scalars['Int']['input']>;
  channel: Channel;
  skus?: InputMaybe<Array<Scalars['ID']['input']>>;
  storeId?: InputMaybe<Scalars['ID']['input']>;
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
  /**
   * Promotions that apply to this variant now on the channel, in the store and for the customer given;
   * best discount first (on the list price, hence the price it requires), ties by id.
   * A store-only promotion needs `storeId`; a personal offer needs `customerId`.
   * Null only when the promotions subgraph (or the catalog, for the price) cannot answer: an error names this path.
   */
  activePromotions?: Maybe<Array<Promotion>>;
  /**
   * List price minus the single best applicable promotion (discounts never stack), never below zero;
   * a percentage discount is rounded half up to the minor unit, an amount discount only applies in its own currency.
   * Null only when the promotions subgraph (or the catalog, for the price) cannot answer: an error names this path.
   */
  effectivePrice?: Maybe<Money>;
  price: Money;
  sku: Scalars['ID']['output'];
};


export type VariantActivePromotionsArgs = {
  channel: Channel;
  customerId?: InputMaybe<Scalars['ID']['input']>;
  storeId?: InputMaybe<Scalars['ID']['input']>;
};


export type VariantEffectivePriceArgs = {
  channel: Channel;
  customerId?: InputMaybe<Scalars['ID']['input']>;
  storeId?: InputMaybe<Scalars['ID']['input']>;
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
  Promotion: Promotion;
  Variant: Variant;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Customer:
    ( { __typename: 'Customer' }
    & GraphQLRecursivePick<FederationTypes['Customer'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Customer'], {"consents":{"personalizedOffers":true}}> ) );
  Promotion:
    ( { __typename: 'Promotion' }
    & GraphQLRecursivePick<FederationTypes['Promotion'], {"id":true}> );
  Variant:
    ( { __typename: 'Variant' }
    & GraphQLRecursivePick<FederationTypes['Variant'], {"sku":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Variant'], {"price":{"amount":true,"currency":true}}>
        | GraphQLRecursivePick<FederationTypes['Variant'], {"price":{"amount":true,"currency":true}}>
        | GraphQLRecursivePick<FederationTypes['Variant'], {"price":{"amount":true,"currency":true}}> ) );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Channel: Channel;
  Consents: ResolverTypeWrapper<Consents>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Customer: ResolverTypeWrapper<Omit<Customer, 'personalOffers'> & { personalOffers?: Maybe<Array<ResolversTypes['Promotion']>> }>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Discount: ResolverTypeWrapper<Discount>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DiscountInput: DiscountInput;
  Money: ResolverTypeWrapper<Money>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  MoneyInput: MoneyInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PriceChange: ResolverTypeWrapper<PriceEventModel>;
  PriceChangeReason: PriceChangeReason;
  Promotion: ResolverTypeWrapper<PromotionModel>;
  PromotionInput: PromotionInput;
  PromotionPayload: ResolverTypeWrapper<Omit<PromotionPayload, 'promotion'> & { promotion?: Maybe<ResolversTypes['Promotion']> }>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UserError: ResolverTypeWrapper<UserError>;
  Variant: ResolverTypeWrapper<VariantReference>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Consents: Consents;
  Boolean: Scalars['Boolean']['output'];
  Customer: Omit<Customer, 'personalOffers'> & { personalOffers?: Maybe<Array<ResolversParentTypes['Promotion']>> } | FederationReferenceTypes['Customer'];
  ID: Scalars['ID']['output'];
  Discount: Discount;
  Int: Scalars['Int']['output'];
  DiscountInput: DiscountInput;
  Money: Money;
  String: Scalars['String']['output'];
  MoneyInput: MoneyInput;
  Mutation: Record<PropertyKey, never>;
  PriceChange: PriceEventModel;
  Promotion: PromotionModel;
  PromotionInput: PromotionInput;
  PromotionPayload: Omit<PromotionPayload, 'promotion'> & { promotion?: Maybe<ResolversParentTypes['Promotion']> };
  Query: Record<PropertyKey, never>;
  Subscription: Record<PropertyKey, never>;
  UserError: UserError;
  Variant: VariantReference;
}>;

export type CustomerResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer'], FederationReferenceType extends FederationReferenceTypes['Customer'] = FederationReferenceTypes['Customer']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  personalOffers?: Resolver<Maybe<Array<ResolversTypes['Promotion']>>, ParentType, ContextType, Partial<CustomerPersonalOffersArgs>>;
}>;

export type DiscountResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Discount'] = ResolversParentTypes['Discount']> = ResolversObject<{
  amountOff?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  percentOff?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  endPromotion?: Resolver<ResolversTypes['PromotionPayload'], ParentType, ContextType, RequireFields<MutationEndPromotionArgs, 'id' | 'idempotencyKey'>>;
  startPromotion?: Resolver<ResolversTypes['PromotionPayload'], ParentType, ContextType, RequireFields<MutationStartPromotionArgs, 'idempotencyKey' | 'input'>>;
}>;

export type PriceChangeResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['PriceChange'] = ResolversParentTypes['PriceChange']> = ResolversObject<{
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  effectivePrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  previous?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  promotion?: Resolver<Maybe<ResolversTypes['Promotion']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['PriceChangeReason'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  storeId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  variant?: Resolver<ResolversTypes['Variant'], ParentType, ContextType>;
}>;

export type PromotionResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Promotion'] = ResolversParentTypes['Promotion'], FederationReferenceType extends FederationReferenceTypes['Promotion'] = FederationReferenceTypes['Promotion']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Promotion']> | FederationReferenceType, FederationReferenceType, ContextType>;
  channels?: Resolver<Array<ResolversTypes['Channel']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  discount?: Resolver<ResolversTypes['Discount'], ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  segment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  storeIds?: Resolver<Maybe<Array<ResolversTypes['ID']>>, ParentType, ContextType>;
}>;

export type PromotionPayloadResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['PromotionPayload'] = ResolversParentTypes['PromotionPayload']> = ResolversObject<{
  promotion?: Resolver<Maybe<ResolversTypes['Promotion']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  priceChanges?: Resolver<Array<ResolversTypes['PriceChange']>, ParentType, ContextType, RequireFields<QueryPriceChangesArgs, 'after' | 'channel' | 'first'>>;
  priceLedgerHead?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  promotions?: Resolver<Array<ResolversTypes['Promotion']>, ParentType, ContextType, Partial<QueryPromotionsArgs>>;
}>;

export type SubscriptionResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  priceChanged?: SubscriptionResolver<ResolversTypes['PriceChange'], "priceChanged", ParentType, ContextType, RequireFields<SubscriptionPriceChangedArgs, 'channel'>>;
}>;

export type UserErrorResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type VariantResolvers<ContextType = PromotionsContext, ParentType extends ResolversParentTypes['Variant'] = ResolversParentTypes['Variant'], FederationReferenceType extends FederationReferenceTypes['Variant'] = FederationReferenceTypes['Variant']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Variant']> | FederationReferenceType, FederationReferenceType, ContextType>;
  activePromotions?: Resolver<Maybe<Array<ResolversTypes['Promotion']>>, ParentType, ContextType, RequireFields<VariantActivePromotionsArgs, 'channel'>>;
  effectivePrice?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType, RequireFields<VariantEffectivePriceArgs, 'channel'>>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = PromotionsContext> = ResolversObject<{
  Customer?: CustomerResolvers<ContextType>;
  Discount?: DiscountResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PriceChange?: PriceChangeResolvers<ContextType>;
  Promotion?: PromotionResolvers<ContextType>;
  PromotionPayload?: PromotionPayloadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  Variant?: VariantResolvers<ContextType>;
}>;

