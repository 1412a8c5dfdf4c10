/** The catalog's tables as Kysely sees them. JSON columns hold text; booleans are 0/1 integers. */
import type { Generated } from 'kysely';

export interface CategoriesTable {
  id: string;
  name: string;
  /** Null at the root of the tree. */
  parent_id: string | null;
}

export interface ProductsTable {
  id: string;
  /** Ordinal of the product: the stable sort key of every product list and of its cursors. */
  n: number;
  slug: string;
  name: string;
  description: string;
  brand: string;
  category_id: string;
  /** JSON array of image URLs, main image first. */
  images: string;
  /** JSON array of `{ name, value }`. */
  attributes: string;
  /** Name and brand folded for search (lower case, no accents), see search-text.ts. */
  search_text: string;
}

export interface VariantsTable {
  sku: string;
  product_id: string;
  /** Order of the variant within its product. */
  position: number;
  barcode: string;
  name: string;
  /** JSON array of `{ name, value }`. */
  options: string;
  /** List price in minor units of `price_currency`. */
  price_amount: number;
  price_currency: string;
  /** +1 per list price update (migration 0003): the order of the price events. */
  price_version: Generated<number>;
}

export interface ChannelListingsTable {
  product_id: string;
  channel: string;
  /** 1 when visible on the channel, else 0. */
  published: number;
  title: string;
}

/** One row per idempotency key of a back-office change (migration 0002; price-updates.ts). */
export interface CatalogIdempotencyKeysTable {
  key: string;
  /** The mutation the key was first used with. */
  operation: string;
  /** sha256 (hex) of the canonical JSON of its input. */
  request_hash: string;
  /** JSON of what it decided. */
  result: string;
  /** ISO 8601. */
  created_at: string;
}

export interface CatalogDatabase {
  categories: CategoriesTable;
  products: ProductsTable;
  variants: VariantsTable;
  channel_listings: ChannelListingsTable;
  idempotency_keys: CatalogIdempotencyKeysTable;
}
