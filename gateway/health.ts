/**
 * Liveness and readiness, for orchestrators and load balancers. `/health` says the process
 * answers (restart it if not); `/ready` says it can serve the graph now (route traffic to it only
 * then): a supergraph is loaded and every subgraph answers its own `GET /health`; it also shows each
 * subgraph's circuit breaker.
 */
import type { FastifyInstance } from 'fastify';
import type { SubgraphEndpoint } from './upstream/subgraph-data-sources.js';
import type { SubgraphPools } from './upstream/subgraph-pools.js';
import type { BreakerBoard, BreakerState } from './upstream/subgraph-circuit-breaker.js';

export interface HealthOptions {
  isSupergraphLoaded(): boolean;
  /** The subgraphs the gateway sends requests to. */
  subgraphs(): readonly SubgraphEndpoint[];
  pools: SubgraphPools;
  /** Deadline of one subgraph check. */
  timeoutMs: number;
  /** The subgraphs' circuit breakers: their states are part of the answer. */
  breakers?: BreakerBoard;
}

export interface Readiness {
  status: 'ready' | 'unavailable';
  supergraph: 'loaded' | 'missing';
  /** Each subgraph's answer: 'ok', or why it is not. */
  subgraphs: Record<string, string>;
  /** Names of the subgraphs that did not answer 'ok'. */
  failed: string[];
  /**
   * Each subgraph's circuit breaker (closed, open, half-open) once the gateway has fetched from it.
   * An open one does not make the gateway unready: it still serves every other field.
   */
  breakers: Record<string, BreakerState>;
}

export function registerHealthRoutes(app: FastifyInstance, options: HealthOptions): void {
  app.get('/health', async () => ({ status: 'ok' }));
  // Requests that arrive while a check runs share it (store screens ask every few seconds): the
  // subgraphs see one round of checks however many ask at once, and each asker a fresh answer.
  let running: Promise<Readiness> | undefined;
  app.get('/ready', async (_request, reply) => {
    running ??= checkReadiness(options).finally(() => {
      running = undefined;
    });
    const readiness = await running;
    return reply.status(readiness.status === 'ready' ? 200 : 503).send(readiness);
  });
}

export async function checkReadiness({ isSupergraphLoaded, subgraphs, pools, timeoutMs, breakers }: HealthOptions): Promise<Readiness> {
  const answers = await Promise.all(
    subgraphs().map(async (endpoint) => [endpoint.name, await checkSubgraph(endpoint, pools, timeoutMs)] as const),
  );
  const failed = answers.filter(([, answer]) => answer !== 'ok').map(([name]) => name);
  const loaded = isSupergraphLoaded();
  return {
    status: loaded && failed.length === 0 ? 'ready' : 'unavailable',
    supergraph: loaded ? 'loaded' : 'missing',
    subgraphs: Object.fromEntries(answers),
    failed,
    breakers: breakers?.states() ?? {},
  };
}

async function checkSubgraph({ url }: SubgraphEndpoint, pools: SubgraphPools, timeoutMs: number): Promise<string> {
  // A subgraph serves GraphQL at /graphql and its health beside it, at /health of the same origin.
  const healthUrl = new URL('/health', url);
  try {
    const { statusCode, body } = await pools.poolFor(healthUrl).request({
      method: 'GET',
      path: healthUrl.pathname,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await body.dump();
    return statusCode >= 200 && statusCode < 300 ? 'ok' : `HTTP ${statusCode}`;
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
    return 'unreachable';
  }
}
