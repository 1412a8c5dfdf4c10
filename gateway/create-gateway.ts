/**
 * The gateway's composition root: wires the supergraph file, the federation engine, the subgraph
 * pools and the HTTP routes into one listening server, and takes them down in order.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ApolloGateway } from '@apollo/gateway';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { createApolloGateway } from './apollo-gateway.js';
import { requireInternalTokenSecret, type GatewayConfig } from './config.js';
import { useCompression } from './compression.js';
import { useCors } from './cors.js';
import { useCsrfPrevention } from './csrf.js';
import { useDrainOnClose } from './drain-on-close.js';
import { createEngineExecutor, createOperationExecutor, type SchemaSnapshot } from './execute-operation.js';
import { createSupergraphEngine } from './engine/supergraph-engine.js';
import { withDeferDirective } from './engine/defer-directive.js';
import { registerGraphiQL } from './graphiql.js';
import { graphqlOverHttp } from './graphql-over-http.js';
import { registerHealthRoutes } from './health.js';
import { openPartnerAccess, type PartnerAccess } from './partners/partner-access.js';
import type { PartnerStore } from './partners/partner-store.js';
import { mountPublicEndpoint, type PublicEndpoint } from './public-endpoint.js';
import { loadSafelist } from './safelist.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';
import { createGatewayMetrics } from './metrics.js';
import { registerMetricsRoute } from './metrics-route.js';
import { createPersistedQueryStore } from './persisted-queries.js';
import { answerClientError, useHttpErrors } from './http-errors.js';
import { useBearerAuthentication } from './identity/authenticate-request.js';
import { createInternalTokenSigner } from './identity/internal-token.js';
import { DEVELOPMENT_JWT_SECRET } from './identity/development-secret.js';
import { mintDevelopmentToken } from './identity/mint-token.js';
import { withVerifiedTokenCache } from './identity/verified-token-cache.js';
import { createTokenVerifier, tokenVerifierOptions } from './identity/verify-token.js';
import { createSubgraphDataSources } from './upstream/subgraph-data-sources.js';
import { createBreakerRegistry } from './upstream/subgraph-circuit-breaker.js';
import { createSubgraphPools } from './upstream/subgraph-pools.js';
import { readAuthorizationPolicy } from '../platform/authorization-policy.js';
import { closeConnectionsWithUnreadBodies } from '../platform/close-unread-bodies.js';
import { createSupergraphFileSource } from './supergraph-source.js';
import { createSubscriptionPlanner, type SubscriptionPlanner } from './subscriptions/plan-subscription.js';
import { registerSseRoute } from './subscriptions/sse-route.js';
import { createStreamingOperations } from './subscriptions/streaming-operations.js';
import { createSubscriptionEngine, type SubscriptionEngine } from './subscriptions/subscription-engine.js';
import { createUpstreamConnections } from './subscriptions/upstream-connections.js';
import { registerWebSocketRoute, type WebSocketRoute } from './subscriptions/websocket-route.js';
import { loggerOptions } from '../platform/log-options.js';
import type { EventBus } from '../platform/events/event-bus.js';
import { registerLandingPage } from './landing-page.js';
import { registerStoreApp } from './store-app.js';
import { startEntityCache, type RunningEntityCache } from './cache/start-entity-cache.js';

export const GRAPHQL_PATH = '/graphql';
/** GraphQL over SSE (graphql-sse's conventional path); WebSocket subscriptions use GRAPHQL_PATH. */
export const GRAPHQL_STREAM_PATH = '/graphql/stream';
/** The partners' endpoint (gateway/public-endpoint.ts), named here so CSRF prevention covers it whoever mounts it. */
const PUBLIC_GRAPHQL_PATH_FOR_CSRF = '/public/graphql';
/** GraphiQL's development token lasts a working day, within JWT_MAX_TOKEN_AGE. */
const GRAPHIQL_TOKEN_SECONDS = 8 * 3_600;
/** A store shift: the sign-in page's development tokens last as long (or JWT_MAX_TOKEN_AGE when shorter). */
const STORE_APP_TOKEN_SECONDS = 8 * 3_600;

export interface RunningGateway {
  app: FastifyInstance;
  /** The GraphQL endpoint on the port actually bound, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  gateway: ApolloGateway;
  subscriptions: SubscriptionEngine;
  /** The partners' key store, when the public endpoint is served. */
  partners: PartnerStore | undefined;
  /**
   * Stops accepting requests, lets those in flight finish, then stops watching the supergraph and
   * closes the subgraph connections. Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

export interface CreateGatewayOptions {
  /**
   * The event bus the subgraphs announce their changes on, when they run in this process (the
   * all-in-one launcher): the cache listens to it. Without it the gateway opens its own through
   * Redis (REDIS_URL), or keeps its cache off (gateway/cache/CACHE.md).
   */
  events?: EventBus | undefined;
}

