/**
 * Enforces `@authenticated` and `@requiresScopes` before the plan is built (Apollo Router's
 * behaviour, in the open): every field the principal has no right to is taken out of the operation,
 * so no subgraph is ever asked for it, and is answered `null` with an UNAUTHORIZED (no principal)
 * or FORBIDDEN (a principal without the scope) error at its path (apply-removals.ts).
 */
import { createHash } from 'node:crypto';
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isUnionType,
  isCompositeType,
  isInterfaceType,
  print,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { PreparedOperation } from '../execute-operation.js';
import { coerceVariables, type VariableValues } from '../prepare-operation.js';
import type { Principal } from '../identity/principal.js';
import { fieldRequirement, holdsScopes, merge, type AuthorizationPolicy, type Requirement } from '../../platform/authorization-policy.js';
import { OWNER_BOUND_SCOPES } from './owner-bound-scopes.js';

export type AuthorizationCode = 'UNAUTHORIZED' | 'FORBIDDEN';

export interface PathSegment {
  /** The response key (the alias when there is one). */
  key: string;
  /** The field's output type: tells lists and non-null apart when the null is put in place. */
  type: GraphQLOutputType;
}

export interface Removal {
  segments: readonly PathSegment[];
  code: AuthorizationCode;
  message: string;
}

export interface AuthorizedOperation {
  /** The operation to plan: the one given when nothing was removed. */
  prepared: PreparedOperation;
  removals: readonly Removal[];
  /** Every root field was removed: there is nothing to plan, the answer is the removals alone. */
  nothingToRun: boolean;
}

/** For each owner-bound scope whose owner the request named: is it the principal's own data? */
type Owners = ReadonlyMap<string, 'own' | 'other'>;
const NO_OWNERS: Owners = new Map();

interface Walk {
  schema: GraphQLSchema;
  policy: AuthorizationPolicy;
  principal: Principal;
  /** Coerced: `@skip(if: $v)`, `customer(id: $id)` read what the executor will read, defaults included. */
  variables: VariableValues;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  removals: Removal[];
}

const protectsDocument = new WeakMap<DocumentNode, boolean>();

/**
 * `variableValues` are the request's coerced variables (prepare-operation.ts `coerceVariables`,
 * the one coercion every check shares); without them, `prepared.variables` are coerced here.
 * The walk inlines fragments: the operation limits (`maxSelections`) have bounded what it expands.
 */
export function authorizeOperation(
  schema: GraphQLSchema,
  policy: AuthorizationPolicy,
  prepared: PreparedOperation,
  principal: Principal,
  variableValues?: VariableValues,
): AuthorizedOperation {
  const untouched = { prepared, removals: [], nothingToRun: false };
  if (policy.empty || !touchesPolicy(schema, policy, prepared.document)) return untouched;
  const root = schema.getRootType(prepared.operation.operation);
  if (!root) return untouched;
  const walk: Walk = {
    schema,
    policy,
    principal,
    variables: variableValues ?? coercedOrNone(schema, prepared),
    fragments: fragmentsOf(prepared.document),
    removals: [],
  };
  const selectionSet = authorizeSelectionSet(walk, prepared.operation.selectionSet, root, [], NO_OWNERS);
  if (walk.removals.length === 0) return untouched;
  if (!selectionSet) return { prepared, removals: walk.removals, nothingToRun: true };
  const operation: OperationDefinitionNode = { ...prepared.operation, selectionSet };
  // Fragments were inlined on the way: the pruned document holds the one operation alone.
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation] };
  const query = print(document);
  return {
    prepared: { ...prepared, query, queryHash: createHash('sha256').update(query).digest('hex'), document, operation },
    removals: walk.removals,
    nothingToRun: false,
  };
}

