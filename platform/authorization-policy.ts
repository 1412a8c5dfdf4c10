/**
 * Who may read what, as the subgraphs declared it with `@authenticated` and `@requiresScopes`
 * (Federation 2.5+), read from an SDL — the supergraph's (the gateway) or a subgraph's own (each
 * subgraph enforces its directives again): per type, and per field of a type.
 */
import { Kind, parse, type DirectiveNode, type DocumentNode, type ValueNode } from 'graphql';

export interface Requirement {
  /** `@authenticated`: any verified principal. */
  authenticated: boolean;
  /** `@requiresScopes`: one of these sets, each set in full (OR of ANDs); empty when none is asked. */
  scopeSets: readonly (readonly string[])[];
}

export interface AuthorizationPolicy {
  /** The requirement of `type` itself (it applies to every field returning it), or undefined. */
  ofType(type: string): Requirement | undefined;
  /** The requirement of `type.field` as declared on the field, or undefined. */
  ofField(type: string, field: string): Requirement | undefined;
  /** True when nothing in the graph is protected: requests skip the check entirely. */
  readonly empty: boolean;
}

const REQUIREMENT_KINDS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.OBJECT_TYPE_EXTENSION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_EXTENSION,
  Kind.SCALAR_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
]);

export function readAuthorizationPolicy(sdl: string | DocumentNode): AuthorizationPolicy {
  const types = new Map<string, Requirement>();
  const fields = new Map<string, Requirement>();
  for (const definition of (typeof sdl === 'string' ? parse(sdl) : sdl).definitions) {
    if (!REQUIREMENT_KINDS.has(definition.kind) || !('name' in definition) || !definition.name) continue;
    const typeName = definition.name.value;
    const own = requirementOf(definition.directives);
    if (own) types.set(typeName, merge(types.get(typeName), own));
    if (!('fields' in definition) || !definition.fields) continue;
    for (const field of definition.fields) {
      if (field.kind !== Kind.FIELD_DEFINITION) continue;
      const requirement = requirementOf(field.directives);
      if (requirement) fields.set(`${typeName}.${field.name.value}`, requirement);
    }
  }
  return {
    ofType: (type) => types.get(type),
    ofField: (type, field) => fields.get(`${type}.${field}`),
    empty: types.size === 0 && fields.size === 0,
  };
}

function requirementOf(directives: readonly DirectiveNode[] | undefined): Requirement | undefined {
  let requirement: Requirement | undefined;
  for (const directive of directives ?? []) {
    if (directive.name.value === 'authenticated') {
      requirement = merge(requirement, { authenticated: true, scopeSets: [] });
    } else if (directive.name.value === 'requiresScopes') {
      const scopes = directive.arguments?.find((argument) => argument.name.value === 'scopes')?.value;
      requirement = merge(requirement, { authenticated: true, scopeSets: scopeSetsOf(scopes) });
    }
  }
  return requirement;
}

function scopeSetsOf(value: ValueNode | undefined): string[][] {
  if (value?.kind !== Kind.LIST) return [];
  return value.values.map((set) =>
    set.kind === Kind.LIST ? set.values.flatMap((scope) => (scope.kind === Kind.STRING ? [scope.value] : [])) : [],
  );
}

/** Both requirements at once: scope sets combine as (A1 or A2) and (B1 or B2) = A1B1 or A1B2 or ... */
export function merge(a: Requirement | undefined, b: Requirement): Requirement;
export function merge(a: Requirement | undefined, b: Requirement | undefined): Requirement | undefined;
export function merge(a: Requirement | undefined, b: Requirement | undefined): Requirement | undefined {
  if (!a) return b;
  if (!b) return a;
  const scopeSets =
    a.scopeSets.length === 0
      ? b.scopeSets
      : b.scopeSets.length === 0
        ? a.scopeSets
        : a.scopeSets.flatMap((left) => b.scopeSets.map((right) => [...new Set([...left, ...right])]));
  return { authenticated: a.authenticated || b.authenticated, scopeSets };
}

/** What reading `parentType.field` asks: the field's own rule, its parent type's and its returned type's. */
export function fieldRequirement(policy: AuthorizationPolicy, parentType: string, field: string, returnedType: string): Requirement | undefined {
  return merge(merge(policy.ofField(parentType, field), policy.ofType(returnedType)), policy.ofType(parentType));
}

/** True when `scopes` hold one of the requirement's scope sets in full, or it asks for none. */
export function holdsScopes(requirement: Requirement, scopes: readonly string[]): boolean {
  return requirement.scopeSets.length === 0 || requirement.scopeSets.some((set) => set.every((scope) => scopes.includes(scope)));
}
