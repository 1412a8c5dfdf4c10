/** Data access of the reviews subgraph: every read is one batched statement. */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import { ONE_REVIEW_PER_CUSTOMER_INDEX } from './migrations.js';
import type { ReviewModel, ReviewPosition, ReviewSort } from './models.js';
import type { ReviewsDatabase, ReviewsTable } from './tables.js';

type Db = Kysely<ReviewsDatabase>;

export function toReview(row: Selectable<ReviewsTable>): ReviewModel {
  return {
    id: row.id,
    productId: row.product_id,
    customerId: row.customer_id,
    rating: row.rating,
    title: row.title,
    body: row.body,
    createdAt: row.created_at,
  };
}

export async function findReviewsByIds(db: Db, ids: readonly string[]): Promise<ReviewModel[]> {
  const rows = await db.selectFrom('reviews').selectAll().where('id', 'in', [...ids]).execute();
  return rows.map(toReview);
}

/** The reviews of each customer, newest first (one statement). */
export async function findReviewsByCustomers(db: Db, customerIds: readonly string[]): Promise<ReviewModel[]> {
  const rows = await db
    .selectFrom('reviews')
    .selectAll()
    .where('customer_id', 'in', [...customerIds])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toReview);
}

/** Number of reviews per (product, star) of the products (one group-by statement). */
export async function countRatings(
  db: Db,
  productIds: readonly string[],
): Promise<{ productId: string; rating: number; count: number }[]> {
  const rows = await db
    .selectFrom('reviews')
    .select((eb) => ['product_id', 'rating', eb.fn.countAll<number>().as('count')])
    .where('product_id', 'in', [...productIds])
    .groupBy(['product_id', 'rating'])
    .execute();
  return rows.map((r) => ({ productId: r.product_id, rating: r.rating, count: Number(r.count) }));
}

export interface PageRequest {
  sort: ReviewSort;
  /** Page size, 0..100. */
  first: number;
  /** Start after this review; null for the first page. */
  after: ReviewPosition | null;
}

export interface ReviewPage {
  reviews: ReviewModel[];
  hasNextPage: boolean;
}

type ReviewsEb = ExpressionBuilder<ReviewsDatabase, 'reviews'>;

/** Reviews strictly after `p` in the order of `sort`: a keyset condition matching `orderBy` below. */
function afterPosition(eb: ReviewsEb, sort: ReviewSort, p: ReviewPosition) {
  const olderThan = eb.or([
    eb('created_at', '<', p.createdAt),
    eb.and([eb('created_at', '=', p.createdAt), eb('id', '<', p.id)]),
  ]);
  switch (sort) {
    case 'NEWEST':
      return olderThan;
    case 'OLDEST':
      return eb.or([eb('created_at', '>', p.createdAt), eb.and([eb('created_at', '=', p.createdAt), eb('id', '>', p.id)])]);
    case 'HIGHEST_RATING':
      return eb.or([eb('rating', '<', p.rating), eb.and([eb('rating', '=', p.rating), olderThan])]);
    case 'LOWEST_RATING':
      return eb.or([eb('rating', '>', p.rating), eb.and([eb('rating', '=', p.rating), olderThan])]);
  }
}

/** The `order by` of each sort, ending with the unique id so that positions are total. */
const ORDER: Record<ReviewSort, readonly [column: 'rating' | 'created_at' | 'id', direction: 'asc' | 'desc'][]> = {
  NEWEST: [['created_at', 'desc'], ['id', 'desc']],
  OLDEST: [['created_at', 'asc'], ['id', 'asc']],
  HIGHEST_RATING: [['rating', 'desc'], ['created_at', 'desc'], ['id', 'desc']],
  LOWEST_RATING: [['rating', 'asc'], ['created_at', 'desc'], ['id', 'desc']],
};

/**
 * One page of reviews for each product, in one statement whatever the number of products: the
 * window function numbers each product's reviews in the sort order and keeps the first `first + 1`
 * (the extra row tells whether a next page exists). Same SQL on SQLite and PostgreSQL.
 */
export async function findReviewPages(db: Db, productIds: readonly string[], page: PageRequest): Promise<Map<string, ReviewPage>> {
  const order = ORDER[page.sort];
  const ranked = db
    .selectFrom('reviews')
    .selectAll()
    .select((eb) =>
      eb.fn
        .agg<number>('row_number')
        .over((ob) => order.reduce((acc, [column, direction]) => acc.orderBy(column, direction), ob.partitionBy('product_id')))
        .as('position'),
    )
    .where('product_id', 'in', [...productIds])
    .$if(page.after !== null, (qb) => qb.where((eb) => afterPosition(eb, page.sort, page.after!)));
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where('position', '<=', page.first + 1)
    .orderBy('product_id')
    .orderBy('position')
    .execute();
  const pages = new Map<string, ReviewPage>();
  for (const row of rows) {
    let entry = pages.get(row.product_id);
    if (!entry) pages.set(row.product_id, (entry = { reviews: [], hasNextPage: false }));
    if (entry.reviews.length < page.first) entry.reviews.push(toReview(row));
    else entry.hasNextPage = true;
  }
  return pages;
}

export type InsertOutcome = 'inserted' | 'duplicate';

/**
 * Inserts a review in one statement. The unique index on (product_id, customer_id) decides
 * duplicates, so two concurrent submissions cannot both get in: the loser gets 'duplicate'.
 */
export async function insertReview(db: Db, review: ReviewModel): Promise<InsertOutcome> {
  try {
    await db
      .insertInto('reviews')
      .values({
        id: review.id,
        product_id: review.productId,
        customer_id: review.customerId,
        rating: review.rating,
        title: review.title,
        body: review.body,
        created_at: review.createdAt,
      })
      .execute();
    return 'inserted';
  } catch (error) {
    if (isOneReviewPerCustomerViolation(error)) return 'duplicate';
    throw error;
  }
}

function isOneReviewPerCustomerViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  // PostgreSQL: unique_violation, naming the index.
  if (code === '23505') return constraint === ONE_REVIEW_PER_CUSTOMER_INDEX;
  // SQLite names the columns rather than the index.
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    typeof message === 'string' &&
    message.includes('reviews.product_id, reviews.customer_id')
  );
}
