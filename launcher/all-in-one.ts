/**
 * The whole supergraph in one process: five subgraphs, then the gateway pointed at them.
 * A convenience for development, demos and tests; each part also runs alone.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, type SubgraphName } from '../schema/subgraphs.js';
import { startSubgraphByName } from '../subgraphs/registry.js';
import type { RunningSubgraph, SubgraphRuntimeOptions } from '../subgraphs/shared/subgraph-server.js';
import { createEventBus } from '../platform/events/create-event-bus.js';
import type { EventBus } from '../platform/events/event-bus.js';
import { loadGatewayConfig } from '../gateway/config.js';
import { createGateway } from '../gateway/create-gateway.js';
import { DEVELOPMENT_JWT_SECRET, namesKeySource } from '../gateway/identity/development-secret.js';

export interface AllInOneOptions {
  /** Without `internalTokenSecret` (nor INTERNAL_TOKEN_SECRET in `gatewayEnv`), a random one is made for this start. */
  subgraph: Omit<SubgraphRuntimeOptions, 'port' | 'internalTokenSecret'> & { internalTokenSecret?: string | undefined };
  /** Environment the gateway reads its options from (subgraph URLs are filled in here). */
  gatewayEnv: NodeJS.ProcessEnv;
  /** true: every part on a free port (tests); false: the documented ports 4000-4005. */
  ephemeralPorts: boolean;
  /** With fixed ports: the port of the first subgraph (catalog), the others following it. @default 4001 */
  firstSubgraphPort?: number;
}

export interface RunningGraph {
  gatewayUrl: string;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  gateway: Awaited<ReturnType<typeof createGateway>>;
  /** The event bus the subgraphs share. */
  events: EventBus;
  /** The secret the gateway vouches to the subgraphs with (a request sent straight to a subgraph needs it). */
  internalTokenSecret: string;
  close(): Promise<void>;
}

export async function startAllInOne(options: AllInOneOptions): Promise<RunningGraph> {
  // Both sides live in this process, so a secret nobody else knows suits them when none is given.
  const internalTokenSecret =
    options.subgraph.internalTokenSecret || options.gatewayEnv.INTERNAL_TOKEN_SECRET || randomBytes(32).toString('base64url');
  const subgraphOptions = { ...options.subgraph, internalTokenSecret };
  const started: RunningSubgraph[] = [];
  // One bus for the process: a sale recorded by the inventory reaches the customer subgraph beside it.
  const events = await createEventBus({
    redisUrl: options.subgraph.redisUrl,
    channelPrefix: options.subgraph.eventChannelPrefix ?? 'omnichannel:',
  });
  const start = (name: SubgraphName) => {
    const offset = DEFAULT_SUBGRAPH_PORTS[name] - DEFAULT_SUBGRAPH_PORTS.catalog;
    const port = options.ephemeralPorts ? 0 : (options.firstSubgraphPort ?? DEFAULT_SUBGRAPH_PORTS.catalog) + offset;
    return startSubgraphByName(name, { ...subgraphOptions, port, events });
  };
  try {
    if (options.subgraph.databaseUrl) {
      // On PostgreSQL the seeds' inserts run in the server's processes: five at once overlap this
      // process's data generation with them (first start 14 s -> 9 s on two cores).
      const results = await Promise.allSettled(SUBGRAPH_NAMES.map(start));
      for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    } else {
      // SQLite is synchronous and seeding CPU-bound: one at a time, parallel starts would gain nothing.
      for (const name of SUBGRAPH_NAMES) started.push(await start(name));
    }
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    await events.close();
    throw error;
  }
  const subgraphs = Object.fromEntries(started.map((s) => [s.name, s])) as Record<SubgraphName, RunningSubgraph>;
  const urlEnv = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, subgraphs[name].url]));
  // The gateway keeps its own store (partner keys) beside the subgraphs' and shares their Redis.
  const storeEnv = {
    DATA_DIR: options.subgraph.dataDir,
    DATABASE_URL: options.subgraph.databaseUrl ?? '',
    PG_SCHEMA_PREFIX: options.subgraph.pgSchemaPrefix,
    REDIS_URL: options.subgraph.redisUrl ?? '',
    EVENT_CHANNEL_PREFIX: options.subgraph.eventChannelPrefix ?? '',
  };
  // So the quick start can mint tokens (`npm run token`); a deployment names its own key source.
  const identityEnv = namesKeySource(options.gatewayEnv) ? {} : { JWT_SECRET: DEVELOPMENT_JWT_SECRET };
  const config = loadGatewayConfig({
    ...storeEnv,
    ...identityEnv,
    ...options.gatewayEnv,
    INTERNAL_TOKEN_SECRET: internalTokenSecret,
    ...urlEnv,
    ...(options.ephemeralPorts ? { PORT: '0', HOST: '127.0.0.1' } : {}),
  });
  let gateway: RunningGraph['gateway'];
  try {
    // The subgraphs' announcements on this bus keep the gateway's cache true (gateway/cache/CACHE.md).
    gateway = await createGateway(config, { events });
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    await events.close();
    throw error;
  }
  return {
    gatewayUrl: gateway.url,
    subgraphs,
    gateway,
    events,
    internalTokenSecret,
    async close() {
      await gateway.close();
      await Promise.all(started.map((s) => s.close()));
      await events.close();
    },
  };
}
