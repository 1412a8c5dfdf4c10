/**
 * A circuit breaker per subgraph (cockatiel's CircuitBreakerPolicy, opened by
 * FailureWindowBreaker): after `breakerFailures` failed fetches within `breakerWindowMs` the
 * circuit opens, and for `breakerOpenMs` every fetch to that subgraph is answered at once with
 * SUBGRAPH_UNAVAILABLE at the paths it would have filled — a frozen subgraph then costs the pages
 * that need it nothing but its own fields, instead of its timeout each and the pool's sockets.
 * Then one probe fetch goes through (half-open): it closes the circuit if it succeeds, opens it
 * again if not. While the probe is out, other fetches are answered at once as if open (cockatiel
 * would make them wait for the probe, up to a whole timeout). Failures are what the subgraph did
 * wrong (unreachable, timed out, garbage); its GraphQL errors are answers.
 */
import type { GraphQLDataSource } from '@apollo/gateway';
import { BrokenCircuitError, CircuitState, circuitBreaker, handleWhenResult } from 'cockatiel';
import { ErrorCode } from '../errors.js';
import { FailureWindowBreaker } from './failure-window-breaker.js';
import { answeredWithoutAsking, failedFetch, fetchOf, isSubgraphFailure, type SubgraphResponse } from './subgraph-failure.js';
import type { SubgraphPolicy } from './subgraph-policy.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** The breakers of one gateway, by subgraph: what `/metrics` and `/ready` show. */
export interface BreakerBoard {
  /** Each subgraph's breaker state now (subgraphs without a breaker are absent). */
  states(): Record<string, BreakerState>;
  /** Called on every change of state. */
  onChange(listener: (subgraph: string, state: BreakerState) => void): void;
}

export interface BreakerRegistry extends BreakerBoard {
  /** Wraps `source` in the breaker of `subgraph` (one breaker per subgraph, kept across reloads). */
  wrap(subgraph: string, source: GraphQLDataSource, policy: Pick<SubgraphPolicy, 'breakerFailures' | 'breakerWindowMs' | 'breakerOpenMs'>): GraphQLDataSource;
}

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

export function createBreakerRegistry(): BreakerRegistry {
  const breakers = new Map<string, { policy: ReturnType<typeof circuitBreaker>; key: string }>();
  const listeners: ((subgraph: string, state: BreakerState) => void)[] = [];
  const breakerOf = (subgraph: string, settings: Pick<SubgraphPolicy, 'breakerFailures' | 'breakerWindowMs' | 'breakerOpenMs'>) => {
    const key = `${settings.breakerFailures}/${settings.breakerWindowMs}/${settings.breakerOpenMs}`;
    const existing = breakers.get(subgraph);
    if (existing?.key === key) return existing.policy;
    const policy = circuitBreaker(handleWhenResult((answer) => isSubgraphFailure(answer as SubgraphResponse)), {
      halfOpenAfter: settings.breakerOpenMs,
      breaker: new FailureWindowBreaker(settings.breakerFailures, settings.breakerWindowMs),
    });
    policy.onStateChange((state) => {
      for (const listener of listeners) listener(subgraph, STATES[state]);
    });
    breakers.set(subgraph, { policy, key });
    return policy;
  };
  return {
    wrap(subgraph, source, settings) {
      if (settings.breakerFailures === 0) return source;
      const policy = breakerOf(subgraph, settings);
      const openAnswer = (options: Parameters<GraphQLDataSource['process']>[0]) =>
        answeredWithoutAsking(failedFetch(subgraph, fetchOf(options), ErrorCode.SubgraphUnavailable, `Subgraph "${subgraph}" is unavailable: its circuit breaker is open after repeated failures`));
      return {
        async process(options) {
          if (policy.state === CircuitState.HalfOpen) return openAnswer(options);
          try {
            return await policy.execute(() => source.process(options));
          } catch (error) {
            if (error instanceof BrokenCircuitError) return openAnswer(options);
            throw error;
          }
        },
      };
    },
    states() {
      return Object.fromEntries([...breakers].map(([subgraph, { policy }]) => [subgraph, STATES[policy.state]]));
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
