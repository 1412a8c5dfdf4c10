import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import type { Kysely, Migration } from 'kysely';
import mercurius from 'mercurius';
import { readSubgraphDocument, type SubgraphName } from '../../schema/subgraphs.js';
import { closeConnectionsWithUnreadBodies } from '../../platform/close-unread-bodies.js';
import { auditSinkTo, bindAuditSink, type AuditRecorder, type AuditSink } from './audit.js';
import { logFormatOf, loggerOptions } from '../../platform/log-options.js';
import { openDatabase, type Engine, type StatementCounter } from '../../platform/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { createEventBus } from '../../platform/events/create-event-bus.js';
import { createInternalPrincipalVerifier, PRINCIPAL_HEADER, PrincipalRefusedError } from '../../platform/internal-principal.js';
import { readAuthorizationPolicy } from '../../platform/authorization-policy.js';
import { enforceAuthorizationDirectives } from './enforce-directives.js';
import { cacheControlOf, isQueryDocument, NO_STORE } from './cache-control.js';
import { watchPrincipal } from './principal-reads.js';
import { maskInternalErrors } from './mask-internal-errors.js';
import { migrateToLatest } from '../../platform/migrate.js';
import { ANONYMOUS, type SubgraphPrincipal } from '../../platform/principal.js';
import { seedSize, type SeedSize } from './universe.js';
import { withBulkLoad } from '../../platform/bulk-load.js';
import { startServerSpan } from '../../platform/tracing.js';
import type { Span } from '@opentelemetry/api';

/** What makes one subgraph: its tables, its demo data and its resolvers. Transport is added here. */
export interface SubgraphDefinition<DB, Context> {
  name: SubgraphName;
  migrations: Record<string, Migration>;
  /** True when the store holds no data yet, so the demo data should be generated. */
  isEmpty(db: Kysely<DB>): Promise<boolean>;
  /** Writes the demo data (called inside one transaction). */
  seed(db: Kysely<DB>, size: SeedSize): Promise<void>;
  /**
   * A fresh context per request: DataLoaders must never outlive one request. Subscriptions get one
   * per connection; resolvers of subscription events must not rely on its caches.
   */
  createContext(db: Kysely<DB>, services: SubgraphServices, principal: SubgraphPrincipal): Context;
  resolvers: GraphQLResolverMap<Context>;
  /**
   * How long the gateway may keep this subgraph's query answers (`Cache-Control: max-age`, a safety
   * net: the gateway drops them as soon as a commit is announced on GRAPH_CHANGED_TOPIC). Declare
   * it only when every commit that changes an answer is announced (cache-control.ts).
   * @default none: every answer is `no-store`
   */
  cacheMaxAgeSeconds?: number;
  /** Background work (expiry sweeps, event consumers), started after the server listens. Resolves to its stop function. */
  start?(db: Kysely<DB>, services: SubgraphServices): Promise<() => Promise<void>>;
}

/** What a subgraph's domain code may use besides its database. */
export interface SubgraphServices {
  events: EventBus;
  now: () => Date;
  settings: SubgraphSettings;
  /** The audit trail of stock-moving and personal-data-changing mutations (shared/audit.ts). */
  audit: AuditRecorder;
}

/** Domain settings read from the environment (runtime-config.ts documents each). */
export interface SubgraphSettings {
  /** How long a click & collect reservation holds its units. */
  reservationHoldSeconds: number;
  /** How often expired reservations are looked for. */
  reservationSweepSeconds: number;
  /** How long an idempotency key is remembered (Stripe's 24 h by default); a retry after that moves stock again. */
  idempotencyKeyRetentionHours?: number;
}

export const DEFAULT_SUBGRAPH_SETTINGS: SubgraphSettings = { reservationHoldSeconds: 1800, reservationSweepSeconds: 30 };

