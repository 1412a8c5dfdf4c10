/** What the reviews resolvers work with; plain data, no GraphQL or SQL types. */

export interface ReviewModel {
  id: string;
  productId: string;
  /** Null when the customer has been deleted. */
  customerId: string | null;
  /** 1..5. */
  rating: number;
  title: string;
  body: string;
  /** ISO 8601. */
  createdAt: string;
}

/** A Product as this subgraph knows it: its key only (the catalog owns the rest). */
export interface ProductReference {
  id: string;
}

/** A Customer as this subgraph knows it: its key only (the customer subgraph owns the rest). */
export interface CustomerReference {
  id: string;
}

export type ReviewSort = 'NEWEST' | 'OLDEST' | 'HIGHEST_RATING' | 'LOWEST_RATING';

/** Where a review sits in a sorted list: every sort key, so a cursor can resume any sort. */
export interface ReviewPosition {
  rating: number;
  createdAt: string;
  id: string;
}
