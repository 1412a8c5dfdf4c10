/**
 * The gateway's options: read from the environment once at start-up, validated, typed.
 * A bad value stops the process with a message naming the variable, never a late surprise.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { SUBGRAPH_NAMES, SUPERGRAPH_PATH, type SubgraphName } from '../schema/subgraphs.js';
import { MIN_INTERNAL_TOKEN_SECRET_LENGTH } from '../platform/internal-principal.js';
import { TIME_SPAN_EXAMPLES, timeSpanSeconds } from './identity/time-span.js';
import { DEFAULT_MAX_TOKEN_AGE_SECONDS } from './identity/verify-token.js';
import { PLANNERS, type PlannerKind } from './engine/plan.js';
import { DEFAULT_LIMITS, DEFAULT_PUBLIC_LIMITS, type LimitName, type OperationLimits } from './limits/operation-limits.js';
import { DEFAULT_SUBGRAPH_POLICY, POLICY_VARIABLES, type SubgraphPolicy } from './upstream/subgraph-policy.js';
import { logFormatOf, type LogFormat } from '../platform/log-options.js';

/**
 * Bearer tokens on /graphql and /graphql/stream (gateway/identity/). At most one key source: the
 * algorithms a token may use follow from it (HS256 for a secret, RS256/ES256 for a JWKS), and with
 * none a request that carries a token gets 401 "not configured" (requests without one are anonymous).
 */
export interface IdentityOptions {
  /** `JWT_SECRET`: HS256 shared secret, at least 32 characters; for development. @default unset (`npm start` uses a public development secret) */
  jwtSecret: string | undefined;
  /** `JWKS_PATH`: a local JWKS file of RS256/ES256 public keys, read at start-up. @default unset */
  jwksPath: string | undefined;
  /** `JWKS_URL`: the identity provider's JWKS endpoint (RS256/ES256), fetched and cached. @default unset */
  jwksUrl: string | undefined;
  /** `JWT_ISSUER`: the `iss` every token must carry. @default 'omnichannel-dev' */
  issuer: string;
  /** `JWT_AUDIENCE`: the `aud` every token must include. @default 'omnichannel-graph' */
  audience: string;
  /** `JWT_CLOCK_SKEW_SECONDS`: tolerance on `exp`, `nbf` and `iat` for clocks that disagree. @default 30 */
  clockSkewSeconds: number;
  /**
   * `JWT_MAX_TOKEN_AGE`: the longest lifetime a token may have (`exp − iat`, or `exp − now` without
   * `iat`), in seconds or a span (`8h`, `1d`); longer ones get 401, as a stolen token must not
   * live for ever. @default 24h
   */
  maxTokenAgeSeconds: number;
  /**
   * `ALLOW_ANONYMOUS_ONLY`: lets `npm run start:gateway` start without a key source, serving
   * anonymous callers only (every bearer token then gets 401 "not configured"). Without it, no key
   * source stops start-up: a gateway that refuses every token is a mistake far more often than a plan.
   * @default false
   */
  allowAnonymousOnly: boolean;
}

/** The partners' contract supergraph, written by `npm run compose` beside the supergraph. */
const PUBLIC_SUPERGRAPH_PATH = 'schema/public-supergraph.graphql';

/** Where partner keys live and how their rate limits are shared (gateway/partners/). */
export interface PartnerOptions {
  /** `DATABASE_URL`: PostgreSQL holds the keys in schema `<PG_SCHEMA_PREFIX>gateway`. @default unset (SQLite) */
  databaseUrl: string | undefined;
  /** `DATA_DIR`: folder of the SQLite file `gateway.sqlite` when DATABASE_URL is unset. @default '.data' */
  dataDir: string;
  /** `PG_SCHEMA_PREFIX`: prefix of the `gateway` PostgreSQL schema. @default '' */
  pgSchemaPrefix: string;
  /** `REDIS_URL`: rate-limit buckets shared by every gateway process; unset, each process counts alone. @default unset */
  redisUrl: string | undefined;
  /** `RATE_LIMIT_PREFIX`: prefix of the rate-limit keys in Redis, one per graph. @default `<EVENT_CHANNEL_PREFIX>rate-limit:` */
  rateLimitPrefix: string;
  /** `PARTNER_KEY_CACHE_MS`: how long a key lookup is remembered; a revocation takes effect within it. @default 5000 */
  keyCacheMs: number;
}