/** Returns the selection set without what the principal may not read; undefined when nothing is left. */
function authorizeSelectionSet(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  path: readonly PathSegment[],
  owners: Owners,
): SelectionSetNode | undefined {
  const kept: SelectionNode[] = [];
  for (const selection of selectionSet.selections) {
    // A selection skipped by @skip/@include is not asked for: it needs no right and earns no error.
    if (!isIncluded(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const field = authorizeField(walk, selection, parentType, path, owners);
      if (field) kept.push(field);
      continue;
    }
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments.get(selection.name.value) : selection;
    if (!fragment) continue;
    const condition = fragment.typeCondition ? walk.schema.getType(fragment.typeCondition.name.value) : parentType;
    if (!condition || !isCompositeType(condition)) continue;
    const inner = authorizeSelectionSet(walk, fragment.selectionSet, condition, path, owners);
    if (!inner) continue;
    kept.push({
      kind: Kind.INLINE_FRAGMENT,
      ...(fragment.typeCondition ? { typeCondition: fragment.typeCondition } : {}),
      ...(selection.directives ? { directives: selection.directives } : {}),
      selectionSet: inner,
    });
  }
  return kept.length > 0 ? { kind: Kind.SELECTION_SET, selections: kept } : undefined;
}

function authorizeField(
  walk: Walk,
  field: FieldNode,
  parentType: GraphQLCompositeType,
  path: readonly PathSegment[],
  owners: Owners,
): FieldNode | undefined {
  const name = field.name.value;
  if (name.startsWith('__') || isUnionType(parentType)) return field;
  const definition = parentType.getFields()[name];
  if (!definition) return field;
  const segments = [...path, { key: field.alias?.value ?? name, type: definition.type }];
  const returned = getNamedType(definition.type);
  const refusal = verdict(walk.principal, requirementOf(walk, parentType, name, returned.name), owners);
  if (refusal) {
    walk.removals.push({ segments, ...refusal(`${parentType.name}.${name}`) });
    return undefined;
  }
  if (!field.selectionSet || !isCompositeType(returned)) return field;
  const removedBefore = walk.removals.length;
  const selectionSet = authorizeSelectionSet(walk, field.selectionSet, returned, segments, ownersBelow(walk, field, parentType, returned.name, owners));
  if (selectionSet) return { ...field, selectionSet };
  // Nothing readable is left under the field: it goes too, answered null with the first refusal.
  const [first] = walk.removals.splice(removedBefore);
  walk.removals.push({ segments, code: first!.code, message: first!.message });
  return undefined;
}

function requirementOf(walk: Walk, parentType: GraphQLCompositeType, field: string, returnedType: string): Requirement | undefined {
  let requirement = fieldRequirement(walk.policy, parentType.name, field, returnedType);
  // A field read through an interface is as protected as it is on any type that implements it.
  if (isInterfaceType(parentType)) {
    for (const implementation of walk.schema.getPossibleTypes(parentType)) {
      requirement = merge(requirement, walk.policy.ofField(implementation.name, field));
    }
  }
  return requirement;
}

type Refusal = (coordinate: string) => { code: AuthorizationCode; message: string };

function verdict(principal: Principal, requirement: Requirement | undefined, owners: Owners): Refusal | undefined {
  if (!requirement) return undefined;
  if (!principal.authenticated) {
    return (coordinate) => ({ code: 'UNAUTHORIZED', message: `${coordinate} needs a signed-in caller: send a bearer token.` });
  }
  const usable = principal.scopes.filter((scope) => owners.get(scope) !== 'other');
  if (holdsScopes(requirement, usable)) return undefined;
  const ownOnly = usable.length < principal.scopes.length;
  // For someone else's data, the sets that name an own-data-only scope would not help: not listed.
  const helpful = ownOnly ? requirement.scopeSets.filter((set) => set.every((scope) => owners.get(scope) !== 'other')) : requirement.scopeSets;
  const wanted = (helpful.length > 0 ? helpful : requirement.scopeSets).map((set) => set.join(' + ')).join(' or ');
  return (coordinate) => ({
    code: 'FORBIDDEN',
    message: ownOnly
      ? `${coordinate} of someone else needs the scope ${wanted}; your scopes give access to your own data only.`
      : `${coordinate} needs the scope ${wanted}.`,
  });
}

/** What the fields under `field` know about whose data they read. */
function ownersBelow(walk: Walk, field: FieldNode, parentType: GraphQLCompositeType, returnedType: string, owners: Owners): Owners {
  let below: Map<string, 'own' | 'other'> | undefined;
  for (const bound of OWNER_BOUND_SCOPES) {
    if (bound.type !== returnedType) continue;
    below ??= new Map(owners);
    const { lookup } = bound;
    const named =
      parentType.name === lookup.parentType && field.name.value === lookup.field
        ? argumentValue(walk, parentType, field, lookup.argument)
        : undefined;
    if (named === undefined) below.delete(bound.scope);
    else below.set(bound.scope, walk.principal.authenticated && String(named) === walk.principal.subject ? 'own' : 'other');
  }
  return below ?? owners;
}

/** The argument as the field's resolver will see it: literal or variable, coerced, defaults applied. */
function argumentValue(walk: Walk, parentType: GraphQLCompositeType, field: FieldNode, name: string): unknown {
  const definition = isUnionType(parentType) ? undefined : parentType.getFields()[field.name.value];
  if (!definition) return undefined;
  try {
    return getArgumentValues(definition, field, walk.variables)[name];
  } catch {
    // Validation and coercion have passed, so this does not happen; if it did, it is nobody's own.
    return null;
  }
}

function coercedOrNone(schema: GraphQLSchema, prepared: PreparedOperation): VariableValues {
  const coerced = coerceVariables(schema, prepared.operation, prepared.variables);
  return coerced.ok ? coerced.value : {};
}

function isIncluded(walk: Walk, selection: SelectionNode): boolean {
  if (!selection.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, selection, walk.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, selection, walk.variables)?.if !== false;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** Whether any field of the document is protected at all; most operations are not, and skip the walk. */
function touchesPolicy(schema: GraphQLSchema, policy: AuthorizationPolicy, document: DocumentNode): boolean {
  let known = protectsDocument.get(document);
  if (known === undefined) {
    known = documentTouchesPolicy(schema, policy, document);
    protectsDocument.set(document, known);
  }
  return known;
}

function documentTouchesPolicy(schema: GraphQLSchema, policy: AuthorizationPolicy, document: DocumentNode): boolean {
  const fragments = fragmentsOf(document);
  // Each named fragment is visited once (its type condition fixes its type), so spreads of spreads
  // cost linear time; a fragment met again while being visited (a cycle) adds nothing.
  const fragmentTouches = new Map<string, boolean>();
  const visitFragment = (fragment: FragmentDefinitionNode): boolean => {
    const name = fragment.name.value;
    const known = fragmentTouches.get(name);
    if (known !== undefined) return known;
    fragmentTouches.set(name, false);
    const condition = schema.getType(fragment.typeCondition.name.value);
    const touches = condition !== undefined && isCompositeType(condition) && visit(fragment.selectionSet, condition);
    fragmentTouches.set(name, touches);
    return touches;
  };
  const visit = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): boolean =>
    selectionSet.selections.some((selection) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        return fragment !== undefined && visitFragment(fragment);
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        return condition !== undefined && condition !== null && isCompositeType(condition) && visit(selection.selectionSet, condition);
      }
      if (selection.name.value.startsWith('__') || !('getFields' in parentType)) return false;
      const definition = parentType.getFields()[selection.name.value];
      if (!definition) return false;
      const returned = getNamedType(definition.type);
      if (fieldRequirement(policy, parentType.name, selection.name.value, returned.name)) return true;
      if (isInterfaceType(parentType)) return true;
      return selection.selectionSet !== undefined && isCompositeType(returned) && visit(selection.selectionSet, returned);
    });
  return document.definitions.some((definition) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION) return false;
    const root = schema.getRootType(definition.operation);
    return root !== undefined && root !== null && visit(definition.selectionSet, root);
  });
}
