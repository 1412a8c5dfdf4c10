/**
 * A stream over SSE acts for the principal of the request that opened it, and only while its token
 * is valid: at expiry the stream gets one last event saying so (UNAUTHORIZED, reason `expired`) and
 * ends. The client opens a new one with a fresh token, resuming with `after`.
 */
import { Repeater } from '@repeaterjs/repeater';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { atExpiry } from '../identity/at-expiry.js';
import type { Principal } from '../identity/principal.js';


export function endAtExpiry<T extends ExecutionResult | AsyncIterableIterator<ExecutionResult>>(
  stream: T,
  principal: Principal,
): T | AsyncIterableIterator<ExecutionResult> {
  if (!principal.authenticated || !(typeof stream === 'object' && stream !== null && Symbol.asyncIterator in stream)) return stream;
  const events = stream as AsyncIterableIterator<ExecutionResult>;
  return new Repeater<ExecutionResult>(async (push, stop) => {
    const cancel = atExpiry(principal.expiresAt, () => {
      const expired = new GraphQLError('The token expired: subscribe again with a fresh one.', { extensions: { code: 'UNAUTHORIZED', reason: 'expired' } });
      void push({ errors: [expired] }).then(() => stop());
    });
    const forward = async () => {
      for await (const event of events) await push(event);
    };
    forward().then(() => stop(), (error: unknown) => stop(error));
    await stop;
    cancel();
    await events.return?.();
  });
}
