/** Per-request state of the reviews subgraph: its DataLoaders and clock. */
import DataLoader from 'dataloader';
import { groupBy } from '../shared/group-by.js';
import { MAX_BATCH, allByKey, loaderPerArguments, oneByKey, valueByKey } from '../shared/loaders.js';
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../shared/audit.js';
import type { SubgraphServices } from '../shared/subgraph-server.js';
import { announceGraphChange } from '../shared/announce-graph-change.js';
import type { SubgraphPrincipal } from '../../platform/principal.js';
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
  /** Who the request acts for (verified gateway vouching); the ownership rules read it. */
  principal: SubgraphPrincipal;
  /** The audit trail submitReview records to. */
  audit: AuditRecorder;
  /** Tells the gateways' caches, after a commit, which entities it changed (`entityTag`s). */
  announceChange(tags: string[]): Promise<void>;
  now(): Date;
  reviewById: DataLoader<string, ReviewModel | null>;
  /** customer id -> their reviews, newest first. */
  reviewsByCustomer: DataLoader<string, ReviewModel[]>;
  /** product id -> its rating summary. */
  ratingByProduct: DataLoader<string, RatingSummary>;
  /** product id -> one page of its reviews; one loader per (sort, first, after), so the products of a list batch together. */
  reviewPages(page: PageRequest): DataLoader<string, ReviewPage>;
}

export function createReviewsContext(
  db: Kysely<ReviewsDatabase>,
  now: () => Date,
  principal: SubgraphPrincipal,
  services: Pick<SubgraphServices, 'audit' | 'events'>,
): ReviewsContext {
  const reviewPages = loaderPerArguments(
    (page: PageRequest) => `${page.sort}|${page.first}|${page.after ? encodeCursor(page.sort, page.after) : ''}`,
    (page) => valueByKey((productIds) => findReviewPages(db, productIds, page), (): ReviewPage => ({ reviews: [], hasNextPage: false })),
  );
  return {
    db,
    now,
    principal,
    audit: services.audit,
    announceChange: (tags) => announceGraphChange(services.events, { subgraph: 'reviews', tags }),
    reviewById: oneByKey((ids) => findReviewsByIds(db, ids), (r) => r.id),
    reviewsByCustomer: allByKey((customerIds) => findReviewsByCustomers(db, customerIds), (r) => r.customerId ?? ''),
    ratingByProduct: new DataLoader(
      async (productIds) => {
        const counts = groupBy(await countRatings(db, productIds), (row) => row.productId, (row) => row);
        return productIds.map((id) => summarizeRatings(counts.get(id) ?? []));
      },
      { maxBatchSize: MAX_BATCH },
    ),
    reviewPages,
  };
}
