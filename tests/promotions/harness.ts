/**
 * The promotions subgraph alone on a free port: a fresh SQLite folder, or a freshly named
 * PostgreSQL schema (dropped on close) when DATABASE_URL is set. The clock is the test's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { createPromotionsSubgraph } from '../../subgraphs/promotions/index.js';
import type { PromotionsDatabase } from '../../subgraphs/promotions/tables.js';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/shared/subgraph-server.js';
import type { SeedSize } from '../../subgraphs/shared/universe.js';
import { databaseUrl, dropSchemas, uniquePrefix } from '../support/database.js';

export interface GraphQLBody<TData> {
  data?: TData | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

export interface PromotionsOptions {
  /** Demo data size. @default 0.02 (40 products, 400 customers) */
  seedScale?: number;
  /** Replaces the demo data with the test's own rows. */
  seed?: (db: Kysely<PromotionsDatabase>, size: SeedSize) => Promise<void>;
  /** The instant the subgraph takes for "now". @default the real clock */
  now?: Date;
}

export interface TestPromotions {
  subgraph: RunningSubgraph;
  /** Moves the subgraph's clock (takes effect on the next request). */
  setNow(now: Date): void;
  /** Sends one GraphQL request over HTTP, as the gateway does. */
  query<TData = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLBody<TData>>;
  /** Same, and how many SQL statements the subgraph ran to answer it. */
  measure<TData = any>(query: string, variables?: Record<string, unknown>): Promise<{ body: GraphQLBody<TData>; statements: number }>;
  close(): Promise<void>;
}

export async function startPromotions(options: PromotionsOptions = {}): Promise<TestPromotions> {
  const dataDir = mkdtempSync(join(tmpdir(), 'promotions-test-'));
  const pgSchemaPrefix = uniquePrefix();
  const cleanup = async () => {
    await dropSchemas(pgSchemaPrefix, ['promotions']);
    rmSync(dataDir, { recursive: true, force: true });
  };
  let clock: Date | undefined = options.now;
  const definition = createPromotionsSubgraph({ now: () => clock ?? new Date() });
  let subgraph: RunningSubgraph;
  try {
    subgraph = await startSubgraph(options.seed ? { ...definition, seed: options.seed } : definition, {
      host: '127.0.0.1',
      port: 0,
      databaseUrl,
      dataDir,
      pgSchemaPrefix,
      seedScale: options.seedScale ?? 0.02,
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
    setNow: (now) => (clock = now),
    query,
    async measure<TData>(text: string, variables?: Record<string, unknown>) {
      const before = subgraph.stats.database.statements;
      const body = await query<TData>(text, variables);
      return { body, statements: subgraph.stats.database.statements - before };
    },
    async close() {
      await subgraph.close();
      await cleanup();
    },
  };
}

/** The `extensions.code` of each error of a response. */
export const errorCodes = (body: GraphQLBody<unknown>) => (body.errors ?? []).map((e) => e.extensions?.code);
