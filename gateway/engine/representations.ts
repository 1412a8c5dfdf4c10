/**
 * The representations an entity fetch sends (`_entities(representations: [...])`): for each entity
 * in the response tree, the fields its `requires` selection names (keys, and the `@requires`
 * fields), rewritten as the plan says (`inputRewrites`), and each distinct one sent once.
 */
import type { FetchDataRewrite, QueryPlanSelectionNode } from '@apollo/query-planner';
import { isResponseObject, ownValue, setOwn, type ResponseObject } from './merge-in-place.js';
import type { TypeRelations } from './type-relations.js';

/**
 * The entity's representation, or undefined when the entity lacks a field the selection needs (the
 * fetch cannot resolve it; its fields stay unresolved).
 */
export function representationOf(entity: ResponseObject, selections: readonly QueryPlanSelectionNode[], types: TypeRelations): ResponseObject | undefined {
  const representation: ResponseObject = {};
  return select(entity, selections, types, representation) ? representation : undefined;
}

function select(source: ResponseObject, selections: readonly QueryPlanSelectionNode[], types: TypeRelations, into: ResponseObject): boolean {
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = selection.alias ?? selection.name;
      const value = ownValue(source, name);
      if (value === undefined) return false;
      setOwn(into, name, selection.selections ? project(value, selection.selections, types) : value);
    } else if (selection.typeCondition === undefined || types.isObjectOfType(source, selection.typeCondition)) {
      // Several fragments can select into the same object (`... on A { x } ... on A { y }`).
      if (!select(source, selection.selections, types, into)) return false;
    }
  }
  return true;
}

function project(value: unknown, selections: readonly QueryPlanSelectionNode[], types: TypeRelations): unknown {
  if (Array.isArray(value)) return value.map((element) => project(element, selections, types));
  if (!isResponseObject(value)) return value === undefined ? null : value;
  const projected: ResponseObject = {};
  // A nested object missing a field is sent as far as it goes: the subgraph decides.
  return select(value, selections, types, projected) ? projected : null;
}

/** Applies the plan's rewrites (`ValueSetter`, `KeyRenamer`) to one value, in place. */
export function applyRewrites(value: ResponseObject, rewrites: readonly FetchDataRewrite[] | undefined, types: TypeRelations): void {
  if (!rewrites) return;
  for (const rewrite of rewrites) {
    if (rewrite.path.length === 0) continue;
    const field = rewrite.path[rewrite.path.length - 1]!;
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

const FRAGMENT_PREFIX = '... on ';

function visitPath(value: unknown, path: readonly string[], index: number, types: TypeRelations, apply: (object: ResponseObject) => void): void {
  if (Array.isArray(value)) {
    for (const element of value) visitPath(element, path, index, types, apply);
    return;
  }
  if (!isResponseObject(value)) return;
  if (index === path.length - 1) {
    apply(value);
    return;
  }
  const element = path[index]!;
  if (element.startsWith(FRAGMENT_PREFIX)) {
    const typeCondition = element.slice(FRAGMENT_PREFIX.length);
    // An object that does not say its type is taken to match (it is where the planner put it).
    if (value.__typename === undefined || types.isObjectOfType(value, typeCondition)) visitPath(value, path, index + 1, types, apply);
  } else {
    visitPath(ownValue(value, element), path, index + 1, types, apply);
  }
}
