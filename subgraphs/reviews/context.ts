/** Per-request state of the reviews subgraph: its DataLoaders and clock. */
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { ReviewModel } from './models.js';
import { summarizeRatings, type RatingSummary } from './rating.js';
import {
  countRatings,
  findReviewPages,
  findReviewsByCustomers,
  findReviewsByIds,
  type PageRequest,
  type ReviewPage,
} from './repository.js';
import type { ReviewsDatabase } from './tables.js';
import { encodeCursor } from './cursor.js';

export interface ReviewsContext {
  db: Kysely<ReviewsDatabase>;
  now(): Date;
  reviewById: DataLoader<string, ReviewModel | null>;
  /** customer id -> their reviews, newest first. */
  reviewsByCustomer: DataLoader<string, ReviewModel[]>;
  /** product id -> its rating summary. */
  ratingByProduct: DataLoader<string, RatingSummary>;
  /** product id -> one page of its reviews; one loader per (sort, first, after), so the products of a list batch together. */
  reviewPages(page: PageRequest): DataLoader<string, ReviewPage>;
}

// Keeps every `in (...)` list well under both engines' bound-parameter limits.
const MAX_BATCH = 1000;

export function createReviewsContext(db: Kysely<ReviewsDatabase>, now: () => Date): ReviewsContext {
  const pageLoaders = new Map<string, DataLoader<string, ReviewPage>>();
  return {
    db,
    now,
    reviewById: new DataLoader(
      async (ids) => {
        const found = new Map((await findReviewsByIds(db, ids)).map((r) => [r.id, r]));
        return ids.map((id) => found.get(id) ?? null);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    reviewsByCustomer: new DataLoader(
      async (customerIds) => {
        const byCustomer = new Map<string, ReviewModel[]>(customerIds.map((id) => [id, []]));
        for (const review of await findReviewsByCustomers(db, customerIds)) byCustomer.get(review.customerId ?? '')?.push(review);
        return customerIds.map((id) => byCustomer.get(id) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    ratingByProduct: new DataLoader(
      async (productIds) => {
        const counts = new Map<string, { rating: number; count: number }[]>();
        for (const row of await countRatings(db, productIds)) {
          const list = counts.get(row.productId) ?? [];
          list.push(row);
          counts.set(row.productId, list);
        }
        return productIds.map((id) => summarizeRatings(counts.get(id) ?? []));
      },
      { maxBatchSize: MAX_BATCH },
    ),
    reviewPages(page) {
      const key = page.after ? `${page.sort}|${page.first}|${encodeCursor(page.sort, page.after)}` : `${page.sort}|${page.first}|`;
      let loader = pageLoaders.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (productIds) => {
            const pages = await findReviewPages(db, productIds, page);
            return productIds.map((id) => pages.get(id) ?? { reviews: [], hasNextPage: false });
          },
          { maxBatchSize: MAX_BATCH },
        );
        pageLoaders.set(key, loader);
      }
      return loader;
    },
  };
}
