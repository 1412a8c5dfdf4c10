import type { GraphQLResolveInfo } from 'graphql';
import type { PromotionModel } from '../models.js';
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

export type Customer = {
  __typename?: 'Customer';
  id: Scalars['ID']['output'];
  /** Personal promotions active now for this customer, optionally on one channel; soonest to end first; null only when the promotions subgraph cannot answer (an error names this path). */
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
  /**
   * Ends a promotion now (back office): from this moment no channel applies it, and effective prices
   * are computed without it. A promotion that has not started yet is cancelled (its period emptied).
   * Idempotent under its key, audited.
   */
  endPromotion: PromotionPayload;
};


export type MutationEndPromotionArgs = {
  id: Scalars['ID']['input'];
  idempotencyKey: Scalars['String']['input'];
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

/** What a back-office change of a promotion did: the promotion as it is now, or why nothing changed. */
export type PromotionPayload = {
  __typename?: 'PromotionPayload';
  /** The promotion after the change; null when it was refused. */
  promotion?: Maybe<Promotion>;
  /** Why the change was refused (UNKNOWN_PROMOTION, ALREADY_ENDED, INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSED); empty when it was made. */
  userErrors: Array<UserError>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * Promotions ordered by id, optionally only those on a channel and those active at an instant
   * (ISO 8601 date or date-time, UTC when no offset is given; a malformed instant is a BAD_USER_INPUT error).
   * Without `activeAt` past and future promotions are listed too.
   */
  promotions: Array<Promotion>;
};


export type QueryPromotionsArgs = {
  activeAt?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<Channel>;
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
    & GraphQLRecursivePick<FederationTypes['Customer'], {"id":true}> );
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
  Customer: ResolverTypeWrapper<Omit<Customer, 'personalOffers'> & { personalOffers?: Maybe<Array<ResolversTypes['Promotion']>> }>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Discount: ResolverTypeWrapper<Discount>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Money: ResolverTypeWrapper<Money>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Promotion: ResolverTypeWrapper<PromotionModel>;
  PromotionPayload: ResolverTypeWrapper<Omit<PromotionPayload, 'promotion'> & { promotion?: Maybe<ResolversTypes['Promotion']> }>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UserError: ResolverTypeWrapper<UserError>;
  Variant: ResolverTypeWrapper<Omit<Variant, 'activePromotions'> & { activePromotions?: Maybe<Array<ResolversTypes['Promotion']>> }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Customer: Omit<Customer, 'personalOffers'> & { personalOffers?: Maybe<Array<ResolversParentTypes['Promotion']>> } | FederationReferenceTypes['Customer'];
  ID: Scalars['ID']['output'];
  Discount: Discount;
  Int: Scalars['Int']['output'];
  Money: Money;
  String: Scalars['String']['output'];
  Mutation: Record<PropertyKey, never>;
  Promotion: PromotionModel;
  PromotionPayload: Omit<PromotionPayload, 'promotion'> & { promotion?: Maybe<ResolversParentTypes['Promotion']> };
  Query: Record<PropertyKey, never>;
  UserError: UserError;
  Variant: Omit<Variant, 'activePromotions'> & { activePromotions?: Maybe<Array<ResolversParentTypes['Promotion']>> } | FederationReferenceTypes['Variant'];
  Boolean: Scalars['Boolean']['output'];
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
  promotions?: Resolver<Array<ResolversTypes['Promotion']>, ParentType, ContextType, Partial<QueryPromotionsArgs>>;
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
  Promotion?: PromotionResolvers<ContextType>;
  PromotionPayload?: PromotionPayloadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  Variant?: VariantResolvers<ContextType>;
}>;

