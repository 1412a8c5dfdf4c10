/**
 * The partners' endpoint: the public contract of the graph (schema/public-supergraph.graphql, the
 * elements tagged `public`), served by its own federation engine on the same subgraph pools. A
 * field outside the contract does not exist here, in validation and in introspection alike;
 * errors are masked harder than on the main endpoint (gateway/public-errors.ts).
 */
import { createHash } from 'node:crypto';
import type { ApolloGateway, GatewayConfig, GraphQLDataSource } from '@apollo/gateway';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { printSchema } from 'graphql';
import { createApolloGateway } from './apollo-gateway.js';
import { createEngineExecutor, createOperationExecutor, type SchemaSnapshot } from './execute-operation.js';
import { createSupergraphEngine, type PlannerKind } from './engine/supergraph-engine.js';
import type { FetchCacheProvider } from './engine/fetch-cache.js';
import { withDeferDirective } from './engine/defer-directive.js';
import type { GatewayExecutorKind } from './config.js';
import { registerGraphiQL } from './graphiql.js';
import { graphqlOverHttp } from './graphql-over-http.js';
import type { GatewayMetrics } from './metrics.js';
import { createPersistedQueryStore } from './persisted-queries.js';
import { toPublicError } from './public-errors.js';
import type { Safelist } from './safelist.js';
import { readAuthorizationPolicy } from '../platform/authorization-policy.js';
import { createSupergraphFileSource } from './supergraph-source.js';

export const PUBLIC_GRAPHQL_PATH = '/public/graphql';
/** The contract's SDL, for partners' tools (codegen, schema registries): no key needed, it is the published contract. */
export const PUBLIC_SDL_PATH = '/public/schema.graphql';

export interface PublicEndpointOptions {
  supergraphPath: string;
  watchSupergraph: boolean;
  buildService: NonNullable<GatewayConfig['buildService']>;
  documentCacheSize: number;
  apqCacheBytes: number;
  introspection: boolean;
  graphiql: boolean;
  /** The subgraphs' data sources, by name (those `buildService` built). */
  serviceMap: () => Readonly<Record<string, GraphQLDataSource>>;
  executor: GatewayExecutorKind;
  planner: PlannerKind;
  overrideLabels: readonly string[];
  safelist?: Safelist | undefined;
  /** Runs before every request of the endpoint (the partner key check). */
  guard?: onRequestHookHandler | undefined;
  /** Extra options of the GraphQL-over-HTTP plugin (operation limits...). */
  httpOptions?: Record<string, unknown>;
  metrics?: GatewayMetrics | undefined;
  /** The cache of subgraph answers, shared with the main endpoint (gateway/cache/). */
  cache?: FetchCacheProvider | undefined;
}

export interface PublicEndpoint {
  gateway: ApolloGateway;
  isLoaded(): boolean;
  stop(): Promise<void>;
}

export async function mountPublicEndpoint(app: FastifyInstance, options: PublicEndpointOptions): Promise<PublicEndpoint> {
  const gateway = createApolloGateway({
    supergraph: createSupergraphFileSource({ path: options.supergraphPath, watch: options.watchSupergraph, logger: app.log }),
    buildService: options.buildService,
    logger: app.log,
  });
  let snapshot: SchemaSnapshot | undefined;
  let sdl: { text: string; etag: string } | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: stockApiSchema, coreSupergraphSdl }) => {
    // What partners download: the contract's API schema with every description, as printed by graphql-js.
    const text = `${printSchema(stockApiSchema)}\n`;
    sdl = { text, etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"` };
    // Our engine answers @defer inline; stock @apollo/gateway's schema does not declare it.
    const apiSchema = options.executor === 'own' ? withDeferDirective(stockApiSchema) : stockApiSchema;
    snapshot = {
      schema: apiSchema,
      hash: createHash('sha256').update(coreSupergraphSdl).digest('hex'),
      authorization: readAuthorizationPolicy(coreSupergraphSdl),
      ...(options.executor === 'own' ? { engine: createSupergraphEngine(coreSupergraphSdl, apiSchema, { planCacheSize: options.documentCacheSize, planner: options.planner, overrideLabels: options.overrideLabels, logger: app.log, cache: options.cache }) } : {}),
    };
  });
  const { executor } = await gateway.load();
  const graphiqlPage = options.graphiql ? registerGraphiQL(app, { endpoint: PUBLIC_GRAPHQL_PATH, audience: 'partner' }) : undefined;
  app.get(PUBLIC_SDL_PATH, async (request, reply) => {
    if (!sdl) return reply.status(503).type('text/plain; charset=utf-8').send('No public schema is loaded yet.\n');
    // Revalidated on every use (no-cache) but sent again only when the contract changed.
    reply.header('etag', sdl.etag).header('cache-control', 'public, no-cache').header('access-control-allow-origin', '*');
    if (matchesEtag(request.headers['if-none-match'], sdl.etag)) return reply.status(304).send();
    return reply.type('application/graphql; charset=utf-8').header('content-disposition', 'inline; filename="schema.graphql"').send(sdl.text);
  });
  await app.register(async (scope) => {
    if (options.guard) scope.addHook('onRequest', options.guard);
    await scope.register(graphqlOverHttp, {
      path: PUBLIC_GRAPHQL_PATH,
      currentSchema: () => snapshot,
      execute: createEngineExecutor(options.serviceMap, createOperationExecutor(executor, app.log)),
      documentCacheSize: options.documentCacheSize,
      introspection: options.introspection,
      formatError: toPublicError,
      costBudget: (request: { partner?: { plan: { costBudget: number } } }) => request.partner?.plan.costBudget,
      ...(graphiqlPage === undefined ? {} : { graphiqlPage }),
      ...(options.safelist ? { safelist: options.safelist } : {}),
      ...(!options.safelist && options.apqCacheBytes > 0 ? { persistedQueries: createPersistedQueryStore(options.apqCacheBytes) } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
      ...options.httpOptions,
    });
  });
  return {
    gateway,
    isLoaded: () => snapshot !== undefined,
    stop: () => gateway.stop(),
  };
}

/** If-None-Match (RFC 9110 §13.1.2): `*`, or a list of entity tags one of which is `etag` (weak comparison). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
