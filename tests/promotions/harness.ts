/** The promotions subgraph alone, on the test's clock and, if the test wants, the test's own rows. */
import type { Kysely } from 'kysely';
import { createPromotionsSubgraph } from '../../subgraphs/promotions/index.js';
import type { PromotionsDatabase } from '../../subgraphs/promotions/tables.js';
import type { SeedSize } from '../../subgraphs/shared/universe.js';
import { startTestSubgraph, type TestSubgraph } from '../support/subgraph.js';

export { errorCodes, type GraphQLBody } from '../support/subgraph.js';

export interface PromotionsOptions {
  /** Demo data size. @default 0.02 (40 products, 400 customers) */
  seedScale?: number;
  /** Replaces the demo data with the test's own rows. */
  seed?: (db: Kysely<PromotionsDatabase>, size: SeedSize) => Promise<void>;
  /** The instant the subgraph takes for "now". @default the real clock */
  now?: Date;
}

export interface TestPromotions extends TestSubgraph {
  /** Moves the subgraph's clock (takes effect on the next request). */
  setNow(now: Date): void;
}

export async function startPromotions(options: PromotionsOptions = {}): Promise<TestPromotions> {
  let clock: Date | undefined = options.now;
  const definition = createPromotionsSubgraph({ now: () => clock ?? new Date() });
  const started = await startTestSubgraph(options.seed ? { ...definition, seed: options.seed } : definition, options.seedScale ?? 0.02);
  return { ...started, setNow: (now) => (clock = now) };
}
