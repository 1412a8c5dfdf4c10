/**
 * An entity fetch sends each distinct representation once (engine/distinct-representations.ts):
 * equal ones share a position, and nothing that differs — a value's type, a field's name, a nested
 * value, a string that reads like JSON — is taken for equal.
 */
import { describe, expect, it } from 'vitest';
import { DistinctRepresentations } from '../../gateway/engine/distinct-representations.js';

const positions = (...representations: Record<string, unknown>[]) => {
  const distinct = new DistinctRepresentations();
  return { positions: representations.map((r) => distinct.positionOf(r)), list: distinct.list };
};

describe('distinct representations', () => {
  it('gives equal representations one position, in the order first met', () => {
    const { positions: found, list } = positions(
      { __typename: 'Product', upc: '1' },
      { __typename: 'Product', upc: '2' },
      { __typename: 'Product', upc: '1' },
      { __typename: 'User', id: '1' },
      { __typename: 'Product', upc: '2' },
    );
    expect(found).toEqual([0, 1, 0, 2, 1]);
    expect(list).toEqual([{ __typename: 'Product', upc: '1' }, { __typename: 'Product', upc: '2' }, { __typename: 'User', id: '1' }]);
  });

  it('tells apart what only looks alike', () => {
    const { positions: found } = positions(
      { __typename: 'Product', upc: '1' },
      { __typename: 'Product', upc: 1 },
      { __typename: 'Product', id: '1' },
      { __typename: 'Product', upc: '1', price: null },
      { __typename: 'Product', dimensions: { w: 1 } },
      { __typename: 'Product', dimensions: '{"w":1}' },
      { __typename: 'Product', dimensions: { w: 2 } },
      { __typename: 'Product', dimensions: [{ w: 1 }] },
      { __typename: 'Product', upc: true },
      { __typename: 'Product', upc: null },
    );
    expect(new Set(found).size).toBe(found.length);
  });

  it('matches nested values and lists by content', () => {
    const { positions: found } = positions(
      { __typename: 'Order', id: 'o1', lines: [{ sku: 'a', n: 1 }] },
      { __typename: 'Order', id: 'o1', lines: [{ sku: 'a', n: 1 }] },
      { __typename: 'Order', id: 'o1', lines: [{ sku: 'a', n: 2 }] },
    );
    expect(found).toEqual([0, 0, 1]);
  });
});
