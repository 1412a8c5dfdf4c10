/**
 * The whole supergraph in one process: five subgraphs, then the gateway pointed at them.
 * A convenience for development, demos and tests; each part also runs alone.
 */
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, type SubgraphName } from '../schema/subgraphs.js';
import { startSubgraphByName } from '../subgraphs/registry.js';
import type { RunningSubgraph, SubgraphRuntimeOptions } from '../subgraphs/shared/subgraph-server.js';
import { loadGatewayConfig } from './config.js';
import { createGateway } from './create-gateway.js';

export interface AllInOneOptions {
  subgraph: Omit<SubgraphRuntimeOptions, 'port'>;
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
  close(): Promise<void>;
}

export async function startAllInOne(options: AllInOneOptions): Promise<RunningGraph> {
  const started: RunningSubgraph[] = [];
  try {
    // Sequential on purpose: seeding is CPU-bound and SQLite is synchronous, so parallel starts gain nothing.
    for (const name of SUBGRAPH_NAMES) {
      const offset = DEFAULT_SUBGRAPH_PORTS[name] - DEFAULT_SUBGRAPH_PORTS.catalog;
      const port = options.ephemeralPorts ? 0 : (options.firstSubgraphPort ?? DEFAULT_SUBGRAPH_PORTS.catalog) + offset;
      started.push(await startSubgraphByName(name, { ...options.subgraph, port }));
    }
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
  const subgraphs = Object.fromEntries(started.map((s) => [s.name, s])) as Record<SubgraphName, RunningSubgraph>;
  const urlEnv = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, subgraphs[name].url]));
  const config = loadGatewayConfig({
    ...options.gatewayEnv,
    ...urlEnv,
    ...(options.ephemeralPorts ? { PORT: '0', HOST: '127.0.0.1' } : {}),
  });
  let gateway: RunningGraph['gateway'];
  try {
    gateway = await createGateway(config);
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
  return {
    gatewayUrl: gateway.url,
    subgraphs,
    gateway,
    async close() {
      await gateway.close();
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
