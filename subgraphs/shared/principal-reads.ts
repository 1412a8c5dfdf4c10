/**
 * Tells whether a request's answer depended on who asks: the principal handed to a subgraph's
 * context is watched, and the first read of any of its properties (an ownership rule, a directive
 * check, a resolver that looks at the scopes) marks the request. Building the context only stores
 * the reference, which is not a read, so a context built for every request marks none.
 */
import type { SubgraphPrincipal } from '../../platform/principal.js';

/** The principal as resolvers see it: the same values, and `onRead` called at each property read. */
export function watchPrincipal(principal: SubgraphPrincipal, onRead: () => void): SubgraphPrincipal {
  return new Proxy(principal, {
    get(target, property, receiver) {
      onRead();
      return Reflect.get(target, property, receiver);
    },
  });
}
