/**
 * The gateway's options: read from the environment once at start-up, validated, typed.
 * A bad value stops the process with a message naming the variable, never a late surprise.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, SUPERGRAPH_PATH, type SubgraphName } from '../schema/subgraphs.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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
   * each subgraph. They win over the URLs written in the supergraph, which only name the dev ports.
   * @default http://127.0.0.1:<4001..4005>/graphql
   */
  subgraphUrls: Record<SubgraphName, string>;
  /** `SUBGRAPH_TIMEOUT_MS`: deadline of one subgraph request, queueing included. @default 10000 */
  subgraphTimeoutMs: number;
  /** `HEALTH_CHECK_TIMEOUT_MS`: deadline of one subgraph `GET /health` made by `GET /ready`. @default 2000 */
  healthCheckTimeoutMs: number;
  /** `MAX_BODY_BYTES`: largest request body accepted; larger ones get 413. @default 1048576 (1 MiB) */
  maxBodyBytes: number;
  /** `DOCUMENT_CACHE_SIZE`: parsed and validated operations kept, so repeated ones skip both; 0 disables. @default 1000 */
  documentCacheSize: number;
  /** `LOG_LEVEL`: pino level of the gateway's log. @default 'info' */
  logLevel: LogLevel;
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
}

/** Thrown by {@link loadGatewayConfig}; its message names every bad variable. */
export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
}

export function subgraphUrlVariable(name: SubgraphName): string {
  return `${name.toUpperCase()}_URL`;
}

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:$/.test(new URL(value).protocol), 'must be an http(s) URL');

const subgraphUrlOptions = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), httpUrl.default(`http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`)]),
) as Record<string, z.ZodDefault<typeof httpUrl>>;

const environmentSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  SUPERGRAPH_PATH: z.string().min(1).default(SUPERGRAPH_PATH),
  SUPERGRAPH_WATCH: flag.default('true'),
  SUBGRAPH_TIMEOUT_MS: positiveInt.default(10_000),
  HEALTH_CHECK_TIMEOUT_MS: positiveInt.default(2_000),
  MAX_BODY_BYTES: positiveInt.default(1_048_576),
  DOCUMENT_CACHE_SIZE: z.coerce.number().int().min(0).default(1_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  METRICS: flag.default('true'),
  INTROSPECTION: flag.default('true'),
  GRAPHIQL: flag.default('true'),
  APQ_CACHE_BYTES: z.coerce.number().int().min(0).default(16 * 1024 * 1024),
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
          .pipe(z.array(z.string().url().refine((o) => new URL(o).origin === o, 'each origin is scheme://host[:port], no path')).min(1)),
      ]),
    ),
  ...subgraphUrlOptions,
});

/** Reads and validates the gateway's options; throws {@link GatewayConfigError} naming each bad variable. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  // An empty variable (`PORT=`) means "not set", as shells and .env files usually intend.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new GatewayConfigError(`Invalid gateway configuration:\n${problems.join('\n')}`);
  }
  const options = parsed.data;
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, (options as Record<string, unknown>)[subgraphUrlVariable(name)] as string]),
  ) as Record<SubgraphName, string>;
  return {
    port: options.PORT,
    host: options.HOST,
    supergraphPath: resolve(options.SUPERGRAPH_PATH),
    watchSupergraph: options.SUPERGRAPH_WATCH,
    subgraphUrls,
    subgraphTimeoutMs: options.SUBGRAPH_TIMEOUT_MS,
    healthCheckTimeoutMs: options.HEALTH_CHECK_TIMEOUT_MS,
    maxBodyBytes: options.MAX_BODY_BYTES,
    documentCacheSize: options.DOCUMENT_CACHE_SIZE,
    logLevel: options.LOG_LEVEL,
    corsOrigins: options.CORS_ORIGINS,
    apqCacheBytes: options.APQ_CACHE_BYTES,
    metrics: options.METRICS,
    introspection: options.INTROSPECTION,
    graphiql: options.GRAPHIQL,
  };
}
