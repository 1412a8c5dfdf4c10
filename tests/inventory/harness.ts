/**
 * The inventory subgraph alone on a free port with a small seed: a fresh SQLite folder, or a
 * freshly named PostgreSQL schema (dropped on close) when DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { inventorySubgraph } from '../../subgraphs/inventory/index.js';
import { generateInventory, type InventorySeed } from '../../subgraphs/inventory/seed-data.js';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import { openDatabase } from '../../subgraphs/shared/database.js';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/shared/subgraph-server.js';
import { seedSize, type SeedSize } from '../../subgraphs/shared/universe.js';

/** 40 products (about 140 variants, 6,000 stock levels). */
export const SEED_SCALE = 0.02;
export const SIZE: SeedSize = seedSize(SEED_SCALE);
/** What the subgraph seeded: the same pure generator the seed runs. */
export const SEEDED: InventorySeed = generateInventory(SIZE);

export interface GraphQLBody<TData> {
  data?: TData | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

export interface TestInventory {
  subgraph: RunningSubgraph;
  /** Sends one GraphQL request over HTTP, as the gateway does. */
  query<TData = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLBody<TData>>;
  /** Same, and how many SQL statements the subgraph ran to answer it. */
  measure<TData = any>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ body: GraphQLBody<TData>; statements: number }>;
  /** A second connection to the subgraph's own store, to check what no field exposes yet (the ledger). */
  openStore(): Promise<{ db: Kysely<InventoryDatabase>; close(): Promise<void> }>;
  close(): Promise<void>;
}

export async function startInventory(): Promise<TestInventory> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'inventory-test-'));
  const pgSchemaPrefix = `t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}_`;
  const pgSchema = `${pgSchemaPrefix}inventory`;
  const cleanup = async () => {
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
      } finally {
        await client.end();
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  let subgraph: RunningSubgraph;
  try {
    subgraph = await startSubgraph(inventorySubgraph, {
      host: '127.0.0.1',
      port: 0,
      databaseUrl,
      dataDir,
      pgSchemaPrefix,
      seedScale: SEED_SCALE,
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  const query = async <TData>(text: string, variables?: Record<string, unknown>) => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text, variables }),
    });
    return (await response.json()) as GraphQLBody<TData>;
  };
  return {
    subgraph,
    query,
    async measure<TData>(text: string, variables?: Record<string, unknown>) {
      const before = subgraph.stats.database.statements;
      const body = await query<TData>(text, variables);
      return { body, statements: subgraph.stats.database.statements - before };
    },
    async openStore() {
      const store = await openDatabase<InventoryDatabase>({
        databaseUrl,
        sqlitePath: join(dataDir, 'inventory.sqlite'),
        pgSchema,
      });
      return { db: store.db, close: () => store.close() };
    },
    async close() {
      await subgraph.close();
      await cleanup();
    },
  };
}

/** Units that can be sold from a seeded level. */
export const availableOf = (level: { on_hand: number; reserved: number }) => Math.max(level.on_hand - level.reserved, 0);

/** The seeded levels of one sku, by location id. */
export function seededLevels(sku: string) {
  return new Map(SEEDED.levels.filter((l) => l.sku === sku).map((l) => [l.location_id, l]));
}
