/**
 * Caps on subscriptions, as graphql-ws servers and Hive Gateway put them: one caller cannot open
 * streams without bound (each holds an upstream subscription, buffers and a socket). A refused
 * subscription gets a protocol-level error with SUBSCRIPTION_LIMIT_EXCEEDED before anything opens.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { Principal } from '../identity/principal.js';

export interface SubscriptionQuota {
  /** Takes one of `caller`'s places; undefined when it has none left. The returned release is idempotent. */
  acquire(caller: string): (() => void) | undefined;
}

export function createSubscriptionQuota(maxPerCaller: number): SubscriptionQuota {
  const held = new Map<string, number>();
  return {
    acquire(caller) {
      const count = held.get(caller) ?? 0;
      if (count >= maxPerCaller) return undefined;
      held.set(caller, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (held.get(caller) ?? 1) - 1;
        if (left === 0) held.delete(caller);
        else held.set(caller, left);
      };
    },
  };
}

/** Who a cap counts for: the token's subject, or the network address of an anonymous caller. */
export function callerKey(principal: Principal, address: string | undefined): string {
  return principal.authenticated ? `subject:${principal.subject}` : `address:${address ?? 'unknown'}`;
}

export function subscriptionLimitError(name: 'perSocket' | 'perCaller', max: number): GraphQLError {
  const where = name === 'perSocket' ? 'on one WebSocket connection' : 'for one caller';
  return new GraphQLError(`At most ${max} operations may run at once ${where}; complete one before starting another`, {
    extensions: { code: ErrorCode.SubscriptionLimitExceeded, limit: { name, max } },
  });
}
