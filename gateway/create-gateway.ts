/**
 * The gateway's composition root: wires the supergraph file, the federation engine, the subgraph
 * pools and the HTTP routes into one listening server, and takes them down in order.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ApolloGateway } from '@apollo/gateway';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { createApolloGateway } from './apollo-gateway.js';
import type { GatewayConfig } from './config.js';
import { useCompression } from './compression.js';
import { useCors } from './cors.js';
import { useDrainOnClose } from './drain-on-close.js';
import { createOperationExecutor, type SchemaSnapshot } from './execute-operation.js';
import { registerGraphiQL } from './graphiql.js';
import { graphqlOverHttp } from './graphql-over-http.js';
import { registerHealthRoutes } from './health.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';
import { createGatewayMetrics } from './metrics.js';
import { registerMetricsRoute } from './metrics-route.js';
import { createPersistedQueryStore } from './persisted-queries.js';
import { useHttpErrors } from './http-errors.js';
import { createSubgraphDataSources } from './subgraph-data-sources.js';
import { createSubgraphPools } from './subgraph-pools.js';
import { createSupergraphFileSource } from './supergraph-source.js';

export const GRAPHQL_PATH = '/graphql';

export interface RunningGateway {
  app: FastifyInstance;
  /** The GraphQL endpoint on the port actually bound, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  gateway: ApolloGateway;
  /**
   * Stops accepting requests, lets those in flight finish, then stops watching the supergraph and
   * closes the subgraph connections. Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

export async function createGateway(config: GatewayConfig): Promise<RunningGateway> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.maxBodyBytes,
    // Two log lines per request would cost more than the gateway's own work on a fast path;
    // access logs belong to the load balancer.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  const pools = createSubgraphPools();
  const metrics = config.metrics ? createGatewayMetrics() : undefined;
  const dataSources = createSubgraphDataSources({
    urls: config.subgraphUrls,
    pools,
    timeoutMs: config.subgraphTimeoutMs,
    logger: app.log,
    ...(metrics ? { metrics } : {}),
  });
  const gateway = createApolloGateway({
    supergraph: createSupergraphFileSource({ path: config.supergraphPath, watch: config.watchSupergraph, logger: app.log }),
    buildService: dataSources.buildService,
    logger: app.log,
  });

  let snapshot: SchemaSnapshot | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    snapshot = { schema: apiSchema, hash: createHash('sha256').update(coreSupergraphSdl).digest('hex') };
  });

  const shutDown = async () => {
    await app.close();
    await gateway.stop();
    await pools.close();
  };

  try {
    const { executor } = await gateway.load();
    await useCors(app, config.corsOrigins);
    await useCompression(app);
    useHttpErrors(app);
    useDrainOnClose(app);
    registerHealthRoutes(app, {
      isSupergraphLoaded: () => snapshot !== undefined,
      subgraphs: dataSources.endpoints,
      pools,
      timeoutMs: config.healthCheckTimeoutMs,
    });
    if (metrics) registerMetricsRoute(app, metrics);
    const graphiqlPage = config.graphiql ? registerGraphiQL(app, { endpoint: GRAPHQL_PATH }) : undefined;
    await app.register(graphqlOverHttp, {
      path: GRAPHQL_PATH,
      currentSchema: () => snapshot,
      execute: createOperationExecutor(executor, app.log),
      documentCacheSize: config.documentCacheSize,
      ...(graphiqlPage === undefined ? {} : { graphiqlPage }),
      introspection: config.introspection,
      ...(config.apqCacheBytes > 0 ? { persistedQueries: createPersistedQueryStore(config.apqCacheBytes) } : {}),
      ...(metrics ? { metrics } : {}),
    });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await shutDown();
    throw error;
  }

  const { port } = app.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    app,
    url: `http://${reachableHost(config.host)}:${port}${GRAPHQL_PATH}`,
    gateway,
    close: () => (closing ??= shutDown()),
  };
}

/** A host a client on this machine can dial: the wildcard addresses are not. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