export async function createGateway(config: GatewayConfig, options: CreateGatewayOptions = {}): Promise<RunningGateway> {
  // Checked before anything listens: without it every subgraph would refuse every fetch.
  const signer = createInternalTokenSigner(requireInternalTokenSecret(config), { clockSkewSeconds: config.identity.clockSkewSeconds });
  const app = Fastify({
    logger: loggerOptions(config.logLevel, config.logFormat),
    bodyLimit: config.maxBodyBytes,
    // A request must arrive whole within REQUEST_TIMEOUT_MS (408), checked every second (Node checks
    // every 30 s by default); headers within the same time at most.
    requestTimeout: config.requestTimeoutMs,
    http: { connectionsCheckingInterval: Math.min(1_000, config.requestTimeoutMs), headersTimeout: Math.min(60_000, config.requestTimeoutMs) },
    clientErrorHandler: answerClientError,
    // Two log lines per request would cost more than the gateway's own work on a fast path;
    // access logs belong to the load balancer.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  // Bodies are read up to MAX_BODY_BYTES (bodyLimit, on every route); one refused unread is not read on.
  closeConnectionsWithUnreadBodies(app);
  const pools = createSubgraphPools();
  const metrics = config.metrics ? createGatewayMetrics() : undefined;
  const breakers = createBreakerRegistry();
  metrics?.watchBreakers(breakers);
  const dataSources = createSubgraphDataSources({
    urls: config.subgraphUrls,
    pools,
    timeoutMs: config.subgraphTimeoutMs,
    timeoutsMs: config.subgraphTimeoutsMs,
    policy: config.subgraphPolicy,
    policies: config.subgraphPolicies,
    breakers,
    logger: app.log,
    signer,
    ...(metrics ? { metrics } : {}),
  });
  const gateway = createApolloGateway({
    supergraph: createSupergraphFileSource({ path: config.supergraphPath, watch: config.watchSupergraph, logger: app.log }),
    buildService: dataSources.buildService,
    logger: app.log,
  });

  let snapshot: SchemaSnapshot | undefined;
  // Started before the first load: the engines built then read through it.
  let entityCache: RunningEntityCache | undefined;
  // Built on the first subscription after each load: most deployments serve far more queries.
  let planner: { sdl: string; built?: SubscriptionPlanner } | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: stockApiSchema, coreSupergraphSdl }) => {
    // Our engine answers @defer inline; stock @apollo/gateway's schema does not declare it.
    const apiSchema = config.executor === 'own' ? withDeferDirective(stockApiSchema) : stockApiSchema;
    snapshot = {
      schema: apiSchema,
      hash: createHash('sha256').update(coreSupergraphSdl).digest('hex'),
      authorization: readAuthorizationPolicy(coreSupergraphSdl),
      ...(config.executor === 'own' ? { engine: createSupergraphEngine(coreSupergraphSdl, apiSchema, { planCacheSize: config.documentCacheSize, planner: config.planner, overrideLabels: config.overrideLabels, logger: app.log, cache: entityCache?.cache }) } : {}),
    };
    planner = { sdl: coreSupergraphSdl };
  });
  const subscriptions = createSubscriptionEngine({
    currentPlanner: () => (planner ? (planner.built ??= createSubscriptionPlanner(planner.sdl)) : undefined),
    serviceMap: dataSources.serviceMap,
    subgraphUrl: (name) => dataSources.endpoints().find((endpoint) => endpoint.name === name)?.url,
    connections: createUpstreamConnections({ signer }),
    logger: app.log,
    maxBacklog: config.subscriptionMaxBacklog,
  });
  metrics?.watchSubscriptions(() => subscriptions.stats());
  let webSockets: WebSocketRoute | undefined;
  let closeSse: (() => void) | undefined;
  let publicEndpoint: PublicEndpoint | undefined;
  let partners: PartnerAccess | undefined;

  const shutDown = async () => {
    // Subscriptions first, so each client gets a `complete`, not a dropped connection.
    await subscriptions.close();
    await webSockets?.close();
    closeSse?.();
    await app.close();
    await gateway.stop();
    await publicEndpoint?.stop();
    await partners?.close();
    await entityCache?.close();
    await pools.close();
  };

  try {
    // One verifier for HTTP requests and WebSocket connections: one JWKS cache.
    const verifyToken = withVerifiedTokenCache(createTokenVerifier(tokenVerifierOptions(config.identity)), {
      clockSkewSeconds: config.identity.clockSkewSeconds,
    });
    entityCache = await startEntityCache({
      cache: config.cache,
      events: config.events,
      bus: options.events,
      observer: metrics?.cache,
      watchBytes: metrics?.watchCacheBytes,
      logger: { info: (message) => app.log.info(message), warn: (details, message) => app.log.warn(details, message) },
    });
    const { executor } = await gateway.load();
    const execute = createEngineExecutor(dataSources.serviceMap, createOperationExecutor(executor, app.log));
    await useCors(app, config.corsOrigins);
    await useCompression(app);
    useHttpErrors(app);
    // Before any route, so the partners' endpoint mounted later is covered too.
    if (config.csrfPrevention) useCsrfPrevention(app, { paths: [GRAPHQL_PATH, GRAPHQL_STREAM_PATH, PUBLIC_GRAPHQL_PATH_FOR_CSRF] });
    // Sets request.principal: the directives (gateway/authorization/) and the subgraphs' ownership rules read it.
    useBearerAuthentication(app, { paths: [GRAPHQL_PATH, GRAPHQL_STREAM_PATH], verify: verifyToken });
    useDrainOnClose(app);
    registerHealthRoutes(app, {
      isSupergraphLoaded: () => snapshot !== undefined,
      subgraphs: dataSources.endpoints,
      pools,
      timeoutMs: config.healthCheckTimeoutMs,
      breakers,
    });
    if (metrics) registerMetricsRoute(app, metrics);
    registerLandingPage(app, { graphiql: config.graphiql, partners: config.publicSupergraphPath !== undefined, metrics: metrics !== undefined });
    const graphiqlPage = config.graphiql
      ? registerGraphiQL(app, {
          endpoint: GRAPHQL_PATH,
          // With the public development secret (npm start) a token proves nothing: the page gets a
          // call-center one, so queries of customers and the live-stock tab work as they open.
          ...(config.identity.jwtSecret === DEVELOPMENT_JWT_SECRET
            ? { defaultHeaders: async () => ({ authorization: `Bearer ${await mintDevelopmentToken({ secret: DEVELOPMENT_JWT_SECRET, issuer: config.identity.issuer, audience: config.identity.audience, subject: 'graphiql-agent', scopes: ['callcenter'], expiresIn: `${Math.min(GRAPHIQL_TOKEN_SECONDS, config.identity.maxTokenAgeSeconds)}s` })}` }) }
            : {}),
        })
      : undefined;
    if (config.storeApp) {
      registerStoreApp(app, {
        graphqlPath: GRAPHQL_PATH,
        identityProvider: config.storeAppIdentityProvider,
        // With the public development secret a token proves nothing: the sign-in page may mint one.
        mintDevelopmentToken:
          config.identity.jwtSecret === DEVELOPMENT_JWT_SECRET
            ? ({ role, storeId }) =>
                mintDevelopmentToken({
                  secret: DEVELOPMENT_JWT_SECRET,
                  issuer: config.identity.issuer,
                  audience: config.identity.audience,
                  subject: role === 'store' ? `${storeId}-staff` : 'store-app-agent',
                  scopes: role === 'store' ? ['store:staff'] : ['callcenter'],
                  storeId,
                  expiresIn: `${Math.min(STORE_APP_TOKEN_SECONDS, config.identity.maxTokenAgeSeconds)}s`,
                })
            : undefined,
      });
    }
    const streaming = createStreamingOperations({
      currentSchema: () => snapshot,
      execute,
      subscriptions,
      documentCacheSize: config.documentCacheSize,
      introspection: config.introspection,
      limits: config.limits,
      subscriptionsPerCaller: config.subscriptionMaxPerCaller,
    });
    webSockets = registerWebSocketRoute(app, GRAPHQL_PATH, streaming, verifyToken, { maxOperationsPerSocket: config.subscriptionMaxPerSocket });
    const sse = registerSseRoute(app, GRAPHQL_STREAM_PATH, streaming);
    closeSse = () => sse.close();
    await app.register(graphqlOverHttp, {
      eventStream: sse.handle,
      path: GRAPHQL_PATH,
      currentSchema: () => snapshot,
      execute,
      documentCacheSize: config.documentCacheSize,
      ...(graphiqlPage === undefined ? {} : { graphiqlPage }),
      introspection: config.introspection,
      limits: config.limits,
      ...(config.apqCacheBytes > 0 ? { persistedQueries: createPersistedQueryStore(config.apqCacheBytes) } : {}),
      ...(metrics ? { metrics } : {}),
    });
    if (config.publicSupergraphPath) {
      partners = await openPartnerAccess({
        ...config.partners,
        observer: metrics?.partners,
        onRedisError: (error) => app.log.error({ err: error }, 'rate-limit Redis connection failed; limiting per process meanwhile'),
      });
      publicEndpoint = await mountPublicEndpoint(app, {
        guard: partners.guard,
        httpOptions: { limits: config.publicLimits },
        supergraphPath: config.publicSupergraphPath,
        watchSupergraph: config.watchSupergraph,
        buildService: dataSources.buildService,
        serviceMap: dataSources.serviceMap,
        executor: config.executor,
        planner: config.planner,
        overrideLabels: config.overrideLabels,
        documentCacheSize: config.documentCacheSize,
        apqCacheBytes: config.apqCacheBytes,
        introspection: config.introspection,
        graphiql: config.graphiql,
        safelist: config.publicSafelistPath ? loadSafelist(config.publicSafelistPath) : undefined,
        metrics,
        cache: entityCache?.cache,
      });
    }
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
    subscriptions,
    partners: partners?.store,
    close: () => (closing ??= shutDown()),
  };
}

/** A host a client on this machine can dial: the wildcard addresses are not. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
