import { parseCustomerSearch } from '../domain/customer-search.js';
import type { Resolvers } from '../generated/resolvers.js';
import { searchCustomers } from '../repository/customers.js';
import { readArguments } from './errors.js';

export const queryResolvers: Resolvers = {
  Query: {
    // Who may look up (@authenticated) and search (@requiresScopes) is the SDL's, checked by
    // shared/enforce-directives.ts; each personal field checks whose data it is (resolvers/customer.ts).
    async customer(_root, { id }, { loaders }) {
      const profile = await loaders.customer.load(id);
      return profile ? { id, profile } : null;
    },
    async customers(_root, { search, first }, { db, loaders }) {
      const request = readArguments(() => parseCustomerSearch(search, first));
      const profiles = await searchCustomers(db, request);
      for (const profile of profiles) loaders.customer.prime(profile.id, profile);
      return profiles.map((profile) => ({ id: profile.id, profile }));
    },
  },
};
