import type { GraphQLResolveInfo } from 'graphql';
import type { ProductModel, VariantModel, CategoryModel, ProductConnectionModel } from '../models.js';
import type { CatalogContext } from '../context.js';
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

/** A named property, e.g. colour = blue. */
export type Attribute = {
  __typename?: 'Attribute';
  /** Property name. */
  name: Scalars['String']['output'];
  /** Property value. */
  value: Scalars['String']['output'];
};

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
   * Sets a variant's list price (back office). Idempotent: a retry with the same key and input gets the
   * first outcome and changes nothing; the same key with another input is refused. Audited.
   */
  updateVariantPrice: VariantPayload;
};


export type MutationUpdateVariantPriceArgs = {
  idempotencyKey: Scalars['String']['input'];
  input: UpdatePriceInput;
};

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
  /** How the product is listed on a channel; null when it is not sold on that channel. */
  listing?: Maybe<ChannelListing>;
  /** Every channel the product is listed on. */
  listings: Array<ChannelListing>;
  /** Display name. */
  name: Scalars['String']['output'];
  /** URL-safe unique name. */
  slug: Scalars['String']['output'];
  /** The variants (sizes, colours...) of the product. */
  variants: Array<Variant>;
};


/** A sellable product; its variants are the units that have stock and prices. */
export type ProductListingArgs = {
  channel: Channel;
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

export type Query = {
  __typename?: 'Query';
  /** Every category. */
  categories: Array<Category>;
  /** A product by id or slug (exactly one); null when unknown. */
  product?: Maybe<Product>;
  /** Products in a stable order, paginated: `first` is 0 to 100. */
  products: ProductConnection;
  /** A variant by SKU or barcode (exactly one); null when unknown. */
  variant?: Maybe<Variant>;
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


export type QueryVariantArgs = {
  barcode?: InputMaybe<Scalars['String']['input']>;
  sku?: InputMaybe<Scalars['ID']['input']>;
};

/** A new list price for one variant. */
export type UpdatePriceInput = {
  /** Its new list price, in the catalog's currency. */
  price: MoneyInput;
  /** The variant's SKU. */
  sku: Scalars['ID']['input'];
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

/** A purchasable unit of a product (a size or colour), identified by its SKU. */
export type Variant = {
  __typename?: 'Variant';
  /** EAN-13 barcode scanned at the till. */
  barcode: Scalars['String']['output'];
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
};

/** What a price change did: the variant as it is now, or why nothing changed. */
export type VariantPayload = {
  __typename?: 'VariantPayload';
  /** Why the change was refused (INVALID_AMOUNT, CURRENCY_MISMATCH, UNKNOWN_SKU, INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSED); empty when it was made. */
  userErrors: Array<UserError>;
  /** The variant with its new price; null when the change was refused. */
  variant?: Maybe<Variant>;
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
  Category: Category;
  Product: Product;
  Variant: Variant;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Category:
    ( { __typename: 'Category' }
    & GraphQLRecursivePick<FederationTypes['Category'], {"id":true}> );
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"id":true}> );
  Variant:
    ( { __typename: 'Variant' }
    & GraphQLRecursivePick<FederationTypes['Variant'], {"sku":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Attribute: ResolverTypeWrapper<Attribute>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Category: ResolverTypeWrapper<CategoryModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Channel: Channel;
  ChannelListing: ResolverTypeWrapper<ChannelListing>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Money: ResolverTypeWrapper<Money>;
  MoneyInput: MoneyInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Product: ResolverTypeWrapper<ProductModel>;
  ProductConnection: ResolverTypeWrapper<ProductConnectionModel>;
  ProductEdge: ResolverTypeWrapper<Omit<ProductEdge, 'node'> & { node: ResolversTypes['Product'] }>;
  ProductFilter: ProductFilter;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdatePriceInput: UpdatePriceInput;
  UserError: ResolverTypeWrapper<UserError>;
  Variant: ResolverTypeWrapper<VariantModel>;
  VariantPayload: ResolverTypeWrapper<Omit<VariantPayload, 'variant'> & { variant?: Maybe<ResolversTypes['Variant']> }>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Attribute: Attribute;
  String: Scalars['String']['output'];
  Category: CategoryModel;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  ChannelListing: ChannelListing;
  Boolean: Scalars['Boolean']['output'];
  Money: Money;
  MoneyInput: MoneyInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Product: ProductModel;
  ProductConnection: ProductConnectionModel;
  ProductEdge: Omit<ProductEdge, 'node'> & { node: ResolversParentTypes['Product'] };
  ProductFilter: ProductFilter;
  Query: Record<PropertyKey, never>;
  UpdatePriceInput: UpdatePriceInput;
  UserError: UserError;
  Variant: VariantModel;
  VariantPayload: Omit<VariantPayload, 'variant'> & { variant?: Maybe<ResolversParentTypes['Variant']> };
}>;

export type AttributeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Attribute'] = ResolversParentTypes['Attribute']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type CategoryResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Category'] = ResolversParentTypes['Category'], FederationReferenceType extends FederationReferenceTypes['Category'] = FederationReferenceTypes['Category']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Category']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<CategoryProductsArgs, 'first'>>;
}>;

export type ChannelListingResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ChannelListing'] = ResolversParentTypes['ChannelListing']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  published?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  updateVariantPrice?: Resolver<ResolversTypes['VariantPayload'], ParentType, ContextType, RequireFields<MutationUpdateVariantPriceArgs, 'idempotencyKey' | 'input'>>;
}>;

export type PageInfoResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ProductResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  attributes?: Resolver<Array<ResolversTypes['Attribute']>, ParentType, ContextType>;
  brand?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  category?: Resolver<ResolversTypes['Category'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  images?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  listing?: Resolver<Maybe<ResolversTypes['ChannelListing']>, ParentType, ContextType, RequireFields<ProductListingArgs, 'channel'>>;
  listings?: Resolver<Array<ResolversTypes['ChannelListing']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  variants?: Resolver<Array<ResolversTypes['Variant']>, ParentType, ContextType>;
}>;

export type ProductConnectionResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductConnection'] = ResolversParentTypes['ProductConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ProductEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ProductEdgeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductEdge'] = ResolversParentTypes['ProductEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  categories?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, Partial<QueryProductArgs>>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<QueryProductsArgs, 'first'>>;
  variant?: Resolver<Maybe<ResolversTypes['Variant']>, ParentType, ContextType, Partial<QueryVariantArgs>>;
}>;

export type UserErrorResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type VariantResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Variant'] = ResolversParentTypes['Variant'], FederationReferenceType extends FederationReferenceTypes['Variant'] = FederationReferenceTypes['Variant']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Variant']> | FederationReferenceType, FederationReferenceType, ContextType>;
  barcode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  options?: Resolver<Array<ResolversTypes['Attribute']>, ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type VariantPayloadResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['VariantPayload'] = ResolversParentTypes['VariantPayload']> = ResolversObject<{
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  variant?: Resolver<Maybe<ResolversTypes['Variant']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = CatalogContext> = ResolversObject<{
  Attribute?: AttributeResolvers<ContextType>;
  Category?: CategoryResolvers<ContextType>;
  ChannelListing?: ChannelListingResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  ProductConnection?: ProductConnectionResolvers<ContextType>;
  ProductEdge?: ProductEdgeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  Variant?: VariantResolvers<ContextType>;
  VariantPayload?: VariantPayloadResolvers<ContextType>;
}>;

