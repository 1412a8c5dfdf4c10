import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { createReviewsContext, type ReviewsContext } from './context.js';
import { migrations } from './migrations.js';
import { resolvers } from './resolvers.js';
import { seedReviews } from './seed.js';
import type { ReviewsDatabase } from './tables.js';

export interface ReviewsOptions {
  /** The clock that dates new reviews. @default the real clock */
  now?: () => Date;
}

/** The reviews subgraph; tests may pin the clock with `now`. */
export function createReviewsSubgraph(options: ReviewsOptions = {}): SubgraphDefinition<ReviewsDatabase, ReviewsContext> {
  const now = options.now ?? (() => new Date());
  return {
    name: 'reviews',
    migrations,
    isEmpty: async (db) => (await db.selectFrom('reviews').select('id').limit(1).executeTakeFirst()) === undefined,
    seed: seedReviews,
    createContext: (db, services, principal) => createReviewsContext(db, now, principal, services),
    resolvers,
    // Every submitted review is announced (resolvers.ts): the gateway may keep answers five minutes at most (the announcements, not this, keep them true).
    cacheMaxAgeSeconds: 300,
  };
}

export const reviewsSubgraph = createReviewsSubgraph();
