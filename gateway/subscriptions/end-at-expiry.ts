/**
 * A stream over SSE acts for the principal of the request that opened it, and only while its token
 * is valid: at expiry the stream gets one last event saying so (UNAUTHORIZED, reason `expired`) and
 * ends. The client opens a new one with a fresh token, resuming with `after`.
 */
import { Repeater } from '@repeaterjs/repeater';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Principal } from '../identity/principal.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

export function endAtExpiry<T extends ExecutionResult | AsyncIterableIterator<ExecutionResult>>(
  stream: T,
  principal: Principal,
): T | AsyncIterableIterator<ExecutionResult> {
  if (!principal.authenticated || !(typeof stream === 'object' && stream !== null && Symbol.asyncIterator in stream)) return stream;
  const events = stream as AsyncIterableIterator<ExecutionResult>;
  const expiresAt = principal.expiresAt.getTime();
  return new Repeater<ExecutionResult>(async (push, stop) => {
    let timer: NodeJS.Timeout | undefined;
    const expire = async () => {
      const left = expiresAt - Date.now();
      if (left > 0) {
        timer = setTimeout(expire, Math.min(left, MAX_TIMER_MS));
        return;
      }
      await push({
        errors: [new GraphQLError('The token expired: subscribe again with a fresh one.', { extensions: { code: 'UNAUTHORIZED', reason: 'expired' } })],
      });
      stop();
    };
    void expire();
    const forward = async () => {
      for await (const event of events) await push(event);
    };
    forward().then(() => stop(), (error: unknown) => stop(error));
    await stop;
    clearTimeout(timer);
    await events.return?.();
  });
}
