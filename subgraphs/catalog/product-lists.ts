import { sql, type Kysely } from 'kysely';
import { containsInsensitive } from '../../platform/database.js';
import type { ProductFilter } from './generated/resolvers.js';
import type { PageRequest } from './input-rules.js';
import type { ProductModel } from './models.js';
import { PRODUCT_COLUMNS } from './repository.js';
import { toProduct } from './rows.js';
import { foldForSearch } from '../shared/fold-text.js';
import type { CatalogDatabase } from './tables.js';

/**
 * Product lists: filtered pages in ordinal order, and their totals. A page fetches one product
 * more than asked, which tells whether another page follows.
 */

type Db = Kysely<CatalogDatabase>;

/** Ids of a category and of every category below it. */
function categorySubtree(db: Db, categoryId: string) {
  return withSubtrees(db, [categoryId]).selectFrom('subtree').select('subtree.id');
}

function filteredProducts(db: Db, filter: ProductFilter) {
  let query = db.selectFrom('products');
  const { brand, categoryId, channel } = filter;
  const search = filter.search?.trim();
  if (brand != null) query = query.where('products.brand', '=', brand);
  if (search) query = query.where(containsInsensitive('products.search_text', foldForSearch(search)));
  if (categoryId != null) query = query.where('products.category_id', 'in', categorySubtree(db, categoryId));
  if (channel != null) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('channel_listings')
          .select(sql.lit(1).as('one'))
          .whereRef('channel_listings.product_id', '=', 'products.id')
          .where('channel_listings.channel', '=', channel)
          .where('channel_listings.published', '=', 1),
      ),
    );
  }
  return query;
}

/** Up to `first + 1` products matching the filter after the cursor, in ordinal order. */
export async function findProductPage(db: Db, filter: ProductFilter, page: PageRequest): Promise<ProductModel[]> {
  const rows = await filteredProducts(db, filter)
    .select(PRODUCT_COLUMNS)
    .where('products.n', '>', page.afterN)
    .orderBy('products.n')
    .limit(page.first + 1)
    .execute();
  return rows.map(toProduct);
}

export async function countProducts(db: Db, filter: ProductFilter): Promise<number> {
  const row = await filteredProducts(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Each root category with every category below it, as (root, id) pairs. */
function withSubtrees(db: Db, rootIds: readonly string[]) {
  return db.withRecursive('subtree(root, id)', (qb) =>
    qb
      .selectFrom('categories')
      .select(['categories.id as root', 'categories.id'])
      .where('categories.id', 'in', rootIds)
      .union((qb) =>
        qb
          .selectFrom('categories')
          .innerJoin('subtree', 'subtree.id', 'categories.parent_id')
          .select(['subtree.root', 'categories.id']),
      ),
  );
}

/**
 * The same page of several categories (each with its sub-categories) in one statement: up to
 * `first + 1` products per category, ranked by ordinal within each category.
 */
export async function findCategoryProductPages(
  db: Db,
  categoryIds: readonly string[],
  page: PageRequest,
): Promise<Map<string, ProductModel[]>> {
  const rows = await withSubtrees(db, categoryIds)
    .selectFrom((qb) =>
      qb
        .selectFrom('products')
        .innerJoin('subtree', 'subtree.id', 'products.category_id')
        .select(PRODUCT_COLUMNS)
        .select([
          'subtree.root',
          sql<number>`row_number() over (partition by ${sql.ref('subtree.root')} order by ${sql.ref('products.n')})`.as(
            'rank',
          ),
        ])
        .where('products.n', '>', page.afterN)
        .as('ranked'),
    )
    .selectAll()
    .where('ranked.rank', '<=', page.first + 1)
    .orderBy('ranked.root')
    .orderBy('ranked.n')
    .execute();
  const pages = new Map<string, ProductModel[]>(categoryIds.map((id) => [id, []]));
  for (const { root, rank: _rank, ...row } of rows) pages.get(root)?.push(toProduct(row));
  return pages;
}

/** Number of products of each category, sub-categories included. */
export async function countCategoryProducts(db: Db, categoryIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await withSubtrees(db, categoryIds)
    .selectFrom('products')
    .innerJoin('subtree', 'subtree.id', 'products.category_id')
    .select(['subtree.root', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('subtree.root')
    .execute();
  const counts = new Map<string, number>(categoryIds.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.root, Number(row.count));
  return counts;
}
