/** The reviews subgraph alone: 40 products, 400 customers, 1,000 reviews. */
import { reviewsSubgraph } from '../../subgraphs/reviews/index.js';
import { seedSize, type SeedSize } from '../../subgraphs/shared/universe.js';
import { startTestSubgraph, type TestSubgraph } from '../support/subgraph.js';

export { errorCodes, type GraphQLBody } from '../support/subgraph.js';
export type TestReviews = TestSubgraph;

export const SEED_SCALE = 0.02;
export const SIZE: SeedSize = seedSize(SEED_SCALE);

export const startReviews = (): Promise<TestReviews> => startTestSubgraph(reviewsSubgraph, SEED_SCALE);

/** Federation `_entities` representations of products. */
export const productReps = (ids: readonly string[]) => ids.map((id) => ({ __typename: 'Product', id }));
