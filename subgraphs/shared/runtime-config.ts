import { z } from 'zod';
import { MIN_INTERNAL_TOKEN_SECRET_LENGTH } from '../../platform/internal-principal.js';
import { DEFAULT_SUBGRAPH_MAX_BODY_BYTES, type SubgraphRuntimeOptions } from './subgraph-server.js';

const schema = z.object({
  /** PostgreSQL connection string; unset = embedded SQLite files. */
  DATABASE_URL: z.string().url().optional(),
  /** Folder of the SQLite files. Default `.data`. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Prefix of each subgraph's PostgreSQL schema name (`<prefix><subgraph>`). Default none. */
  PG_SCHEMA_PREFIX: z
    .string()
    .regex(/^[a-z0-9_]*$/, 'lower-case letters, digits and underscores only')
    .default(''),
  /** Demo data size: 1 = the default mid-size retailer (2,000 products, 20,000 customers...). */
  SEED_SCALE: z.coerce.number().positive().max(10).default(1),
  /** Interface the subgraphs listen on. Default 127.0.0.1. */
  SUBGRAPH_HOST: z.string().min(1).default('127.0.0.1'),
  /** Redis connection string: stock events and sales are shared across processes through it. Unset = in-process. */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of the Redis channels and keys, so several graphs can share one Redis. Default `omnichannel:`. */
  EVENT_CHANNEL_PREFIX: z.string().min(1).default('omnichannel:'),
  /** How long a click & collect reservation holds its units, in seconds. Default 1800 (30 min). */
  RESERVATION_HOLD_SECONDS: z.coerce.number().int().positive().default(1800),
  /** How often the inventory looks for expired reservations, in seconds. Default 30. */
  RESERVATION_SWEEP_SECONDS: z.coerce.number().positive().default(30),
  IDEMPOTENCY_KEY_RETENTION_HOURS: z.coerce.number().positive().default(24),
  /** Largest request body a subgraph reads, in bytes; larger ones get 413. Default 4 MiB (the gateway's entity batches). */
  SUBGRAPH_MAX_BODY_BYTES: z.coerce.number().int().positive().default(DEFAULT_SUBGRAPH_MAX_BODY_BYTES),
  /**
   * The HS256 secret (at least 32 characters) the gateway signs its vouching for each request's
   * principal with; the gateway must have the same. Required by `npm run start:subgraph`; `npm start`
   * makes one per start when unset.
   */
  INTERNAL_TOKEN_SECRET: z.string().min(MIN_INTERNAL_TOKEN_SECRET_LENGTH, `at least ${MIN_INTERNAL_TOKEN_SECRET_LENGTH} characters (HS256 needs a 256-bit secret)`).optional(),
});

/** The subgraph options the environment gives; the secret may be missing where a caller makes one. */
export type SubgraphRuntimeConfig = Omit<SubgraphRuntimeOptions, 'port' | 'internalTokenSecret'> & { internalTokenSecret: string | undefined };

/** Reads the subgraph options from the environment; throws naming the bad option. */
export function loadSubgraphRuntimeConfig(env: NodeJS.ProcessEnv = process.env): SubgraphRuntimeConfig {
  // An empty variable (`SEED_SCALE=`) means unset, as shells and CI templates usually intend.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid configuration ${String(issue.path[0])}: ${issue.message}`);
  }
  const c = parsed.data;
  return {
    host: c.SUBGRAPH_HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    pgSchemaPrefix: c.PG_SCHEMA_PREFIX,
    seedScale: c.SEED_SCALE,
    redisUrl: c.REDIS_URL,
    eventChannelPrefix: c.EVENT_CHANNEL_PREFIX,
    internalTokenSecret: c.INTERNAL_TOKEN_SECRET,
    maxBodyBytes: c.SUBGRAPH_MAX_BODY_BYTES,
    settings: {
      reservationHoldSeconds: c.RESERVATION_HOLD_SECONDS,
      reservationSweepSeconds: c.RESERVATION_SWEEP_SECONDS,
      idempotencyKeyRetentionHours: c.IDEMPOTENCY_KEY_RETENTION_HOURS,
    },
  };
}

/** The options of a subgraph that runs alone, which cannot start without the secret it shares with the gateway. */
export function requireInternalTokenSecret(config: SubgraphRuntimeConfig): Omit<SubgraphRuntimeOptions, 'port'> {
  const { internalTokenSecret } = config;
  if (internalTokenSecret === undefined) {
    throw new Error('Missing configuration INTERNAL_TOKEN_SECRET: the secret shared with the gateway (at least 32 characters) must be set');
  }
  return { ...config, internalTokenSecret };
}