/** The cache of subgraph answers (gateway/cache/CACHE.md). */
export interface CacheOptions {
  /**
   * `CACHE`: `on` keeps subgraph answers as their Cache-Control allows, dropped as the subgraphs
   * announce changes; `off` sends every fetch. Without REDIS_URL it is on only where the subgraphs
   * run in the gateway's process (`npm start`): elsewhere their announcements cannot reach it.
   * @default 'on'
   */
  enabled: boolean;
  /** `CACHE_MAX_BYTES`: room for entries in the gateway's process (without REDIS_URL). @default 67108864 (64 MiB) */
  maxBytes: number;
  /** `CACHE_MAX_TTL_SECONDS`: the longest an entry is kept, whatever its max-age. @default 300 */
  maxTtlSeconds: number;
}

/** The event bus the gateway listens to (the subgraphs' announcements). */
export interface EventOptions {
  /** `REDIS_URL`: announcements of every process, and the cache's entries, through Redis. @default unset */
  redisUrl: string | undefined;
  /** `EVENT_CHANNEL_PREFIX`: prefix of the Redis channels and keys, the same as the subgraphs'. @default 'omnichannel:' */
  channelPrefix: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const GATEWAY_EXECUTORS = ['own', 'apollo'] as const;
export type GatewayExecutorKind = (typeof GATEWAY_EXECUTORS)[number];

export interface GatewayConfig {
  /** `PORT`: TCP port to listen on; 0 picks a free one. @default 4000 */
  port: number;
  /** `HOST`: interface to listen on. @default '0.0.0.0' (every interface, as a container needs) */
  host: string;
  /** `SUPERGRAPH_PATH`: the composed supergraph SDL; relative paths are resolved against the working directory. @default schema/supergraph.graphql */
  supergraphPath: string;
  /** `SUPERGRAPH_WATCH`: reload the supergraph when its file changes. @default true */
  watchSupergraph: boolean;
  /**
   * `CATALOG_URL`, `INVENTORY_URL`, `CUSTOMER_URL`, `PROMOTIONS_URL`, `REVIEWS_URL`: GraphQL endpoint of
   * the subgraph of that name, overriding the URL the supergraph gives it (`join__graph(url:)`).
   * Only the variables set are here; every other subgraph is reached at its supergraph URL.
   * @default unset (the committed supergraph names http://127.0.0.1:<4001..4005>/graphql)
   */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** `SUBGRAPH_TIMEOUT_MS`: deadline of one subgraph request, queueing included. @default 10000 */
  subgraphTimeoutMs: number;
  /** `SUBGRAPH_<NAME>_TIMEOUT_MS`: one subgraph's own deadline, in place of `SUBGRAPH_TIMEOUT_MS`. */
  subgraphTimeoutsMs: Partial<Record<SubgraphName, number>>;
  /**
   * `SUBGRAPH_RETRIES` (2), `SUBGRAPH_RETRY_DELAY_MS` (25), `SUBGRAPH_BREAKER_FAILURES` (5; 0 turns
   * the breaker off), `SUBGRAPH_BREAKER_WINDOW_MS` (10000), `SUBGRAPH_BREAKER_OPEN_MS` (5000): what
   * the gateway does when a subgraph fails (upstream/subgraph-policy.ts).
   */
  subgraphPolicy: SubgraphPolicy;
  /** `SUBGRAPH_<NAME>_RETRIES` and the like: one subgraph's own settings, over `subgraphPolicy`. */
  subgraphPolicies: Partial<Record<SubgraphName, Partial<SubgraphPolicy>>>;
  /** `HEALTH_CHECK_TIMEOUT_MS`: deadline of one subgraph `GET /health` made by `GET /ready`. @default 2000 */
  healthCheckTimeoutMs: number;
  /** `MAX_BODY_BYTES`: largest request body accepted; larger ones get 413. @default 1048576 (1 MiB) */
  maxBodyBytes: number;
  /**
   * `REQUEST_TIMEOUT_MS`: time a client has to send a whole request, headers and body; a slower one
   * gets 408 and its connection is closed, so connections that trickle a request (slowloris) are not
   * held for ever. Answers and streams (SSE, WebSocket) are not timed by it. @default 30000
   */
  requestTimeoutMs: number;
  /**
   * Operation limits of the main endpoint (and its WebSocket and SSE transports), each refusal a
   * 400 naming the limit: `LIMIT_MAX_DEPTH` (15), `LIMIT_MAX_ALIASES` (100), `LIMIT_MAX_ROOT_FIELDS`
   * (20), `LIMIT_MAX_SELECTIONS` (2000), `LIMIT_MAX_MERGE_PAIRS` (2000), `LIMIT_MAX_NESTING` (50),
   * `LIMIT_MAX_TOKENS` (10000), `LIMIT_MAX_DOCUMENT_BYTES` (102400), `LIMIT_MAX_COST` (50000,
   * the estimated cost of gateway/limits/estimate-cost.ts).
   */
  limits: OperationLimits;
  /**
   * The stricter limits of the partners' endpoint: `PUBLIC_LIMIT_MAX_DEPTH` (8),
   * `PUBLIC_LIMIT_MAX_ALIASES` (30), `PUBLIC_LIMIT_MAX_ROOT_FIELDS` (5), `PUBLIC_LIMIT_MAX_SELECTIONS` (1000),
   * `PUBLIC_LIMIT_MAX_MERGE_PAIRS` (500), `PUBLIC_LIMIT_MAX_NESTING` (30), `PUBLIC_LIMIT_MAX_TOKENS`
   * (2000), `PUBLIC_LIMIT_MAX_DOCUMENT_BYTES` (20480), `PUBLIC_LIMIT_MAX_COST` (5000; each partner's plan budget narrows it).
   */
  publicLimits: OperationLimits;
  /**
   * `SUBSCRIPTION_MAX_BACKLOG`: events a subscription client may leave unread, so one stalled client
   * cannot hold memory for the others sharing its stream. Beyond it, a client of a resumable stream
   * (`stockChanged`) goes on from the ledger at its own pace; a client of another stream is ended
   * with `SUBSCRIBER_TOO_SLOW`. At most 1000. @default 500
   */
  subscriptionMaxBacklog: number;
  /**
   * `SUBSCRIPTION_MAX_PER_SOCKET`: operations running at once on one WebSocket connection; one more
   * is refused with an `error` message (`SUBSCRIPTION_LIMIT_EXCEEDED`), the others go on. @default 100
   */
  subscriptionMaxPerSocket: number;
  /**
   * `SUBSCRIPTION_MAX_PER_CALLER`: subscriptions one caller (a token's subject; an anonymous caller
   * by address) holds at once over every WebSocket and SSE stream; one more is refused with
   * `SUBSCRIPTION_LIMIT_EXCEEDED`. @default 1000
   */
  subscriptionMaxPerCaller: number;
  /** `DOCUMENT_CACHE_SIZE`: parsed and validated operations kept, so repeated ones skip both; 0 disables. @default 1000 */
  documentCacheSize: number;
  /** `LOG_LEVEL`: pino level of the gateway's log. @default 'info' */
  logLevel: LogLevel;
  /** `LOG_FORMAT`: `pretty` (one readable line per entry) or `json`. @default pretty on a terminal, json otherwise */
  logFormat: LogFormat;
  /**
   * `GATEWAY_EXECUTOR`: `own` runs plans on our engine (gateway/engine/); `apollo` on stock
   * @apollo/gateway's executor, the reference implementation. @default 'own'
   */
  executor: GatewayExecutorKind;
  /**
   * `GATEWAY_PLANNER`: `hive` plans with Hive Router's Rust planner (@graphql-hive/router-query-planner,
   * batching the entity fetches of a stage per subgraph), `apollo` with @apollo/query-planner. Where
   * the addon cannot load, Apollo's plans, said once in the log. @default 'hive'
   */
  planner: PlannerKind;
  /**
   * `GATEWAY_OVERRIDE_LABELS`: progressive `@override` labels switched on, comma-separated (labels
   * other than `percent(N)`, which the gateway rolls per request). @default none
   */
  overrideLabels: string[];
  /**
   * `CORS_ORIGINS`: browser origins allowed to call the gateway: `*` (any, without credentials),
   * a comma-separated list of origins (e.g. `https://shop.example,https://app.example`), or `off`.
   * @default '*'
   */
  corsOrigins: '*' | 'off' | readonly string[];
  /**
   * `APQ_CACHE_BYTES`: room for automatic persisted queries (total query length kept, least
   * recently used dropped first); 0 turns APQ off. @default 16777216 (16 MiB)
   */
  apqCacheBytes: number;
  /** `METRICS`: serve Prometheus metrics at GET /metrics. @default true */
  metrics: boolean;
  /** `INTROSPECTION`: answer `__schema` and `__type` queries (codegen and GraphiQL need them). @default true */
  introspection: boolean;
  /** `GRAPHIQL`: serve GraphiQL to browsers at GET /graphql (it needs introspection). @default true */
  graphiql: boolean;
  /** `STORE_APP`: serve the store screen (apps/store, built into dist/store) at GET /store. @default true */
  storeApp: boolean;
  /**
   * `STORE_APP_OIDC_ISSUER`, `STORE_APP_OIDC_CLIENT_ID`, `STORE_APP_OIDC_SCOPE`: the identity
   * provider the store screen signs people in with (authorization code with PKCE, a public client
   * whose redirect URI is the gateway's `/store`); unset: people paste a token. @default unset
   */
  storeAppIdentityProvider: { issuer: string; clientId: string; scope: string } | undefined;
  /**
   * `CSRF_PREVENTION`: refuse GraphQL requests a browser could send cross-site without a CORS
   * preflight (see gateway/csrf.ts). @default true
   */
  csrfPrevention: boolean;
  partners: PartnerOptions;
  identity: IdentityOptions;
  /** The cache of subgraph answers (gateway/cache/CACHE.md). */
  cache: CacheOptions;
  /** Where the subgraphs announce what they changed (platform/events/): what keeps the cache true. */
  events: EventOptions;
  /**
   * `INTERNAL_TOKEN_SECRET`: the HS256 secret (at least 32 characters) the gateway signs its
   * vouching for each request's principal with; the subgraphs verify it with the same secret and
   * refuse requests without it. Required by `npm run start:gateway`.
   * @default unset (`npm start` makes a random one per start and gives it to both sides)
   */
  internalTokenSecret: string | undefined;
  /**
   * `PUBLIC_SUPERGRAPH_PATH`: the partners' contract supergraph served at /public/graphql; `off`
   * serves no public endpoint. @default schema/public-supergraph.graphql
   */
  publicSupergraphPath: string | undefined;
  /** `PUBLIC_SAFELIST_PATH`: a manifest of registered operations; when set, only they run on /public/graphql. @default unset */
  publicSafelistPath: string | undefined;
}

/** Thrown by {@link loadGatewayConfig}; its message names every bad variable. */
export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
}

