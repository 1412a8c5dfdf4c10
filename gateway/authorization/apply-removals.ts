/**
 * Puts the answer to each removed field in place after execution: `null` where the field would have
 * been, with its UNAUTHORIZED/FORBIDDEN error at that very path, and the spec's null propagation
 * when the field is non-null (the nearest nullable parent becomes null; a non-null root nulls `data`).
 */
import { GraphQLError, isListType, isNonNullType, type ExecutionResult, type GraphQLOutputType } from 'graphql';
import type { PathSegment, Removal } from './authorize-operation.js';
import type { OperationResult } from '../execute-operation.js';
import { materialize } from '../engine/raw-json.js';

type Data = Record<string, unknown>;

export function applyRemovals(result: OperationResult, removals: readonly Removal[]): OperationResult {
  if (removals.length === 0) return result;
  const executed = materialize(result.data);
  let data: Data | null | undefined = executed === undefined || executed === null ? executed : { ...executed };
  const errors: GraphQLError[] = [];
  for (const removal of removals) {
    let reported = false;
    const fail = (path: readonly (string | number)[]) => {
      reported = true;
      errors.push(new GraphQLError(removal.message, { path, extensions: { code: removal.code } }));
    };
    // Execution may not have happened at all (every root field removed): start from an empty object.
    if (data !== null && place((data ??= {}), removal.segments, 0, [], fail)) data = null;
    // Not reached in the data (a null parent, an empty list): the refusal is still said, at the field's path.
    if (!reported) fail(removal.segments.map((segment) => segment.key));
  }
  return { ...result, data: data ?? null, errors: [...errors, ...(result.errors ?? [])] };
}

/** Sets the removed field to null under `object`; true when `object` itself must become null. */
function place(
  object: Data,
  segments: readonly PathSegment[],
  index: number,
  path: readonly (string | number)[],
  fail: (path: readonly (string | number)[]) => void,
): boolean {
  const segment = segments[index]!;
  const here = [...path, segment.key];
  if (index === segments.length - 1) {
    object[segment.key] = null;
    fail(here);
    return isNonNullType(segment.type);
  }
  const child = object[segment.key];
  if (child === null || child === undefined) return false;
  if (!descend(child, segment.type, segments, index + 1, here, fail)) return false;
  object[segment.key] = null;
  return isNonNullType(segment.type);
}

/** Walks `value` (of `type`, lists included) to the objects the next segment applies to; true when `value` must become null. */
function descend(
  value: unknown,
  type: GraphQLOutputType,
  segments: readonly PathSegment[],
  index: number,
  path: readonly (string | number)[],
  fail: (path: readonly (string | number)[]) => void,
): boolean {
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return false;
    const itemType = nullable.ofType as GraphQLOutputType;
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (item === null || item === undefined) continue;
      if (descend(item, itemType, segments, index, [...path, i], fail)) {
        value[i] = null;
        if (isNonNullType(itemType)) return true;
      }
    }
    return false;
  }
  if (typeof value !== 'object' || value === null) return false;
  return place(value as Data, segments, index, path, fail);
}
