/**
 * What makes a review acceptable (see RULES.md). Plain module: the mutation resolver turns these
 * outcomes into `userErrors`.
 */

export const REVIEW_LIMITS = {
  /** Longest product or customer id accepted, in characters. */
  idLength: 64,
  titleLength: 120,
  bodyLength: 5000,
} as const;

export type ReviewErrorCode =
  | 'INVALID_PRODUCT_ID'
  | 'INVALID_CUSTOMER_ID'
  | 'RATING_OUT_OF_RANGE'
  | 'INVALID_TITLE'
  | 'INVALID_BODY'
  | 'ALREADY_REVIEWED';

export interface ReviewError {
  code: ReviewErrorCode;
  message: string;
  /** Path of the input field at fault. */
  field: string[];
}

export interface ReviewDraft {
  productId: string;
  customerId: string;
  rating: number;
  title: string;
  body: string;
}

export type ReviewCheck = { ok: true; draft: ReviewDraft } | { ok: false; errors: ReviewError[] };

/** Length in characters as a reader counts them (an emoji is one), not UTF-16 code units. */
const lengthOf = (text: string) => [...text].length;

/**
 * Checks a new review and returns it trimmed, or every problem found. Product and customer ids are
 * only checked for shape (non-empty, at most 64 characters): whether they exist is the catalog's and
 * the customer subgraph's knowledge, and this subgraph never reads their tables.
 */
export function checkReview(input: ReviewDraft): ReviewCheck {
  const errors: ReviewError[] = [];
  const draft: ReviewDraft = {
    productId: input.productId.trim(),
    customerId: input.customerId.trim(),
    rating: input.rating,
    title: input.title.trim(),
    body: input.body.trim(),
  };
  const { idLength, titleLength, bodyLength } = REVIEW_LIMITS;
  if (draft.productId.length === 0 || lengthOf(draft.productId) > idLength) {
    errors.push({ code: 'INVALID_PRODUCT_ID', message: `productId must be 1 to ${idLength} characters`, field: ['input', 'productId'] });
  }
  if (draft.customerId.length === 0 || lengthOf(draft.customerId) > idLength) {
    errors.push({ code: 'INVALID_CUSTOMER_ID', message: `customerId must be 1 to ${idLength} characters`, field: ['input', 'customerId'] });
  }
  if (!Number.isInteger(draft.rating) || draft.rating < 1 || draft.rating > 5) {
    errors.push({ code: 'RATING_OUT_OF_RANGE', message: `rating must be 1 to 5 stars, got ${draft.rating}`, field: ['input', 'rating'] });
  }
  if (draft.title.length === 0 || lengthOf(draft.title) > titleLength) {
    errors.push({ code: 'INVALID_TITLE', message: `title must be 1 to ${titleLength} characters`, field: ['input', 'title'] });
  }
  if (draft.body.length === 0 || lengthOf(draft.body) > bodyLength) {
    errors.push({ code: 'INVALID_BODY', message: `body must be 1 to ${bodyLength} characters`, field: ['input', 'body'] });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, draft };
}

export const alreadyReviewed = (draft: Pick<ReviewDraft, 'productId' | 'customerId'>): ReviewError => ({
  code: 'ALREADY_REVIEWED',
  message: `customer ${draft.customerId} has already reviewed product ${draft.productId}`,
  field: ['input', 'productId'],
});
