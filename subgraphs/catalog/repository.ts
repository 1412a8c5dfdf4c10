import type { Kysely } from 'kysely';
import type { CategoryModel, ChannelListingModel, ProductModel, VariantModel } from './models.js';
import { toCategory, toListing, toProduct, toVariant } from './rows.js';
import type { CatalogDatabase } from './tables.js';

/**
 * Loads by key. Every function takes the whole batch of keys of one request tick and runs one
 * statement (`where key in (...)`); the DataLoaders of context.ts put the answers back in order.
 */

type Db = Kysely<CatalogDatabase>;

/** Every column a ProductModel needs (the search column stays in the database). */
export const PRODUCT_COLUMNS = [
  'products.id',
  'products.n',
  'products.slug',
  'products.name',
  'products.description',
  'products.brand',
  'products.category_id',
  'products.images',
  'products.attributes',
] as const;

export async function findProductsByIds(db: Db, ids: readonly string[]): Promise<ProductModel[]> {
  const rows = await db.selectFrom('products').select(PRODUCT_COLUMNS).where('products.id', 'in', ids).execute();
  return rows.map(toProduct);
}

export async function findProductsBySlugs(db: Db, slugs: readonly string[]): Promise<ProductModel[]> {
  const rows = await db.selectFrom('products').select(PRODUCT_COLUMNS).where('products.slug', 'in', slugs).execute();
  return rows.map(toProduct);
}

export async function findVariantsBySkus(db: Db, skus: readonly string[]): Promise<VariantModel[]> {
  const rows = await db.selectFrom('variants').selectAll().where('sku', 'in', skus).execute();
  return rows.map(toVariant);
}

export async function findVariantsByBarcodes(db: Db, barcodes: readonly string[]): Promise<VariantModel[]> {
  const rows = await db.selectFrom('variants').selectAll().where('barcode', 'in', barcodes).execute();
  return rows.map(toVariant);
}

/** The variants of the given products, in their position order. */
export async function findVariantsByProductIds(db: Db, productIds: readonly string[]): Promise<VariantModel[]> {
  const rows = await db
    .selectFrom('variants')
    .selectAll()
    .where('product_id', 'in', productIds)
    .orderBy('product_id')
    .orderBy('position')
    .execute();
  return rows.map(toVariant);
}

/** Every listing of the given products, all channels: the caller picks the channel it needs. */
export async function findListingsByProductIds(
  db: Db,
  productIds: readonly string[],
): Promise<(ChannelListingModel & { productId: string })[]> {
  const rows = await db
    .selectFrom('channel_listings')
    .selectAll()
    .where('product_id', 'in', productIds)
    .orderBy('product_id')
    .orderBy('channel')
    .execute();
  return rows.map((row) => ({ ...toListing(row), productId: row.product_id }));
}

export async function findCategoriesByIds(db: Db, ids: readonly string[]): Promise<CategoryModel[]> {
  const rows = await db.selectFrom('categories').selectAll().where('id', 'in', ids).execute();
  return rows.map(toCategory);
}

/** The whole tree; ordered by id, which keeps each department next to its sub-categories. */
export async function findAllCategories(db: Db): Promise<CategoryModel[]> {
  const rows = await db.selectFrom('categories').selectAll().orderBy('id').execute();
  return rows.map(toCategory);
}
