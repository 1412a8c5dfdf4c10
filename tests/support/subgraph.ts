/**
 * One subgraph alone on a free port with a small seed: a fresh SQLite folder, or a freshly
 * named PostgreSQL schema (dropped on close) when DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../subgraphs/shared/database.js';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition, type SubgraphRuntimeOptions } from '../../subgraphs/shared/subgraph-server.js';
import { databaseUrl, uniquePrefix } from './database.js';

export interface GraphQLBody<TData> {
  data?: TData | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

export interface TestSubgraph {
  subgraph: RunningSubgraph;
  /** Sends one GraphQL request over HTTP, as the gateway does. */
  query<TData = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLBody<TData>>;
  /** Same, and how many SQL statements the subgraph ran to answer it. */
  measure<TData = any>(query: string, variables?: Record<string, unknown>): Promise<{ body: GraphQLBody<TData>; statements: number }>;
  /** A second connection to the subgraph's own store, to check what no field exposes. */
  openStore<DB>(): Promise<{ db: Kysely<DB>; close(): Promise<void> }>;
  close(): Promise<void>;
}

export async function startTestSubgraph<DB, Context>(
  definition: SubgraphDefinition<DB, Context>,
  seedScale: number,
  /** Options over the test defaults (settings, clock, events...). */
  overrides: Partial<Omit<SubgraphRuntimeOptions, 'port'>> & { port?: number } = {},
): Promise<TestSubgraph> {
  const dataDir = mkdtempSync(join(tmpdir(), `${definition.name}-test-`));
  const pgSchemaPrefix = uniquePrefix();
  // PostgreSQL schemas are dropped when the run ends (tests/support/global-setup.ts).
  const cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  let subgraph: RunningSubgraph;
  try {
    subgraph = await startSubgraph(definition, {
      host: '127.0.0.1',
      port: 0,
      databaseUrl,
      dataDir,
      pgSchemaPrefix,
      seedScale,
      ...overrides,
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  const query = async <TData,>(text: string, variables?: Record<string, unknown>) => {
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
    async openStore<DB>() {
      const store = await openDatabase<DB>({
        databaseUrl,
        sqlitePath: join(dataDir, `${definition.name}.sqlite`),
        pgSchema: `${pgSchemaPrefix}${definition.name}`,
      });
      return { db: store.db, close: () => store.close() };
    },
    async close() {
      await subgraph.close();
      await cleanup();
    },
  };
}

/** The `extensions.code` of each error of a response. */
export const errorCodes = (body: GraphQLBody<unknown>) => (body.errors ?? []).map((e) => e.extensions?.code);
