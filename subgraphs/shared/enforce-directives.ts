/**
 * The subgraph's own enforcement of its `@authenticated` / `@requiresScopes` directives: the
 * gateway already removed what the caller may not read, and this checks it again where the data
 * lives, against the principal the gateway vouched for, so no path to a field skips its rule
 * (an entity fetch, a subscription, a request crafted with a valid vouching). Which *customer* or
 * *store* a scope covers is the domain rules' business (access.ts); here a scope counts as held.
 */
import {
  GraphQLError,
  defaultFieldResolver,
  getNamedType,
  isIntrospectionType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { fieldRequirement, holdsScopes, type AuthorizationPolicy, type Requirement } from '../../platform/authorization-policy.js';
import { ANONYMOUS, type SubgraphPrincipal } from '../../platform/principal.js';

export function enforceAuthorizationDirectives(schema: GraphQLSchema, policy: AuthorizationPolicy): void {
  if (policy.empty) return;
  // Mutations are left to their own resolvers: each checks a domain rule at least as strict as its
  // directive and writes the audit line of every refusal (audit.ts), which a check here, run
  // before them, would leave unwritten.
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type) || type === mutationType) continue;
    for (const field of Object.values(type.getFields())) {
      const requirement = fieldRequirement(policy, type.name, field.name, getNamedType(field.type).name);
      if (!requirement) continue;
      const coordinate = `${type.name}.${field.name}`;
      field.resolve = guarded(field.resolve ?? defaultFieldResolver, requirement, coordinate);
      if (field.subscribe) field.subscribe = guarded(field.subscribe, requirement, coordinate);
    }
  }
}

function guarded(
  resolve: GraphQLFieldResolver<unknown, unknown>,
  requirement: Requirement,
  coordinate: string,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const principal = (context as { principal?: SubgraphPrincipal } | null)?.principal ?? ANONYMOUS;
    if (!principal.authenticated) {
      throw new GraphQLError(`${coordinate} needs a signed-in caller.`, { extensions: { code: 'UNAUTHORIZED' } });
    }
    if (!holdsScopes(requirement, principal.scopes)) {
      const wanted = requirement.scopeSets.map((set) => set.join(' + ')).join(' or ');
      throw new GraphQLError(`${coordinate} needs the scope ${wanted}.`, { extensions: { code: 'FORBIDDEN' } });
    }
    return resolve(source, args, context, info);
  };
}
