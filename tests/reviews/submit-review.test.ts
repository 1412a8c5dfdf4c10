import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from '../support/operations.js';
import { productId } from '../../subgraphs/shared/universe.js';
import { productReps, startReviews, type TestReviews } from './harness.js';

let reviews: TestReviews;

beforeAll(async () => {
  reviews = await startReviews();
});
afterAll(async () => {
  await reviews?.close();
});

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: ReviewInput!) {
    submitReview(input: $input) {
      review { id rating title body createdAt product { id } author { id } }
      userErrors { code message field }
    }
  }
`;

const STATE = /* GraphQL */ `
  query ($reps: [_Any!]!, $customer: [_Any!]!) {
    products: _entities(representations: $reps) { ... on Product { rating { count distribution } reviews(first: 100) { totalCount edges { node { id } } } } }
    customers: _entities(representations: $customer) { ... on Customer { reviews { id } } }
  }
`;

/** Everything a submission could change, for one product and one customer. */
async function stateOf(product: string, customer: string) {
  const body = await reviews.query(STATE, { reps: productReps([product]), customer: [{ __typename: 'Customer', id: customer }] });
  expect(body.errors).toBeUndefined();
  return body.data;
}

const input = (overrides: Record<string, unknown> = {}) => ({
  productId: productId(7),
  customerId: 'cust-submit-1',
  rating: 4,
  title: 'Solid choice',
  body: 'Bought it for my brother, he loves it.',
  ...overrides,
});

/** Submits as the review's author, the only one allowed to (RULES.md; tests/reviews/access.test.ts). */
const submit = (value: ReturnType<typeof input>, document = SUBMIT) =>
  reviews.query(document, { input: value }, { as: { authenticated: true, subject: String(value.customerId), scopes: ['customer'] } });

describe('Mutation.submitReview', () => {
  it('publishes a review, then refuses a second one by the same customer with ALREADY_REVIEWED and changes nothing', async () => {
    const before = await stateOf(productId(7), 'cust-submit-1');
    const started = Date.now();
    const first = await submit(input({ title: '  Solid choice  ' }));
    expect(first.errors).toBeUndefined();
    const { review, userErrors } = first.data!.submitReview;
    expect(userErrors).toEqual([]);
    expect(review).toMatchObject({
      rating: 4,
      title: 'Solid choice',
      body: 'Bought it for my brother, he loves it.',
      product: { id: productId(7) },
      author: { id: 'cust-submit-1' },
    });
    expect(Date.parse(review.createdAt)).toBeGreaterThanOrEqual(started - 1000);

    const after = await stateOf(productId(7), 'cust-submit-1');
    expect(after!.products[0].rating.count).toBe(before!.products[0].rating.count + 1);
    expect(after!.products[0].rating.distribution[3]).toBe(before!.products[0].rating.distribution[3] + 1);
    expect(after!.customers[0].reviews).toEqual([{ id: review.id }]);
    const found = await reviews.query(`query ($id: ID!) { review(id: $id) { id title } }`, { id: review.id });
    expect(found.data!.review).toEqual({ id: review.id, title: 'Solid choice' });

    const again = await submit(input({ rating: 1, title: 'Changed my mind' }));
    expect(again.data!.submitReview.review).toBeNull();
    expect(again.data!.submitReview.userErrors).toEqual([
      expect.objectContaining({ code: 'ALREADY_REVIEWED', field: ['input', 'productId'] }),
    ]);
    expect(await stateOf(productId(7), 'cust-submit-1')).toEqual(after);
  });

  it('lets only one of many concurrent duplicate submissions in', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => submit(input({ customerId: 'cust-racer', title: `Attempt ${i}` }))),
    );
    const outcomes = attempts.map((a) => a.data!.submitReview);
    expect(outcomes.filter((o) => o.review !== null)).toHaveLength(1);
    expect(outcomes.filter((o) => o.userErrors[0]?.code === 'ALREADY_REVIEWED')).toHaveLength(7);
    const state = await stateOf(productId(7), 'cust-racer');
    expect(state!.customers[0].reviews).toHaveLength(1);
  });

  it('refuses a rating out of 1..5 with RATING_OUT_OF_RANGE and changes nothing', async () => {
    const before = await stateOf(productId(8), 'cust-submit-2');
    for (const rating of [0, 6, -3]) {
      const body = await submit(input({ productId: productId(8), customerId: 'cust-submit-2', rating }));
      expect(body.data!.submitReview).toEqual({
        review: null,
        userErrors: [expect.objectContaining({ code: 'RATING_OUT_OF_RANGE', field: ['input', 'rating'] })],
      });
    }
    expect(await stateOf(productId(8), 'cust-submit-2')).toEqual(before);
  });

  it('refuses empty or too long titles and bodies and malformed ids, reporting every problem', async () => {
    const before = await stateOf(productId(8), 'cust-submit-2');
    const body = await submit(input({ productId: '', customerId: 'c'.repeat(65), title: 't'.repeat(121), body: '   ' }));
    expect(body.data!.submitReview.review).toBeNull();
    expect(body.data!.submitReview.userErrors.map((e: { code: string }) => e.code)).toEqual([
      'INVALID_PRODUCT_ID',
      'INVALID_CUSTOMER_ID',
      'INVALID_TITLE',
      'INVALID_BODY',
    ]);
    expect(await stateOf(productId(8), 'cust-submit-2')).toEqual(before);
  });

  it('answers the review part of the SubmitReview operation users send', async () => {
    // verifiedPurchase belongs to the customer subgraph; this subgraph serves the rest of the document.
    const document = operation('SubmitReview').replace(' verifiedPurchase', '');
    const body = await submit(input({ productId: productId(9), customerId: 'cust-submit-3', rating: 5 }), document);
    expect(body.errors).toBeUndefined();
    expect(body.data!.submitReview).toMatchObject({ review: { rating: 5, product: { id: productId(9) } }, userErrors: [] });
  });
});