export function subgraphUrlVariable(name: SubgraphName): string {
  return `${name.toUpperCase()}_URL`;
}

export function subgraphTimeoutVariable(name: SubgraphName): string {
  return `SUBGRAPH_${name.toUpperCase()}_TIMEOUT_MS`;
}

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
/** The URL, or undefined when the text is not one (`new URL` throws, which must not escape validation). */
function urlOf(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}

/** An absolute URL with one of `protocols`; anything else is a validation issue naming `example`. */
function urlWith(protocols: readonly string[], example: string) {
  return z.string().refine((value) => protocols.includes(urlOf(value)?.protocol ?? ''), `must be a ${protocols.map((p) => p.slice(0, -1)).join(' or ')} URL, e.g. ${example}`);
}

const httpUrl = urlWith(['http:', 'https:'], 'http://127.0.0.1:4001/graphql');

const subgraphUrlOptions = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), httpUrl.optional()])) as Record<
  string,
  z.ZodOptional<typeof httpUrl>
>;

const subgraphTimeoutOptions = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [subgraphTimeoutVariable(name), positiveInt.optional()])) as Record<
  string,
  z.ZodOptional<typeof positiveInt>
>;

const nonNegativeInt = z.coerce.number().int().min(0);
/** Retries and breaker failures may be 0 (none, off); the durations must be positive. */
const policySetting = (setting: keyof SubgraphPolicy) => (setting === 'retries' || setting === 'breakerFailures' ? nonNegativeInt : positiveInt);
const POLICY_SETTINGS = Object.keys(POLICY_VARIABLES) as (keyof SubgraphPolicy)[];

