/**
 * A review speaks in its author's name: only a customer signed in as itself submits one; anybody
 * else, the call center included, is refused before anything is checked or stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewsDatabase } from '../../subgraphs/reviews/tables.js';
import { ANONYMOUS, type SubgraphPrincipal } from '../../platform/principal.js';
import { productId } from '../../subgraphs/shared/universe.js';
import { errorCodes, startReviews, type TestReviews } from './harness.js';

let reviews: TestReviews;
beforeAll(async () => {
  reviews = await startReviews();
});
afterAll(() => reviews?.close());

const SUBMIT = `mutation ($input: ReviewInput!) { submitReview(input: $input) { review { id author { id } } userErrors { code } } }`;
const asCustomer = (id: string): SubgraphPrincipal => ({ authenticated: true, subject: id, scopes: ['customer'] });
const review = (customerId: string) => ({ productId: productId(11), customerId, rating: 5, title: 'Great', body: 'Does the job.' });

async function reviewsBy(customerId: string) {
  const store = await reviews.openStore<ReviewsDatabase>();
  try {
    return await store.db.selectFrom('reviews').select('id').where('customer_id', '=', customerId).execute();
  } finally {
    await store.close();
  }
}

describe('Mutation.submitReview', () => {
  it('takes a review from a customer signed in as its author', async () => {
    const body = await reviews.query(SUBMIT, { input: review('cust-author-1') }, { as: asCustomer('cust-author-1') });
    expect(body.errors).toBeUndefined();
    expect(body.data.submitReview).toMatchObject({ review: { author: { id: 'cust-author-1' } }, userErrors: [] });
    expect(await reviewsBy('cust-author-1')).toHaveLength(1);
  });

  it.each([
    ['another customer', 'FORBIDDEN', asCustomer('cust-author-3')],
    ['the call center', 'FORBIDDEN', { authenticated: true, subject: 'agent-1', scopes: ['callcenter'] }],
    ['a principal with the subject but not the customer scope', 'FORBIDDEN', { authenticated: true, subject: 'cust-author-2', scopes: ['store:staff'], storeId: 'store-01' }],
    ['an anonymous caller', 'UNAUTHORIZED', ANONYMOUS],
  ] as const)('refuses %s with %s and stores nothing', async (_who, code, as) => {
    const { body, statements } = await reviews.measure(SUBMIT, { input: review('cust-author-2') }, { as });
    expect(errorCodes(body)).toEqual([code]);
    expect(body.data).toBeNull();
    expect(statements).toBe(0);
    expect(await reviewsBy('cust-author-2')).toEqual([]);
  });

  it('refuses before the input checks: a malformed review by someone else is FORBIDDEN, not INVALID_*', async () => {
    const body = await reviews.query(SUBMIT, { input: { ...review('cust-author-4'), rating: 9, title: '' } }, { as: asCustomer('cust-author-5') });
    expect(errorCodes(body)).toEqual(['FORBIDDEN']);
  });
});
