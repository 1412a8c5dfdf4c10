import type { Resolvers } from './generated/resolvers.js';
import { contributionResolvers } from './resolvers/contributions.js';
import { customerResolvers } from './resolvers/customer.js';
import { mutationResolvers } from './resolvers/mutation.js';
import { orderResolvers } from './resolvers/order.js';
import { queryResolvers } from './resolvers/query.js';
import { wishlistAndTicketResolvers } from './resolvers/wishlist-and-tickets.js';

/** Every resolver of the customer subgraph: thin adapters over loaders, repositories and commands. */
export const customerResolverMap: Resolvers = {
  ...queryResolvers,
  ...customerResolvers,
  ...orderResolvers,
  ...wishlistAndTicketResolvers,
  ...contributionResolvers,
  ...mutationResolvers,
};