export interface SubgraphRuntimeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** PostgreSQL connection string; the embedded SQLite is used when absent. */
  databaseUrl?: string | undefined;
  /** Folder of the SQLite files. */
  dataDir: string;
  /** Prefix of the PostgreSQL schema names, so test runs never meet each other. */
  pgSchemaPrefix: string;
  /** Size of the demo data, 1 = the default mid-size retailer. */
  seedScale: number;
  logger?: boolean;
  /** Redis connection string for events, when `events` is not given. */
  redisUrl?: string | undefined;
  /** Prefix of the Redis channels and keys. */
  eventChannelPrefix?: string | undefined;
  /** Shared with the other subgraphs of the process (and, through Redis, of other processes). Default: a bus of its own. */
  events?: EventBus | undefined;
  settings?: SubgraphSettings | undefined;
  /** The clock of the domain rules; tests move it. */
  now?: (() => Date) | undefined;
  /** The HS256 secret the gateway signs its vouching for each request's principal with (internal-principal.ts). */
  internalTokenSecret: string;
  /** Where audit entries go. Default: JSON lines where `AUDIT_LOG` says (stdout unless set), even with `logger` off. */
  audit?: AuditSink | undefined;
  /**
   * Largest request body read (`SUBGRAPH_MAX_BODY_BYTES`); a larger one gets 413 PAYLOAD_TOO_LARGE,
   * read no further. Only the gateway gets this far: others are refused before their body is read.
   * @default 4194304 (4 MiB: the gateway's entity batches outgrow its clients' bodies)
   */
  maxBodyBytes?: number | undefined;
}

export const DEFAULT_SUBGRAPH_MAX_BODY_BYTES = 4 * 1024 * 1024;

