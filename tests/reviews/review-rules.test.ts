import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../subgraphs/reviews/cursor.js';
import { summarizeRatings } from '../../subgraphs/reviews/rating.js';
import { checkReview } from '../../subgraphs/reviews/review-rules.js';

const valid = { productId: 'prod-00001', customerId: 'cust-00001', rating: 4, title: 'Good', body: 'Does the job.' };
const codes = (input: typeof valid) => {
  const check = checkReview(input);
  return check.ok ? [] : check.errors.map((e) => e.code);
};

describe('review rules', () => {
  it('accepts a review and trims its texts', () => {
    expect(checkReview({ ...valid, title: '  Good  ', body: '\nDoes the job.\n' })).toEqual({ ok: true, draft: valid });
  });

  it('wants 1 to 5 stars', () => {
    expect(codes({ ...valid, rating: 0 })).toEqual(['RATING_OUT_OF_RANGE']);
    expect(codes({ ...valid, rating: 6 })).toEqual(['RATING_OUT_OF_RANGE']);
    expect(codes({ ...valid, rating: 1 })).toEqual([]);
    expect(codes({ ...valid, rating: 5 })).toEqual([]);
  });

  it('wants a title of 1 to 120 characters, counting an emoji as one', () => {
    expect(codes({ ...valid, title: '   ' })).toEqual(['INVALID_TITLE']);
    expect(codes({ ...valid, title: 'x'.repeat(120) })).toEqual([]);
    expect(codes({ ...valid, title: 'x'.repeat(121) })).toEqual(['INVALID_TITLE']);
    expect(codes({ ...valid, title: '👍'.repeat(120) })).toEqual([]);
  });

  it('wants a body of 1 to 5000 characters', () => {
    expect(codes({ ...valid, body: '' })).toEqual(['INVALID_BODY']);
    expect(codes({ ...valid, body: 'x'.repeat(5000) })).toEqual([]);
    expect(codes({ ...valid, body: 'x'.repeat(5001) })).toEqual(['INVALID_BODY']);
  });

  it('checks only the shape of product and customer ids: 1 to 64 characters', () => {
    expect(codes({ ...valid, productId: ' ', customerId: 'c'.repeat(65) })).toEqual(['INVALID_PRODUCT_ID', 'INVALID_CUSTOMER_ID']);
    expect(codes({ ...valid, productId: 'any-future-id-format', customerId: 'c'.repeat(64) })).toEqual([]);
  });

  it('reports every problem at once, each with its input field', () => {
    const check = checkReview({ ...valid, rating: 9, title: '', body: '' });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors.map((e) => e.field)).toEqual([['input', 'rating'], ['input', 'title'], ['input', 'body']]);
  });
});

describe('rating summary', () => {
  it('is zero without reviews', () => {
    expect(summarizeRatings([])).toEqual({ average: 0, count: 0, distribution: [0, 0, 0, 0, 0] });
  });

  it('averages to two decimals and counts each star', () => {
    expect(summarizeRatings([{ rating: 5, count: 2 }, { rating: 4, count: 1 }])).toEqual({ average: 4.67, count: 3, distribution: [0, 0, 0, 1, 2] });
    expect(summarizeRatings([{ rating: 1, count: 1 }, { rating: 2, count: 1 }, { rating: 2, count: 1 }]).average).toBe(1.67);
    expect(summarizeRatings([{ rating: 3, count: 7 }]).average).toBe(3);
  });
});

describe('review cursors', () => {
  const position = { rating: 4, createdAt: '2025-12-01T10:00:00.000Z', id: 'rev-0000001' };

  it('round-trip the position of a review for the same sort', () => {
    expect(decodeCursor('HIGHEST_RATING', encodeCursor('HIGHEST_RATING', position))).toEqual(position);
  });

  it('are refused when malformed or made for another sort', () => {
    expect(decodeCursor('NEWEST', encodeCursor('OLDEST', position))).toBeNull();
    expect(decodeCursor('NEWEST', 'not-a-cursor')).toBeNull();
    expect(decodeCursor('NEWEST', Buffer.from('["NEWEST",4]').toString('base64url'))).toBeNull();
  });
});