/** `SUBGRAPH_<SUFFIX>` with its default, and `SUBGRAPH_<NAME>_<SUFFIX>` for each subgraph. */
export function subgraphPolicyVariable(setting: keyof SubgraphPolicy, name?: SubgraphName): string {
  return `SUBGRAPH_${name === undefined ? '' : `${name.toUpperCase()}_`}${POLICY_VARIABLES[setting]}`;
}

const subgraphPolicyOptions = Object.fromEntries(
  POLICY_SETTINGS.flatMap((setting) => [
    [subgraphPolicyVariable(setting), policySetting(setting).default(DEFAULT_SUBGRAPH_POLICY[setting])],
    ...SUBGRAPH_NAMES.map((name) => [subgraphPolicyVariable(setting, name), policySetting(setting).optional()]),
  ]),
) as Record<string, z.ZodType<number | undefined>>;

const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as LimitName[];

/** `maxRootFields` → `MAX_ROOT_FIELDS`, so each limit's variable is its name in upper snake case. */
function limitVariable(prefix: string, name: LimitName): string {
  return prefix + name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

function limitOptions(prefix: string, defaults: Readonly<OperationLimits>): Record<string, z.ZodDefault<typeof positiveInt>> {
  return Object.fromEntries(LIMIT_NAMES.map((name) => [limitVariable(prefix, name), positiveInt.default(defaults[name])]));
}

function readLimits(options: object, prefix: string): OperationLimits {
  return Object.fromEntries(LIMIT_NAMES.map((name) => [name, (options as Record<string, number>)[limitVariable(prefix, name)]])) as unknown as OperationLimits;
}

const environmentSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  SUPERGRAPH_PATH: z.string().min(1).default(SUPERGRAPH_PATH),
  SUPERGRAPH_WATCH: flag.default('true'),
  SUBGRAPH_TIMEOUT_MS: positiveInt.default(10_000),
  HEALTH_CHECK_TIMEOUT_MS: positiveInt.default(2_000),
  MAX_BODY_BYTES: positiveInt.default(1_048_576),
  REQUEST_TIMEOUT_MS: positiveInt.default(30_000),
  ...limitOptions('LIMIT_', DEFAULT_LIMITS),
  ...limitOptions('PUBLIC_LIMIT_', DEFAULT_PUBLIC_LIMITS),
  SUBSCRIPTION_MAX_BACKLOG: positiveInt.max(1_000).default(500),
  SUBSCRIPTION_MAX_PER_SOCKET: positiveInt.default(100),
  SUBSCRIPTION_MAX_PER_CALLER: positiveInt.default(1_000),
  DOCUMENT_CACHE_SIZE: z.coerce.number().int().min(0).default(1_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  GATEWAY_EXECUTOR: z.enum(GATEWAY_EXECUTORS).default('own'),
  GATEWAY_PLANNER: z.enum(PLANNERS).default('hive'),
  GATEWAY_OVERRIDE_LABELS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((label) => label.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[A-Za-z][\w.\-:]*$/, 'each label starts with a letter and holds letters, digits, _ - . :'))),
  METRICS: flag.default('true'),
  INTROSPECTION: flag.default('true'),
  GRAPHIQL: flag.default('true'),
  STORE_APP: flag.default('true'),
  STORE_APP_OIDC_ISSUER: httpUrl.optional(),
  STORE_APP_OIDC_CLIENT_ID: z.string().min(1).optional(),
  STORE_APP_OIDC_SCOPE: z.string().min(1).default('openid'),
  CSRF_PREVENTION: flag.default('true'),
  DATABASE_URL: urlWith(['postgres:', 'postgresql:'], 'postgres://user@db.internal:5432/omnichannel').optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  PG_SCHEMA_PREFIX: z.string().regex(/^[a-z0-9_]*$/, 'lower-case letters, digits and underscores only').default(''),
  REDIS_URL: urlWith(['redis:', 'rediss:'], 'redis://127.0.0.1:6379').optional(),
  EVENT_CHANNEL_PREFIX: z.string().min(1).default('omnichannel:'),
  RATE_LIMIT_PREFIX: z.string().min(1).optional(),
  PARTNER_KEY_CACHE_MS: z.coerce.number().int().min(0).default(5_000),
  PUBLIC_SUPERGRAPH_PATH: z.string().min(1).default(PUBLIC_SUPERGRAPH_PATH),
  PUBLIC_SAFELIST_PATH: z.string().min(1).optional(),
  JWT_SECRET: z.string().min(32, 'at least 32 characters (HS256 needs a 256-bit secret)').optional(),
  JWKS_PATH: z.string().min(1).optional(),
  JWKS_URL: httpUrl.optional(),
  JWT_ISSUER: z.string().min(1).default('omnichannel-dev'),
  JWT_AUDIENCE: z.string().min(1).default('omnichannel-graph'),
  JWT_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  ALLOW_ANONYMOUS_ONLY: flag.default('false'),
  JWT_MAX_TOKEN_AGE: z
    .string()
    .default(String(DEFAULT_MAX_TOKEN_AGE_SECONDS))
    .transform((value, context) => {
      const seconds = timeSpanSeconds(value);
      if (seconds === undefined || seconds <= 0) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: `${TIME_SPAN_EXAMPLES}, above zero` });
        return z.NEVER;
      }
      return seconds;
    }),
  INTERNAL_TOKEN_SECRET: z.string().min(MIN_INTERNAL_TOKEN_SECRET_LENGTH, `at least ${MIN_INTERNAL_TOKEN_SECRET_LENGTH} characters (HS256 needs a 256-bit secret)`).optional(),
  APQ_CACHE_BYTES: z.coerce.number().int().min(0).default(16 * 1024 * 1024),
  CACHE: z.enum(['on', 'off']).default('on'),
  CACHE_MAX_BYTES: positiveInt.default(64 * 1024 * 1024),
  CACHE_MAX_TTL_SECONDS: positiveInt.default(300),
  CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((value) => value.trim())
    .pipe(
      z.union([
        z.literal('*'),
        z.literal('off'),
        z
          .string()
          .transform((list) => list.split(',').map((origin) => origin.trim()).filter(Boolean))
          .pipe(z.array(z.string().refine((o) => urlOf(o)?.origin === o, 'each origin is scheme://host[:port], no path, e.g. https://shop.example')).min(1)),
      ]),
    ),
  ...subgraphUrlOptions,
  ...subgraphTimeoutOptions,
  ...subgraphPolicyOptions,
});

