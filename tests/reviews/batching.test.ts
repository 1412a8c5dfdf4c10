import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerId, productId } from '../../subgraphs/shared/universe.js';
import { SIZE, productReps, startReviews, type TestReviews } from './harness.js';

let reviews: TestReviews;

beforeAll(async () => {
  reviews = await startReviews();
});
afterAll(async () => {
  await reviews?.close();
});

/** What the product page and the listing ask of reviews for each product. */
const PRODUCTS = /* GraphQL */ `
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Product {
        id
        rating { average count distribution }
        reviews(first: 3) { totalCount edges { cursor node { id rating title author { id } } } pageInfo { hasNextPage endCursor } }
        lowest: reviews(first: 1, sort: LOWEST_RATING) { edges { node { rating } } }
      }
    }
  }
`;

// 40 seeded products and 10 unknown ones: an unknown product simply has no review.
const products = (count: number) => productReps(Array.from({ length: count }, (_, i) => productId(i + 1)));

describe('batching of the reviews subgraph', () => {
  it('answers ratings and first reviews of 50 products with the same few statements as 5', async () => {
    expect(SIZE.products).toBeLessThan(50);
    const five = await reviews.measure(PRODUCTS, { reps: products(5) });
    const fifty = await reviews.measure(PRODUCTS, { reps: products(50) });
    expect(fifty.body.errors).toBeUndefined();
    expect(fifty.body.data._entities).toHaveLength(50);
    expect(fifty.body.data._entities.filter((p: any) => p.reviews.edges.length === 3).length).toBeGreaterThan(20);
    // One group-by for the ratings, one windowed select per distinct (sort, first, after).
    expect(fifty.statements).toBeLessThanOrEqual(3);
    expect(fifty.statements).toBe(five.statements);
  });

  it('answers the reviews of 50 customers with one statement', async () => {
    const CUSTOMERS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id reviews { id rating product { id } } } } }`;
    const reps = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Customer', id: customerId(i + 1) }));
    const { body, statements } = await reviews.measure(CUSTOMERS, { reps });
    expect(body.errors).toBeUndefined();
    expect(statements).toBe(1);
  });

  it('resolves 50 review references with one statement', async () => {
    const REVIEWS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Review { id rating } } }`;
    const reps = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Review', id: `rev-${String(i + 1).padStart(7, '0')}` }));
    const { body, statements } = await reviews.measure(REVIEWS, { reps });
    expect(body.data._entities.every((r: unknown) => r !== null)).toBe(true);
    expect(statements).toBe(1);
  });
});
