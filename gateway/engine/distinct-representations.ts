/**
 * The distinct representations of an entity fetch, found without serialising each one: a trie
 * over each representation's top-level values in order (nested values as their JSON text), with
 * the field names checked on a match. A list of 500 reviews pointing at 5 products sends 5.
 * (Serialising every representation to key a Map was 6% of the gateway's CPU in the field's
 * benchmark: one string built and hashed per entity occurrence.)
 */
import type { ResponseObject } from './merge-in-place.js';

interface TrieNode {
  /** The next node by the next top-level value (string, number, boolean or null). */
  leaves?: Map<unknown, TrieNode>;
  /** The next node by the JSON text of the next value, for an object or a list. */
  composites?: Map<string, TrieNode>;
  /** Representations whose values end here (more than one only when their field names differ). */
  positions?: number[];
}

export class DistinctRepresentations {
  readonly #root: TrieNode = {};
  /** The distinct representations, in the order they were first met. */
  readonly list: ResponseObject[] = [];

  /** The position in {@link list} of a representation equal to this one, added if it is new. */
  positionOf(representation: ResponseObject): number {
    let node = this.#root;
    for (const key in representation) {
      const value = representation[key];
      if (value !== null && typeof value === 'object') {
        const text = JSON.stringify(value);
        const next = (node.composites ??= new Map()).get(text);
        node = next ?? setNode(node.composites, text);
      } else {
        const next = (node.leaves ??= new Map()).get(value);
        node = next ?? setNode(node.leaves, value);
      }
    }
    const positions = (node.positions ??= []);
    for (const position of positions) if (sameFieldNames(this.list[position]!, representation)) return position;
    positions.push(this.list.length);
    this.list.push(representation);
    return this.list.length - 1;
  }
}

function setNode<K>(map: Map<K, TrieNode>, key: K): TrieNode {
  const node: TrieNode = {};
  map.set(key, node);
  return node;
}

/** Whether two objects have the same own keys in the same order (their values already match). */
function sameFieldNames(a: ResponseObject, b: ResponseObject): boolean {
  const keys: string[] = [];
  for (const key in a) keys.push(key);
  let index = 0;
  for (const key in b) if (keys[index++] !== key) return false;
  return index === keys.length;
}