/** Every variable the gateway reads. */
export const GATEWAY_VARIABLES: readonly string[] = Object.keys(environmentSchema.shape);

/** Reads and validates the gateway's options; throws {@link GatewayConfigError} naming each bad variable. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  // An empty variable (`PORT=`) means "not set", as shells and .env files usually intend.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    // Named by variable alone: an operator sets CORS_ORIGINS, not CORS_ORIGINS.0.
    const problems = parsed.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message}`);
    throw new GatewayConfigError(`Invalid gateway configuration:\n${problems.join('\n')}`);
  }
  const options = parsed.data;
  const keySources = (['JWT_SECRET', 'JWKS_PATH', 'JWKS_URL'] as const).filter((name) => options[name] !== undefined);
  if (keySources.length > 1) {
    throw new GatewayConfigError(`Invalid gateway configuration:\n  ${keySources.join(', ')}: set one token key source, not several`);
  }
  // Half an identity provider would show a sign-in button that cannot work.
  if ((options.STORE_APP_OIDC_ISSUER === undefined) !== (options.STORE_APP_OIDC_CLIENT_ID === undefined)) {
    throw new GatewayConfigError('Invalid gateway configuration:\n  STORE_APP_OIDC_ISSUER, STORE_APP_OIDC_CLIENT_ID: set both (the store screen\'s identity provider and its client id) or neither');
  }
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  const subgraphTimeoutsMs: Partial<Record<SubgraphName, number>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = (options as Record<string, unknown>)[subgraphUrlVariable(name)];
    if (typeof url === 'string') subgraphUrls[name] = url;
    const timeout = (options as Record<string, unknown>)[subgraphTimeoutVariable(name)];
    if (typeof timeout === 'number') subgraphTimeoutsMs[name] = timeout;
  }
  /** The settings given for one subgraph (`name`), or the global ones with their defaults. */
  const policySettings = (name?: SubgraphName): Partial<SubgraphPolicy> => {
    const given = POLICY_SETTINGS.map((key) => [key, (options as Record<string, unknown>)[subgraphPolicyVariable(key, name)]] as const);
    return Object.fromEntries(given.filter(([, value]) => typeof value === 'number'));
  };
  const subgraphPolicy = policySettings() as SubgraphPolicy;
  const subgraphPolicies: Partial<Record<SubgraphName, Partial<SubgraphPolicy>>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const own = policySettings(name);
    if (Object.keys(own).length > 0) subgraphPolicies[name] = own;
  }
  return {
    port: options.PORT,
    host: options.HOST,
    supergraphPath: resolve(options.SUPERGRAPH_PATH),
    watchSupergraph: options.SUPERGRAPH_WATCH,
    subgraphUrls,
    subgraphTimeoutMs: options.SUBGRAPH_TIMEOUT_MS,
    subgraphTimeoutsMs,
    subgraphPolicy,
    subgraphPolicies,
    healthCheckTimeoutMs: options.HEALTH_CHECK_TIMEOUT_MS,
    maxBodyBytes: options.MAX_BODY_BYTES,
    requestTimeoutMs: options.REQUEST_TIMEOUT_MS,
    limits: readLimits(options, 'LIMIT_'),
    publicLimits: readLimits(options, 'PUBLIC_LIMIT_'),
    subscriptionMaxBacklog: options.SUBSCRIPTION_MAX_BACKLOG,
    subscriptionMaxPerSocket: options.SUBSCRIPTION_MAX_PER_SOCKET,
    subscriptionMaxPerCaller: options.SUBSCRIPTION_MAX_PER_CALLER,
    documentCacheSize: options.DOCUMENT_CACHE_SIZE,
    logLevel: options.LOG_LEVEL,
    logFormat: logFormatOf({ LOG_FORMAT: options.LOG_FORMAT }),
    executor: options.GATEWAY_EXECUTOR,
    planner: options.GATEWAY_PLANNER,
    overrideLabels: options.GATEWAY_OVERRIDE_LABELS,
    corsOrigins: options.CORS_ORIGINS,
    apqCacheBytes: options.APQ_CACHE_BYTES,
    metrics: options.METRICS,
    introspection: options.INTROSPECTION,
    graphiql: options.GRAPHIQL,
    storeApp: options.STORE_APP,
    storeAppIdentityProvider:
      options.STORE_APP_OIDC_ISSUER === undefined || options.STORE_APP_OIDC_CLIENT_ID === undefined
        ? undefined
        : { issuer: options.STORE_APP_OIDC_ISSUER, clientId: options.STORE_APP_OIDC_CLIENT_ID, scope: options.STORE_APP_OIDC_SCOPE },
    csrfPrevention: options.CSRF_PREVENTION,
    partners: {
      databaseUrl: options.DATABASE_URL,
      dataDir: resolve(options.DATA_DIR),
      pgSchemaPrefix: options.PG_SCHEMA_PREFIX,
      redisUrl: options.REDIS_URL,
      rateLimitPrefix: options.RATE_LIMIT_PREFIX ?? `${options.EVENT_CHANNEL_PREFIX}rate-limit:`,
      keyCacheMs: options.PARTNER_KEY_CACHE_MS,
    },
    identity: {
      jwtSecret: options.JWT_SECRET,
      jwksPath: options.JWKS_PATH === undefined ? undefined : resolve(options.JWKS_PATH),
      jwksUrl: options.JWKS_URL,
      issuer: options.JWT_ISSUER,
      audience: options.JWT_AUDIENCE,
      clockSkewSeconds: options.JWT_CLOCK_SKEW_SECONDS,
      maxTokenAgeSeconds: options.JWT_MAX_TOKEN_AGE,
      allowAnonymousOnly: options.ALLOW_ANONYMOUS_ONLY,
    },
    cache: { enabled: options.CACHE === 'on', maxBytes: options.CACHE_MAX_BYTES, maxTtlSeconds: options.CACHE_MAX_TTL_SECONDS },
    events: { redisUrl: options.REDIS_URL, channelPrefix: options.EVENT_CHANNEL_PREFIX },
    internalTokenSecret: options.INTERNAL_TOKEN_SECRET,
    publicSupergraphPath: options.PUBLIC_SUPERGRAPH_PATH === 'off' ? undefined : resolve(options.PUBLIC_SUPERGRAPH_PATH),
    publicSafelistPath: options.PUBLIC_SAFELIST_PATH === undefined ? undefined : resolve(options.PUBLIC_SAFELIST_PATH),
  };
}