const PAYLOAD_TOO_LARGE = { errors: [{ message: 'The request body is too large.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] };

/** Fastify's refusal of a body over `bodyLimit`, as mercurius hands it to the error formatter. */
function isBodyTooLarge(execution: { errors: readonly GraphQLError[] }): boolean {
  return execution.errors.some((error) => (error.originalError as { statusCode?: unknown } | undefined)?.statusCode === 413);
}

/** Set by @fastify/websocket, which mercurius registers (its types are not ours to import). */
const isWebSocketUpgrade = (request: FastifyRequest) => (request as FastifyRequest & { ws?: boolean | null }).ws === true;

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts for, once the gateway's vouching is verified; anonymous otherwise. */
    vouchedPrincipal?: SubgraphPrincipal;
  }
}

export interface SubgraphStats {
  /** GraphQL requests received. */
  requests: number;
  /** SQL statements run. */
  database: StatementCounter;
  /** Subscriptions started over WebSocket (how tests see that gateways share upstream streams). */
  subscriptions: number;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  engine: Engine;
  stats: SubgraphStats;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startSubgraph<DB, Context>(
  definition: SubgraphDefinition<DB, Context>,
  options: SubgraphRuntimeOptions,
): Promise<RunningSubgraph> {
  const { name } = definition;
  // Before any database work: a subgraph that cannot tell the gateway from anyone else must not start.
  const verifyPrincipal = createInternalPrincipalVerifier(options.internalTokenSecret);
  const pgSchema = `${options.pgSchemaPrefix}${name}`;
  const database = await openDatabase<DB>({
    databaseUrl: options.databaseUrl,
    sqlitePath: join(options.dataDir, `${name}.sqlite`),
    pgSchema,
  });
  try {
    const schema = database.engine === 'postgres' ? pgSchema : undefined;
    await migrateToLatest(database.db, definition.migrations, schema);
    if (await definition.isEmpty(database.db)) {
      const size = seedSize(options.seedScale);
      await database.db.transaction().execute((trx) => withBulkLoad(trx, schema, () => definition.seed(trx, size)));
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  const ownsEvents = options.events === undefined;
  const services: SubgraphServices = {
    events:
      options.events ??
      (await createEventBus({ redisUrl: options.redisUrl, channelPrefix: options.eventChannelPrefix ?? 'omnichannel:' })),
    now: options.now ?? (() => new Date()),
    settings: options.settings ?? DEFAULT_SUBGRAPH_SETTINGS,
    audit: bindAuditSink(name, options.audit ?? auditSinkTo()),
  };
  const typeDefs = readSubgraphDocument(name);
  const schema = buildSubgraphSchema({
    typeDefs,
    // buildSubgraphSchema types resolvers with an unknown context; mercurius hands them ours.
    resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
  });
  // The gateway enforces the directives before planning; the subgraph does again where the data lives.
  enforceAuthorizationDirectives(schema, readAuthorizationPolicy(typeDefs));
  const stats: SubgraphStats = { requests: 0, database: database.counter, subscriptions: 0 };
  const tracedRequests = new WeakMap<object, Span>();
  // What the answer's Cache-Control depends on, per request: whether it runs a query, whether its
  // resolvers read the principal (principal-reads.ts).
  const queryContexts = new WeakSet<object>();
  const principalReaders = new WeakSet<FastifyRequest>();
  // The gateway sends its request id along: the subgraph's log lines carry the same one.
  const app = Fastify({
    // LOG_LEVEL and LOG_FORMAT as the gateway reads them (platform/log-options.ts).
    logger: options.logger ? loggerOptions(process.env.LOG_LEVEL || 'info', logFormatOf()) : false,
    requestIdHeader: 'x-request-id',
    bodyLimit: options.maxBodyBytes ?? DEFAULT_SUBGRAPH_MAX_BODY_BYTES,
  });
  closeConnectionsWithUnreadBodies(app);
  app.get('/health', async () => ({ status: 'ok', subgraph: name }));
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/graphql')) return;
    stats.requests += 1;
    // Until the answer is known to be a query answered whole (onResolution below).
    reply.header('cache-control', NO_STORE);
  });
  // With tracing on, each GraphQL request is a server span continuing the gateway's traceparent;
  // what follows (the resolvers, their SQL) runs with it active (platform/tracing.ts).
  app.addHook('onRequest', (request, _reply, done) => {
    const server = request.method === 'POST' && request.url.startsWith('/graphql') ? startServerSpan(`omnichannel-${name}`, `POST /graphql ${name}`, request.headers, { 'omnichannel.subgraph': name }) : undefined;
    if (!server) return done();
    tracedRequests.set(request, server.span);
    server.run(done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const span = tracedRequests.get(request);
    if (!span) return;
    span.setAttribute('http.response.status_code', reply.statusCode);
    span.end();
  });
  await app.register(mercurius, {
    schema,
    path: '/graphql',
    graphiql: false,
    // mercurius formats request errors too: a body over the limit is a 413 in GraphQL's shape.
    errorFormatter: (execution, context) =>
      isBodyTooLarge(execution) ? { statusCode: 413, response: PAYLOAD_TOO_LARGE } : maskInternalErrors(execution, context),
    context: (request) => {
      const principal = watchPrincipal(request.vouchedPrincipal ?? ANONYMOUS, () => principalReaders.add(request));
      return definition.createContext(database.db, services, principal) as Record<string, unknown>;
    },
    subscription: {
      // The WebSocket's vouching comes in connection_init: refused, the connection closes; verified,
      // the connection's context is built for its principal (mercurius merges what this returns
      // over the context, so every field that depends on the principal is rebuilt with it).
      onConnect: async ({ payload }) => {
        const token: unknown = payload?.principalToken;
        try {
          const principal = await verifyPrincipal(typeof token === 'string' ? token : undefined);
          return definition.createContext(database.db, services, principal) as Record<string, unknown>;
        } catch (error) {
          if (!(error instanceof PrincipalRefusedError)) throw error;
          app.log.info({ reason: error.reason }, 'WebSocket refused: no valid vouching from the gateway');
          return false;
        }
      },
    },
  });
  // Added after mercurius so that @fastify/websocket has marked upgrades (`request.ws`): those are
  // checked in onConnect, where their vouching travels.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== '/graphql' || isWebSocketUpgrade(request)) return;
    const header = request.headers[PRINCIPAL_HEADER];
    try {
      request.vouchedPrincipal = await verifyPrincipal(typeof header === 'string' ? header : undefined);
    } catch (error) {
      if (!(error instanceof PrincipalRefusedError)) throw error;
      // The reason, never the token.
      request.log.info({ reason: error.reason }, 'request refused: no valid vouching from the gateway');
      return reply
        .status(401)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify({ errors: [{ message: error.message, extensions: { code: 'UNAUTHORIZED' } }] }));
    }
  });
  app.graphql.addHook('preExecution', async (_schema, document, context) => {
    if (isQueryDocument(document)) queryContexts.add(context);
  });
  app.graphql.addHook('onResolution', async (execution, context) => {
    // Queries over a WebSocket have no reply: nothing to say there.
    const reply = context.reply as FastifyReply | undefined;
    if (!reply) return;
    const facts = { query: queryContexts.has(context), errors: (execution.errors?.length ?? 0) > 0, readPrincipal: principalReaders.has(reply.request) };
    reply.header('cache-control', cacheControlOf(definition.cacheMaxAgeSeconds, facts));
  });
  app.graphql.addHook('preSubscriptionExecution', async () => {
    stats.subscriptions += 1;
  });
  let stopBackground: (() => Promise<void>) | undefined;
  try {
    await app.listen({ host: options.host, port: options.port });
    stopBackground = await definition.start?.(database.db, services);
  } catch (error) {
    await app.close();
    await database.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    name,
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}/graphql`,
    engine: database.engine,
    stats,
    app,
    async close() {
      await stopBackground?.();
      await app.close();
      if (ownsEvents) await services.events.close();
      await database.close();
    },
  };
}
