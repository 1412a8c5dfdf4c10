/**
 * The reviews subgraph's table, as Kysely sees it. Timestamps are ISO-8601 text. Rows are type
 * aliases (not interfaces) so they fit insertInChunks' plain records.
 */

export type ReviewsTable = {
  id: string;
  /** The catalog's Product id; not checked against the catalog (a subgraph reads only its own tables). */
  product_id: string;
  /** The customer subgraph's Customer id; null when the customer has been deleted. */
  customer_id: string | null;
  /** 1..5. */
  rating: number;
  title: string;
  body: string;
  created_at: string;
};

export interface ReviewsDatabase {
  reviews: ReviewsTable;
}
