/**
 * Merges a subgraph's answer into the response tree where it belongs, in place: objects field by
 * field, lists element by element, everything else replaced. No copy of either side is made.
 * A response name can be `__proto__` (an alias): it is written as an own property, never through
 * the prototype setter.
 */
export type ResponseObject = Record<string, unknown>;

export function isResponseObject(value: unknown): value is ResponseObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergeInPlace(target: ResponseObject, source: ResponseObject): void {
  for (const key in source) {
    const value = source[key];
    if (value === undefined) continue;
    const existing = key === '__proto__' ? ownValue(target, key) : target[key];
    if (existing !== undefined && existing !== null && typeof value === 'object' && value !== null) {
      if (Array.isArray(value)) {
        if (Array.isArray(existing) && existing.length === value.length) {
          mergeLists(existing, value);
          continue;
        }
      } else if (isResponseObject(existing)) {
        mergeInPlace(existing, value as ResponseObject);
        continue;
      }
    }
    setOwn(target, key, value);
  }
}

function mergeLists(target: unknown[], source: unknown[]): void {
  for (let index = 0; index < source.length; index++) {
    const into = target[index];
    const from = source[index];
    if (isResponseObject(into) && isResponseObject(from)) mergeInPlace(into, from);
    else if (Array.isArray(into) && Array.isArray(from) && into.length === from.length) mergeLists(into, from);
    else target[index] = from;
  }
}

export function ownValue(object: ResponseObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

export function setOwn(object: ResponseObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}
