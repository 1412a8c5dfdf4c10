import { requireAccess, requireAuthenticated, withScope } from '../../shared/access.js';
import { parseCustomerSearch } from '../domain/customer-search.js';
import type { Resolvers } from '../generated/resolvers.js';
import { searchCustomers } from '../repository/customers.js';
import { readArguments } from './errors.js';

export const queryResolvers: Resolvers = {
  Query: {
    // Any signed-in principal may look a customer up: only id and firstName are public, and each
    // personal field checks who asks (resolvers/customer.ts).
    async customer(_root, { id }, { loaders, principal }) {
      requireAuthenticated(principal, 'looking a customer up needs a signed-in caller');
      const profile = await loaders.customer.load(id);
      return profile ? { id, profile } : null;
    },
    async customers(_root, { search, first }, { db, loaders, principal }) {
      requireAccess(principal, 'customer search is for the call center', [withScope('callcenter')]);
      const request = readArguments(() => parseCustomerSearch(search, first));
      const profiles = await searchCustomers(db, request);
      for (const profile of profiles) loaders.customer.prime(profile.id, profile);
      return profiles.map((profile) => ({ id: profile.id, profile }));
    },
  },
};
