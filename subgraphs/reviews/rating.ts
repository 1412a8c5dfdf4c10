/** The rating summary of a product, from its count of reviews per star. */

export interface RatingSummary {
  /** Mean rating rounded to two decimals; 0 without reviews. */
  average: number;
  count: number;
  /** distribution[i]: number of (i + 1)-star reviews. */
  distribution: number[];
}

/** Summarises counts of reviews by star (1..5); stars outside 1..5 are ignored. */
export function summarizeRatings(countsByStar: Iterable<{ rating: number; count: number }>): RatingSummary {
  const distribution = [0, 0, 0, 0, 0];
  for (const { rating, count } of countsByStar) {
    if (Number.isInteger(rating) && rating >= 1 && rating <= 5) distribution[rating - 1]! += count;
  }
  const count = distribution.reduce((sum, n) => sum + n, 0);
  const stars = distribution.reduce((sum, n, i) => sum + n * (i + 1), 0);
  return { average: count === 0 ? 0 : Math.round((stars * 100) / count) / 100, count, distribution };
}
