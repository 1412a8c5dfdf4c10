/**
 * A query fetch that could not reach its subgraph (refused, reset — a pooled connection the
 * subgraph had just closed, a restart) is sent again after an exponential backoff with full jitter
 * (cockatiel's ExponentialBackoff): `retries` more times at most. Never a mutation (applying it
 * twice is worse than an error), never a fetch that timed out (the client already waited the
 * deadline, and a frozen subgraph would make it wait again), never once the client has gone. The
 * first attempt goes straight through: the backoff's machinery is only for what failed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { GraphQLDataSource } from '@apollo/gateway';
import { ExponentialBackoff, fullJitterGenerator, type IBackoff } from 'cockatiel';
import { clientSignalOf } from '../client-abort.js';
import { isQueryFetch, isUnreachable } from './subgraph-failure.js';
import type { SubgraphPolicy } from './subgraph-policy.js';

export interface RetryObserver {
  /** A fetch to `subgraph` is sent again. */
  retried(subgraph: string): void;
}

/** The longest wait between two attempts. */
const MAX_DELAY_MS = 1_000;

export function withRetry(subgraph: string, source: GraphQLDataSource, policy: Pick<SubgraphPolicy, 'retries' | 'retryDelayMs'>, observer?: RetryObserver): GraphQLDataSource {
  if (policy.retries === 0) return source;
  const backoffs = new ExponentialBackoff({ initialDelay: policy.retryDelayMs, maxDelay: MAX_DELAY_MS, generator: fullJitterGenerator });
  return {
    async process(options) {
      let answer = await source.process(options);
      if (!isUnreachable(answer) || !isQueryFetch(options)) return answer;
      const clientSignal = clientSignalOf(options.context);
      let backoff: IBackoff<unknown> | undefined;
      for (let retry = 1; retry <= policy.retries; retry++) {
        backoff = backoff ? backoff.next(undefined) : backoffs.next();
        try {
          await sleep(backoff.duration, undefined, clientSignal ? { signal: clientSignal } : undefined);
        } catch {
          return answer; // the client left: nobody reads the answer
        }
        observer?.retried(subgraph);
        answer = await source.process(options);
        if (!isUnreachable(answer)) return answer;
      }
      return answer;
    },
  };
}
