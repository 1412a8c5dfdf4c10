/** Opaque cursors of review lists: base64url of the sort and the sort key of a review. */
import type { ReviewPosition, ReviewSort } from './models.js';

export function encodeCursor(sort: ReviewSort, position: ReviewPosition): string {
  return Buffer.from(JSON.stringify([sort, position.rating, position.createdAt, position.id])).toString('base64url');
}

/** The position a cursor points at, or null when it is malformed or was made for another sort. */
export function decodeCursor(sort: ReviewSort, cursor: string): ReviewPosition | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 4) return null;
  const [s, rating, createdAt, id] = value as unknown[];
  if (s !== sort) return null;
  if (typeof rating !== 'number' || !Number.isInteger(rating) || typeof createdAt !== 'string' || typeof id !== 'string') return null;
  return { rating, createdAt, id };
}
