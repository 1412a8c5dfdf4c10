import type { Attribute, ChannelListing, Money, PageInfo } from './generated/resolvers.js';

/** What a Product resolver receives: a products row, decoded. */
export interface ProductModel {
  id: string;
  /** Ordinal: the sort key of product lists. */
  n: number;
  slug: string;
  name: string;
  description: string;
  brand: string;
  categoryId: string;
  images: string[];
  attributes: Attribute[];
}

/** What a Variant resolver receives: a variants row, decoded. */
export interface VariantModel {
  sku: string;
  productId: string;
  position: number;
  barcode: string;
  name: string;
  options: Attribute[];
  price: Money;
}

/** What a Category resolver receives. */
export interface CategoryModel {
  id: string;
  name: string;
  parentId: string | null;
}

export type ChannelListingModel = ChannelListing;

/** A page of products; the total is only counted when a client asks for it. */
export interface ProductConnectionModel {
  edges: { cursor: string; node: ProductModel }[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}
