/**
 * One subgraph alone on a free port with a small seed: a fresh SQLite folder, or a freshly
 * named PostgreSQL schema (dropped on close) when DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { createInternalTokenSigner, type InternalTokenSigner } from '../../gateway/identity/internal-token.js';
import { openDatabase } from '../../platform/database.js';
import { PRINCIPAL_HEADER } from '../../platform/internal-principal.js';
import type { SubgraphPrincipal } from '../../platform/principal.js';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition, type SubgraphRuntimeOptions } from '../../subgraphs/shared/subgraph-server.js';
import { databaseUrl, uniquePrefix } from './database.js';

export interface GraphQLBody<TData> {
  data?: TData | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

/** The secret test subgraphs are started with, unless a test gives its own. */
export const TEST_INTERNAL_TOKEN_SECRET = 'omnichannel-test-internal-token-secret';

/** Who direct requests act for by default: staff that may do anything, so tests about other things need no principal. */
export const TEST_OPERATOR: SubgraphPrincipal = Object.freeze({
  authenticated: true,
  subject: 'staff-operator',
  scopes: Object.freeze(['callcenter', 'stock:write']) as readonly string[],
});

export interface RequestOptions {
  /** The principal the gateway vouches for; default {@link TEST_OPERATOR}. */
  as?: SubgraphPrincipal;
}

const signers = new Map<string, InternalTokenSigner>();

/**
 * The header the gateway would send to vouch for `principal`, signed with `secret` (a test
 * subgraph's by default; a test graph's is `graph.internalTokenSecret`).
 */
export async function vouchFor(principal: SubgraphPrincipal, secret: string = TEST_INTERNAL_TOKEN_SECRET): Promise<Record<string, string>> {
  let signer = signers.get(secret);
  if (!signer) signers.set(secret, (signer = createInternalTokenSigner(secret)));
  const token = await signer.freshTokenFor(
    principal.authenticated
      ? {
          authenticated: true,
          subject: principal.subject ?? 'test-subject',
          scopes: principal.scopes,
          ...(principal.storeId === undefined ? {} : { storeId: principal.storeId }),
          expiresAt: new Date(Date.now() + 3_600_000),
        }
      : { authenticated: false, scopes: [] },
  );
  return { [PRINCIPAL_HEADER]: token };
}

export interface TestSubgraph {
  subgraph: RunningSubgraph;
  /** Sends one GraphQL request over HTTP, as the gateway does (vouching for `options.as`). */
  query<TData = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLBody<TData>>;
  /** Same, and how many SQL statements the subgraph ran to answer it. */
  measure<TData = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<{ body: GraphQLBody<TData>; statements: number }>;
  /** The secret the subgraph verifies the gateway's vouching with. */
  internalTokenSecret: string;
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
      internalTokenSecret: TEST_INTERNAL_TOKEN_SECRET,
      // Audit lines would flood the test output; tests that read them pass their own sink.
      audit: () => {},
      ...overrides,
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  const internalTokenSecret = overrides.internalTokenSecret ?? TEST_INTERNAL_TOKEN_SECRET;
  const query = async <TData,>(text: string, variables?: Record<string, unknown>, options: RequestOptions = {}) => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await vouchFor(options.as ?? TEST_OPERATOR, internalTokenSecret)) },
      body: JSON.stringify({ query: text, variables }),
    });
    return (await response.json()) as GraphQLBody<TData>;
  };
  return {
    subgraph,
    query,
    internalTokenSecret,
    async measure<TData>(text: string, variables?: Record<string, unknown>, options?: RequestOptions) {
      const before = subgraph.stats.database.statements;
      const body = await query<TData>(text, variables, options);
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
