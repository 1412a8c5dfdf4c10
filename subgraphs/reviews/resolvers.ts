/** Thin adapters from the SDL to the review rules, the repository and the per-request loaders. */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { customerItself, requireAccess } from '../shared/access.js';
import { audited } from '../shared/audit.js';
import { entityTag } from '../../platform/events/graph-changes.js';
import type { ReviewsContext } from './context.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Resolvers } from './generated/resolvers.js';
import type { ReviewModel, ReviewPosition } from './models.js';
import { insertReview } from './repository.js';
import { alreadyReviewed, checkReview } from './review-rules.js';

/** A review speaks in its author's name: nobody, not even the call center, writes one for someone else. */
export const SUBMIT_REVIEW_RULE = 'a review is submitted by its author only, signed in as that customer';

/** Largest page of reviews. */
export const MAX_PAGE_SIZE = 100;

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

export const resolvers: Resolvers = {
  Query: {
    review: (_parent, args, context) => context.reviewById.load(args.id),
  },
  Mutation: {
    submitReview: audited(
      'submitReview',
      async (_parent, { input }, context) => {
        // Ids are stored trimmed (review-rules.ts): the one stored must be the caller's own.
        requireAccess(context.principal, SUBMIT_REVIEW_RULE, [customerItself(input.customerId.trim())]);
        const check = checkReview(input);
        if (!check.ok) return { review: null, userErrors: check.errors };
        const review: ReviewModel = {
          id: `rev-${randomUUID()}`,
          ...check.draft,
          createdAt: context.now().toISOString(),
        };
        const outcome = await insertReview(context.db, review);
        if (outcome === 'duplicate') return { review: null, userErrors: [alreadyReviewed(check.draft)] };
        // Committed: the product's rating and reviews, and the author's reviews, changed.
        await context.announceChange([entityTag('Review', review.id), entityTag('Product', check.draft.productId), entityTag('Customer', check.draft.customerId)]);
        context.reviewById.prime(review.id, review);
        return { review, userErrors: [] };
      },
      ({ input }) => ({ customerId: input.customerId, productId: input.productId }),
    ),
  },
  Review: {
    __resolveReference: (reference, context) => context.reviewById.load(reference.id),
    product: (review) => ({ id: review.productId }),
    author: (review) => (review.customerId === null ? null : { id: review.customerId }),
  },
  Product: {
    rating: (product, _args, context) => context.ratingByProduct.load(product.id),
    async reviews(product, args, context) {
      const first = args.first ?? 10;
      const sort = args.sort ?? 'NEWEST';
      if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
        throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`);
      }
      let after: ReviewPosition | null = null;
      if (args.after !== undefined && args.after !== null) {
        after = decodeCursor(sort, args.after);
        if (!after) throw badInput(`after is not a cursor of this list (sort ${sort}): "${args.after}"`);
      }
      const [page, rating] = await Promise.all([
        context.reviewPages({ sort, first, after }).load(product.id),
        context.ratingByProduct.load(product.id),
      ]);
      const edges = page.reviews.map((node) => ({ cursor: encodeCursor(sort, node), node }));
      return {
        edges,
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
        totalCount: rating.count,
      };
    },
  },
  Customer: {
    reviews: (customer, _args, context) => context.reviewsByCustomer.load(customer.id),
  },
};
