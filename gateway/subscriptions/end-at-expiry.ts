/**
 * A stream over SSE acts for the principal of the request that opened it, and only while its token
 * is valid: at expiry the stream gets one last event saying so (UNAUTHORIZED, reason `expired`) and
 * ends. The client opens a new one with a fresh token, resuming with `after`.
 *
 * A plain iterator around the stream, not a Repeater: it is on every event's path, and a long
 * replay should not pay a queue of promises per event for a timer that fires once.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import { atExpiry } from '../identity/at-expiry.js';
import type { Principal } from '../identity/principal.js';

export function endAtExpiry<T extends ExecutionResult | AsyncIterableIterator<ExecutionResult>>(
  stream: T,
  principal: Principal,
): T | AsyncIterableIterator<ExecutionResult> {
  if (!principal.authenticated || !(typeof stream === 'object' && stream !== null && Symbol.asyncIterator in stream)) return stream;
  const events = stream as AsyncIterableIterator<ExecutionResult>;
  let expired = false;
  let ended = false;
  // The `next` waiting for an event when the token expires: it is answered with the expiry instead.
  // (Not Promise.race against one long-lived promise: each race would leave a reaction on it.)
  let interrupt: (() => void) | undefined;
  const cancel = atExpiry(principal.expiresAt, () => {
    expired = true;
    interrupt?.();
  });
  const end = async (): Promise<IteratorResult<ExecutionResult>> => {
    if (!ended) {
      ended = true;
      cancel();
      await events.return?.();
    }
    return { done: true, value: undefined };
  };
  const expiredEvent = async (): Promise<IteratorResult<ExecutionResult>> => {
    await end();
    const error = new GraphQLError('The token expired: subscribe again with a fresh one.', { extensions: { code: 'UNAUTHORIZED', reason: 'expired' } });
    return { done: false, value: { errors: [error] } };
  };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      if (ended) return { done: true, value: undefined };
      if (expired) return expiredEvent();
      const next = await new Promise<IteratorResult<ExecutionResult> | undefined>((resolve, reject) => {
        interrupt = () => resolve(undefined);
        events.next().then(resolve, reject);
      });
      interrupt = undefined;
      if (next === undefined) return expiredEvent();
      if (next.done) {
        ended = true;
        cancel();
      }
      return next;
    },
    return: end,
    async throw(error: unknown) {
      await end();
      throw error;
    },
  };
  return iterator;
}
