/** `StockChange`: a ledger row (from a mutation or the live stream) with what a client derives from it. */
import { GraphQLError } from 'graphql';
import { availabilityStatus, availableUnits } from './availability.js';
import type { StockChangeResolvers } from './generated/resolvers.js';

export const stockChangeResolvers: StockChangeResolvers = {
  available: (change) => availableUnits(change),
  status: (change) => availabilityStatus(availableUnits(change)),
  variant: (change) => ({ sku: change.sku }),
  async location(change, _args, context) {
    const location = await context.locations.byId(change.locationId);
    // Movements are only written for existing levels, whose location is a foreign key: a miss is a fault.
    if (!location)
      throw new GraphQLError(`Unknown location ${change.locationId}`, {
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    return location;
  },
};
