/**
 * What the gateway does when a subgraph fails, per subgraph: a global default for every setting
 * and, for any subgraph, its own value (`SUBGRAPH_<NAME>_<SETTING>`, config.ts). The timeout of one
 * fetch lives beside these (`SUBGRAPH_TIMEOUT_MS`, `SUBGRAPH_<NAME>_TIMEOUT_MS`).
 */
export interface SubgraphPolicy {
  /**
   * Retries of a query fetch that could not reach the subgraph (refused, reset, unresolvable):
   * never a mutation, never after a timeout (the client already waited the deadline once).
   */
  retries: number;
  /** Backoff before the first retry; doubled for each next one, with full jitter, capped at 1 s. */
  retryDelayMs: number;
  /** Failures (unreachable, timed out, or garbage answered) within the window that open the breaker; 0: no breaker. */
  breakerFailures: number;
  /** The window those failures are counted in. */
  breakerWindowMs: number;
  /** How long an open breaker answers at once before letting one probe fetch through (half-open). */
  breakerOpenMs: number;
}

export const DEFAULT_SUBGRAPH_POLICY: SubgraphPolicy = Object.freeze({
  retries: 2,
  retryDelayMs: 25,
  breakerFailures: 5,
  breakerWindowMs: 10_000,
  breakerOpenMs: 5_000,
});

/** Each setting's environment suffix: `SUBGRAPH_<SUFFIX>` globally, `SUBGRAPH_<NAME>_<SUFFIX>` for one subgraph. */
export const POLICY_VARIABLES: Readonly<Record<keyof SubgraphPolicy, string>> = Object.freeze({
  retries: 'RETRIES',
  retryDelayMs: 'RETRY_DELAY_MS',
  breakerFailures: 'BREAKER_FAILURES',
  breakerWindowMs: 'BREAKER_WINDOW_MS',
  breakerOpenMs: 'BREAKER_OPEN_MS',
});

/** The policy of subgraph `name`: its own settings over the defaults. */
export function policyFor(name: string, defaults: SubgraphPolicy, own: Readonly<Record<string, Partial<SubgraphPolicy>>>): SubgraphPolicy {
  return { ...defaults, ...own[name] };
}
