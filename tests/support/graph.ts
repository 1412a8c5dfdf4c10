/**
 * Test harness: the whole graph on free ports with a small seed, in a fresh SQLite folder or,
 * when DATABASE_URL is set, in freshly named PostgreSQL schemas that are dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllInOne, type RunningGraph } from '../../launcher/all-in-one.js';
import type { SubgraphRuntimeOptions } from '../../subgraphs/shared/subgraph-server.js';
import { databaseUrl, uniquePrefix } from './database.js';

export interface GraphOptions {
  /** Demo data size; default 0.02 (40 products, 400 customers, 1,000 reviews). */
  seedScale?: number;
  /** Extra gateway environment (e.g. SUPERGRAPH_PATH). */
  gatewayEnv?: NodeJS.ProcessEnv;
  /** Subgraph options over the test defaults (settings, clock, redisUrl, a shared pgSchemaPrefix/dataDir...). */
  subgraph?: Partial<Omit<SubgraphRuntimeOptions, 'port'>>;
}

export interface TestGraph extends RunningGraph {
  engine: 'sqlite' | 'postgres';
  /** Where the graph keeps its data: another gateway given the same shares the partners' keys. */
  dataDir: string;
  pgSchemaPrefix: string;
}

export async function startGraph(options: GraphOptions = {}): Promise<TestGraph> {
  const dataDir = mkdtempSync(join(tmpdir(), 'supergraph-test-'));
  const pgSchemaPrefix = uniquePrefix();
  // PostgreSQL schemas are dropped when the run ends (tests/support/global-setup.ts).
  const cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  let graph: RunningGraph;
  try {
    graph = await startAllInOne({
      subgraph: {
        host: '127.0.0.1',
        databaseUrl,
        dataDir,
        pgSchemaPrefix,
        seedScale: options.seedScale ?? 0.02,
        // Audit lines would flood the test output; tests that read them pass their own sink.
        audit: () => {},
        ...options.subgraph,
      },
      gatewayEnv: { LOG_LEVEL: 'silent', ...options.gatewayEnv },
      ephemeralPorts: true,
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  return {
    ...graph,
    engine: databaseUrl ? 'postgres' : 'sqlite',
    dataDir,
    pgSchemaPrefix,
    async close() {
      await graph.close();
      await cleanup();
    },
  };
}

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  contentType: string | null;
  body: { data?: TData | null; errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[] };
}

/** POSTs one GraphQL request the way a browser client would. */
export async function postGraphQL<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as GraphQLResponse<TData>['body'] };
}
