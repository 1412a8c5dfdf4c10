/** The catalog subgraph alone, with 60 products so that a page of 50 is really 50 products. */
import { catalogSubgraph } from '../../subgraphs/catalog/index.js';
import { seedSize, type SeedSize } from '../../subgraphs/shared/universe.js';
import { startTestSubgraph, type TestSubgraph } from '../support/subgraph.js';

export { errorCodes, type GraphQLBody } from '../support/subgraph.js';
export type TestCatalog = TestSubgraph;

export const SEED_SCALE = 0.03;
export const SIZE: SeedSize = seedSize(SEED_SCALE);

export const startCatalog = (): Promise<TestCatalog> => startTestSubgraph(catalogSubgraph, SEED_SCALE);
