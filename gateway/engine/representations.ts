/**
 * The representations an entity fetch sends (`_entities(representations: [...])`): for each entity
 * in the response tree, the fields its `requires` selection names (keys, and the `@requires`
 * fields), rewritten as the plan says (`inputRewrites`); execute-plan.ts sends each distinct one once.
 */
import { isResponseObject, ownValue, setOwn, type ResponseObject } from './merge-in-place.js';
import type { PathSegment, Rewrite, Selection } from './plan.js';
import type { TypeRelations } from './type-relations.js';

export interface RequirementContext {
  types: TypeRelations;
  /** Coerced variable values: a requirement can be conditional (`skipIf`, `includeIf`). */
  variableValues: Readonly<Record<string, unknown>>;
}

/**
 * The entity's representation, or undefined when the entity lacks a field the selection needs (the
 * fetch cannot resolve it; its fields stay unresolved).
 */
export function representationOf(entity: ResponseObject, selections: readonly Selection[], context: RequirementContext): ResponseObject | undefined {
  const representation: ResponseObject = {};
  return select(entity, selections, context, representation) ? representation : undefined;
}

function select(source: ResponseObject, selections: readonly Selection[], context: RequirementContext, into: ResponseObject): boolean {
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = selection.alias ?? selection.name;
      const value = ownValue(source, name);
      if (value === undefined) return false;
      setOwn(into, name, selection.selections ? project(value, selection.selections, context) : value);
      continue;
    }
    if (selection.skipIf !== undefined && context.variableValues[selection.skipIf] === true) continue;
    if (selection.includeIf !== undefined && context.variableValues[selection.includeIf] !== true) continue;
    // Several fragments can select into the same object (`... on A { x } ... on A { y }`).
    if (selection.typeCondition === undefined || context.types.isObjectOfType(source, selection.typeCondition)) {
      if (!select(source, selection.selections, context, into)) return false;
    }
  }
  return true;
}

function project(value: unknown, selections: readonly Selection[], context: RequirementContext): unknown {
  if (Array.isArray(value)) return value.map((element) => project(element, selections, context));
  if (!isResponseObject(value)) return value === undefined ? null : value;
  const projected: ResponseObject = {};
  // A nested object missing a field is sent as far as it goes: the subgraph decides.
  return select(value, selections, context, projected) ? projected : null;
}

/** Applies the plan's rewrites (`ValueSetter`, `KeyRenamer`) to one value, in place. */
export function applyRewrites(value: ResponseObject, rewrites: readonly Rewrite[] | undefined, types: TypeRelations): void {
  if (!rewrites) return;
  for (const rewrite of rewrites) {
    const field = rewrite.path[rewrite.path.length - 1];
    if (typeof field !== 'string') continue;
    visitPath(value, rewrite.path, 0, types, (object) => {
      if (rewrite.kind === 'ValueSetter') {
        setOwn(object, field, rewrite.setValueTo);
      } else {
        const moved = ownValue(object, field);
        if (moved !== undefined && moved !== null) {
          setOwn(object, rewrite.renameKeyTo, moved);
          delete object[field];
        }
      }
    });
  }
}

function visitPath(value: unknown, path: readonly PathSegment[], index: number, types: TypeRelations, apply: (object: ResponseObject) => void): void {
  if (Array.isArray(value)) {
    for (const element of value) visitPath(element, path, index, types, apply);
    return;
  }
  if (!isResponseObject(value)) return;
  if (index === path.length - 1) {
    apply(value);
    return;
  }
  const segment = path[index]!;
  if (typeof segment === 'string') {
    visitPath(ownValue(value, segment), path, index + 1, types, apply);
    return;
  }
  // An object that does not say its type is taken to match (it is where the planner put it).
  const typename = value.__typename;
  if (typename === undefined || (typeof typename === 'string' && segment.types.some((name) => types.isSubtype(typename, name)))) {
    visitPath(value, path, index + 1, types, apply);
  }
}