/**
 * The secret a serving gateway cannot do without (the subgraphs refuse whatever it sends unsigned);
 * scripts that only read other options (`npm run token`, `partner:add`) do not ask for it.
 */
export function requireInternalTokenSecret(config: GatewayConfig): string {
  if (config.internalTokenSecret === undefined) {
    throw new GatewayConfigError(
      'Invalid gateway configuration: INTERNAL_TOKEN_SECRET is not set (the secret shared with the subgraphs, at least 32 characters)',
    );
  }
  return config.internalTokenSecret;
}

/**
 * A gateway serving alone verifies tokens with a key source, or says it serves anonymous callers
 * only (`ALLOW_ANONYMOUS_ONLY=true`); `npm start` and tests give their own (the development secret).
 */
export function requireTokenKeySource(config: GatewayConfig): void {
  const { jwtSecret, jwksPath, jwksUrl, allowAnonymousOnly } = config.identity;
  if (jwtSecret !== undefined || jwksPath !== undefined || jwksUrl !== undefined || allowAnonymousOnly) return;
  throw new GatewayConfigError(
    'Invalid gateway configuration: no token key source: set JWKS_URL, JWKS_PATH or JWT_SECRET (or ALLOW_ANONYMOUS_ONLY=true to serve anonymous callers only, refusing every token)',
  );
}
