import DataLoader from 'dataloader';
import { MAX_BATCH, allByKey, oneByKey, valueByKey } from '../shared/loaders.js';
import type { Kysely } from 'kysely';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { PageRequest } from './input-rules.js';
import type { CategoryModel, ChannelListingModel, ProductModel, VariantModel } from './models.js';
import { countCategoryProducts, findCategoryProductPages } from './product-lists.js';
import * as repository from './repository.js';
import type { CatalogDatabase } from './tables.js';
import type { AuditedContext } from '../shared/audit.js';
import type { SubgraphServices } from '../shared/subgraph-server.js';
import { ANONYMOUS, type SubgraphPrincipal } from '../../platform/principal.js';

/** Per-request state of the catalog: the database and the DataLoaders that batch every load by key. */
export interface CatalogContext extends AuditedContext {
  db: Kysely<CatalogDatabase>;
  /** The clock of the back office's changes (their idempotency records). */
  now: () => Date;
  /** Where committed price updates are announced; absent for a context made without services (tests of reads). */
  events: EventBus | undefined;
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

export function createCatalogContext(db: Kysely<CatalogDatabase>, services?: Pick<SubgraphServices, 'audit' | 'now' | 'events'>, principal: SubgraphPrincipal = ANONYMOUS): CatalogContext {
  const productById = oneByKey((ids) => repository.findProductsByIds(db, ids), (p) => p.id);
  const productBySlug = oneByKey((slugs) => repository.findProductsBySlugs(db, slugs), (p) => p.slug);
  const variantBySku = oneByKey((skus) => repository.findVariantsBySkus(db, skus), (v) => v.sku);
  const variantByBarcode = oneByKey((codes) => repository.findVariantsByBarcodes(db, codes), (v) => v.barcode);
  const categoryById = oneByKey((ids) => repository.findCategoriesByIds(db, ids), (c) => c.id);

  const variantsByProductId = allByKey(async (ids) => {
    const variants = await repository.findVariantsByProductIds(db, ids);
    for (const variant of variants) variantBySku.prime(variant.sku, variant);
    return variants;
  }, (v) => v.productId);
  const listingsByProductId = allByKey((ids) => repository.findListingsByProductIds(db, ids), (l) => l.productId);

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
  const categoryProductCount = valueByKey((ids) => countCategoryProducts(db, ids), () => 0);

  return {
    db,
    now: services?.now ?? (() => new Date()),
    events: services?.events,
    audit: services?.audit ?? (() => {}),
    principal,
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
