import { CUSTOMER_RULE, requireAccess, requireCustomerAccess, withScope } from '../../shared/access.js';
import type { SubgraphPrincipal } from '../../../platform/principal.js';
import type { Resolvers } from '../generated/resolvers.js';

/**
 * An order or ticket looked up by its own id (an entity reference, which only a direct request
 * makes: no other subgraph returns them) belongs to a customer known only once it is loaded. Whoever
 * could never see any (anonymous, store staff...) is refused before loading; a customer after,
 * when it turns out to be another's.
 */
export function requireAnyCustomerAccess(principal: SubgraphPrincipal): void {
  requireAccess(principal, CUSTOMER_RULE, [withScope('callcenter'), withScope('customer')]);
}

export const orderResolvers: Resolvers = {
  Order: {
    async __resolveReference({ id }, { loaders, principal }) {
      requireAnyCustomerAccess(principal);
      const order = await loaders.order.load(id);
      if (order) requireCustomerAccess(principal, order.customerId);
      return order;
    },
    store: (order) => (order.storeId ? { id: order.storeId } : null),
    lines(order, _args, { loaders }) {
      return loaders.orderLines.load(order.id);
    },
  },
  OrderConnection: {
    totalCount(connection, _args, { loaders }) {
      return loaders.orderCount.load(connection.customerId);
    },
  },
  OrderLine: {
    variant: (line) => ({ sku: line.sku }),
  },
};
