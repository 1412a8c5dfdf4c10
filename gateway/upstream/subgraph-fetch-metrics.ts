/** Wraps a subgraph data source to time its fetches; the data source itself stays unaware. */
import type { GraphQLDataSource } from '@apollo/gateway';
import { ErrorCode } from '../errors.js';
import type { GatewayMetrics, SubgraphOutcome } from '../metrics.js';

const UNREACHABLE_CODES: ReadonlySet<unknown> = new Set([
  ErrorCode.SubgraphUnavailable,
  ErrorCode.SubgraphTimeout,
  ErrorCode.SubgraphBadResponse,
]);

export function withFetchMetrics(subgraph: string, source: GraphQLDataSource, metrics: GatewayMetrics): GraphQLDataSource {
  return {
    async process(options) {
      const started = performance.now();
      const response = await source.process(options);
      const errors = response.errors ?? [];
      const outcome: SubgraphOutcome = errors.some((e) => UNREACHABLE_CODES.has(e.extensions?.code))
        ? 'unavailable'
        : errors.length > 0
          ? 'errors'
          : 'ok';
      metrics.observeSubgraphFetch(subgraph, outcome, (performance.now() - started) / 1000);
      return response;
    },
  };
}
