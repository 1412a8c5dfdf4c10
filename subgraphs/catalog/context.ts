import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { PageRequest } from './input-rules.js';
import type { CategoryModel, ChannelListingModel, ProductModel, VariantModel } from './models.js';
import { countCategoryProducts, findCategoryProductPages } from './product-lists.js';
import * as repository from './repository.js';
import type { CatalogDatabase } from './tables.js';

/** Per-request state of the catalog: the database and the DataLoaders that batch every load by key. */
export interface CatalogContext {
  db: Kysely<CatalogDatabase>;
  productById: DataLoader<string, ProductModel | null>;
  productBySlug: DataLoader<string, ProductModel | null>;
  variantBySku: DataLoader<string, VariantModel | null>;
  variantByBarcode: DataLoader<string, VariantModel | null>;
  variantsByProductId: DataLoader<string, VariantModel[]>;
  /** Every listing of a product; `listing(channel:)` picks one in memory, so any channel costs the same statement. */
  listingsByProductId: DataLoader<string, ChannelListingModel[]>;
  categoryById: DataLoader<string, CategoryModel | null>;
  /** One page of a category's products (sub-categories included), batched across categories. */
  categoryProductPage: DataLoader<CategoryPageKey, ProductModel[], string>;
  categoryProductCount: DataLoader<string, number>;
  /** Puts products loaded by a list into the by-key caches, so that no later lookup reloads them. */
  rememberProducts(products: readonly ProductModel[]): void;
}

export interface CategoryPageKey extends PageRequest {
  categoryId: string;
}

/** Longest `in (...)` list of one statement: far below the bound-parameter limits of both engines. */
const MAX_BATCH = 500;

function oneForEachKey<T>(keyOf: (item: T) => string, items: readonly T[], keys: readonly string[]): (T | null)[] {
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  return keys.map((key) => byKey.get(key) ?? null);
}

function allForEachKey<T>(keyOf: (item: T) => string, items: readonly T[], keys: readonly string[]): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return keys.map((key) => groups.get(key)!);
}

function loaderByKey<T>(load: (keys: readonly string[]) => Promise<T[]>, keyOf: (item: T) => string) {
  return new DataLoader<string, T | null>(async (keys) => oneForEachKey(keyOf, await load(keys), keys), {
    maxBatchSize: MAX_BATCH,
  });
}

export function createCatalogContext(db: Kysely<CatalogDatabase>): CatalogContext {
  const productById = loaderByKey((ids) => repository.findProductsByIds(db, ids), (p) => p.id);
  const productBySlug = loaderByKey((slugs) => repository.findProductsBySlugs(db, slugs), (p) => p.slug);
  const variantBySku = loaderByKey((skus) => repository.findVariantsBySkus(db, skus), (v) => v.sku);
  const variantByBarcode = loaderByKey((codes) => repository.findVariantsByBarcodes(db, codes), (v) => v.barcode);
  const categoryById = loaderByKey((ids) => repository.findCategoriesByIds(db, ids), (c) => c.id);

  const variantsByProductId = new DataLoader<string, VariantModel[]>(
    async (ids) => {
      const variants = await repository.findVariantsByProductIds(db, ids);
      for (const variant of variants) variantBySku.prime(variant.sku, variant);
      return allForEachKey((v) => v.productId, variants, ids);
    },
    { maxBatchSize: MAX_BATCH },
  );
  const listingsByProductId = new DataLoader<string, ChannelListingModel[]>(
    async (ids) =>
      allForEachKey((l) => l.productId, await repository.findListingsByProductIds(db, ids), ids).map((listings) =>
        listings.map(({ productId: _productId, ...listing }) => listing),
      ),
    { maxBatchSize: MAX_BATCH },
  );

  const categoryProductPage = new DataLoader<CategoryPageKey, ProductModel[], string>(
    async (keys) => {
      // Categories asked for the same page share one statement (in practice: all of them).
      const pages = new Map<string, Map<string, ProductModel[]>>();
      for (const [pageKey, { page, categoryIds }] of groupByPage(keys)) {
        pages.set(pageKey, await findCategoryProductPages(db, categoryIds, page));
      }
      return keys.map((key) => pages.get(pageKeyOf(key))?.get(key.categoryId) ?? []);
    },
    { cacheKeyFn: (key) => `${key.categoryId}|${pageKeyOf(key)}`, maxBatchSize: MAX_BATCH },
  );
  const categoryProductCount = new DataLoader<string, number>(
    async (ids) => {
      const counts = await countCategoryProducts(db, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    },
    { maxBatchSize: MAX_BATCH },
  );

  return {
    db,
    productById,
    productBySlug,
    variantBySku,
    variantByBarcode,
    variantsByProductId,
    listingsByProductId,
    categoryById,
    categoryProductPage,
    categoryProductCount,
    rememberProducts(products) {
      for (const product of products) {
        productById.prime(product.id, product);
        productBySlug.prime(product.slug, product);
      }
    },
  };
}

const pageKeyOf = (page: PageRequest) => `${page.first}:${page.afterN}`;

function groupByPage(keys: readonly CategoryPageKey[]): Map<string, { page: PageRequest; categoryIds: string[] }> {
  const groups = new Map<string, { page: PageRequest; categoryIds: string[] }>();
  for (const { categoryId, first, afterN } of keys) {
    const pageKey = pageKeyOf({ first, afterN });
    const group = groups.get(pageKey) ?? { page: { first, afterN }, categoryIds: [] };
    group.categoryIds.push(categoryId);
    groups.set(pageKey, group);
  }
  return groups;
}
