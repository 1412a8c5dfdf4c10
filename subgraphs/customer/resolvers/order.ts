import type { Resolvers } from '../generated/resolvers.js';

export const orderResolvers: Resolvers = {
  Order: {
    __resolveReference({ id }, { loaders }) {
      return loaders.order.load(id);
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
