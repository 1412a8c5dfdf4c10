/** The inventory subgraph alone: 40 products (about 140 variants, 6,000 stock levels). */
import { inventorySubgraph } from '../../subgraphs/inventory/index.js';
import { generateInventory, type InventorySeed } from '../../subgraphs/inventory/seed-data.js';
import { seedSize, type SeedSize } from '../../subgraphs/shared/universe.js';
import { startTestSubgraph, type TestSubgraph } from '../support/subgraph.js';

export type { GraphQLBody } from '../support/subgraph.js';
export type TestInventory = TestSubgraph;

export const SEED_SCALE = 0.02;
export const SIZE: SeedSize = seedSize(SEED_SCALE);
/** What the subgraph seeded: the same pure generator the seed runs. */
export const SEEDED: InventorySeed = generateInventory(SIZE);

export const startInventory = (): Promise<TestInventory> => startTestSubgraph(inventorySubgraph, SEED_SCALE);

/** Units that can be sold from a seeded level. */
export const availableOf = (level: { on_hand: number; reserved: number }) => Math.max(level.on_hand - level.reserved, 0);

/** The seeded levels of one sku, by location id. */
export function seededLevels(sku: string) {
  return new Map(SEEDED.levels.filter((l) => l.sku === sku).map((l) => [l.location_id, l]));
}
