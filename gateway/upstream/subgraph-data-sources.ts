/**
 * Builds the gateway's data source for each subgraph of the supergraph, on the URL the supergraph
 * gives it (or the configured override), and remembers where each subgraph is so readiness and
 * the subscriptions' upstream connections use the same place.
 */
import type { GraphQLDataSource, ServiceEndpointDefinition } from '@apollo/gateway';
import { isSubgraphName, type SubgraphName } from '../../schema/subgraphs.js';
import type { SubgraphPools } from './subgraph-pools.js';
import type { GatewayMetrics } from '../metrics.js';
import type { InternalTokenSigner } from '../identity/internal-token.js';
import { withFetchMetrics } from './subgraph-fetch-metrics.js';
import { UndiciDataSource, type WarningLogger } from './undici-data-source.js';
import type { BreakerRegistry } from './subgraph-circuit-breaker.js';
import { withRetry } from './subgraph-retry.js';
import { DEFAULT_SUBGRAPH_POLICY, policyFor, type SubgraphPolicy } from './subgraph-policy.js';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export interface SubgraphDataSourcesOptions {
  /** Overrides of the URL written in the supergraph (`<NAME>_URL`), for the subgraphs it names. */
  urls: Readonly<Partial<Record<SubgraphName, string>>>;
  pools: SubgraphPools;
  /** Deadline of one fetch (`SUBGRAPH_TIMEOUT_MS`)... */
  timeoutMs: number;
  /** ...unless the subgraph has its own (`SUBGRAPH_<NAME>_TIMEOUT_MS`). */
  timeoutsMs?: Readonly<Partial<Record<SubgraphName, number>>>;
  logger: WarningLogger;
  /** Vouches to the subgraphs for the principal of each fetch. */
  signer: InternalTokenSigner;
  /** When given, every fetch is timed. */
  metrics?: GatewayMetrics;
  /** Retries and circuit breaker (`SUBGRAPH_RETRIES` and the like)... */
  policy?: SubgraphPolicy;
  /** ...unless the subgraph has its own settings (`SUBGRAPH_<NAME>_RETRIES` and the like). */
  policies?: Readonly<Partial<Record<SubgraphName, Partial<SubgraphPolicy>>>>;
  /** The gateway's circuit breakers, one per subgraph (their states go to /metrics and /ready). */
  breakers?: BreakerRegistry;
}

export interface SubgraphDataSources {
  /** `buildService` of `ApolloGateway`: called once per subgraph, again when a reload moves it. */
  buildService(definition: ServiceEndpointDefinition): GraphQLDataSource;
  /** The subgraphs the gateway sends requests to, with the URL it uses. */
  endpoints(): SubgraphEndpoint[];
  /** The data sources built so far, by subgraph name (what a query plan's fetches go through). */
  serviceMap(): Record<string, GraphQLDataSource>;
}

export function createSubgraphDataSources({ urls, pools, timeoutMs, timeoutsMs = {}, logger, signer, metrics, policy = DEFAULT_SUBGRAPH_POLICY, policies = {}, breakers }: SubgraphDataSourcesOptions): SubgraphDataSources {
  const endpoints = new Map<string, string>();
  const sources = new Map<string, GraphQLDataSource>();
  return {
    buildService({ name, url: supergraphUrl }) {
      const url = (isSubgraphName(name) ? urls[name] : undefined) ?? supergraphUrl;
      if (!url) throw new Error(`Subgraph "${name}" has no URL in the supergraph and none is configured (${name.toUpperCase()}_URL)`);
      endpoints.set(name, url);
      const ownTimeoutMs = isSubgraphName(name) ? timeoutsMs[name] : undefined;
      const source = new UndiciDataSource({ name, url, pool: pools.poolFor(url), timeoutMs: ownTimeoutMs ?? timeoutMs, logger, signer });
      // Each attempt passes the breaker (which counts it); a retry is a new attempt; a fetch is timed once, whole.
      const own = policyFor(name, policy, policies as Record<string, Partial<SubgraphPolicy>>);
      const guarded = breakers ? breakers.wrap(name, source, own) : source;
      const retried = withRetry(name, guarded, own, metrics);
      const built = metrics ? withFetchMetrics(name, retried, metrics) : retried;
      sources.set(name, built);
      return built;
    },
    serviceMap() {
      return Object.fromEntries(sources);
    },
    endpoints() {
      return [...endpoints].map(([name, url]) => ({ name, url }));
    },
  };
}
