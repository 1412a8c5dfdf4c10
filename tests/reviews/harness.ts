/**
 * The reviews subgraph alone on a free port with a small seed: a fresh SQLite folder, or a
 * freshly named PostgreSQL schema (dropped on close) when DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reviewsSubgraph } from '../../subgraphs/reviews/index.js';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/shared/subgraph-server.js';
import { seedSize, type SeedSize } from '../../subgraphs/shared/universe.js';
import { databaseUrl, dropSchemas, uniquePrefix } from '../support/database.js';

/** 40 products, 400 customers, 1,000 reviews. */
export const SEED_SCALE = 0.02;
export const SIZE: SeedSize = seedSize(SEED_SCALE);

export interface GraphQLBody<TData> {
  data?: TData | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

export interface TestReviews {
  subgraph: RunningSubgraph;
  /** Sends one GraphQL request over HTTP, as the gateway does. */
  query<TData = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLBody<TData>>;
  /** Same, and how many SQL statements the subgraph ran to answer it. */
  measure<TData = any>(query: string, variables?: Record<string, unknown>): Promise<{ body: GraphQLBody<TData>; statements: number }>;
  close(): Promise<void>;
}

export async function startReviews(): Promise<TestReviews> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reviews-test-'));
  const pgSchemaPrefix = uniquePrefix();
  const cleanup = async () => {
    await dropSchemas(pgSchemaPrefix, ['reviews']);
    rmSync(dataDir, { recursive: true, force: true });
  };
  let subgraph: RunningSubgraph;
  try {
    subgraph = await startSubgraph(reviewsSubgraph, {
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
    async close() {
      await subgraph.close();
      await cleanup();
    },
  };
}

/** The `extensions.code` of each error of a response. */
export const errorCodes = (body: GraphQLBody<unknown>) => (body.errors ?? []).map((e) => e.extensions?.code);

/** Federation `_entities` representations of products. */
export const productReps = (ids: readonly string[]) => ids.map((id) => ({ __typename: 'Product', id }));
