import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureDocument } from '../../gateway/limits/measure-operation.js';

const shape = (query: string) => measureDocument(parse(query));

describe('operation shape (depth, aliases, root fields)', () => {
  it('counts depth through inline fragments and fragment spreads', () => {
    expect(shape('{ a { b { c } } }')).toEqual({ depth: 3, aliases: 0, rootFields: 1 });
    expect(shape('{ a { ... on T { b { ...F } } } } fragment F on U { c { d } }').depth).toBe(4);
  });

  it('counts aliases each time a fragment is spread, and root fields of fragments at the root', () => {
    expect(shape('{ x: a { ...F } y: a { ...F } } fragment F on T { p: b q: b }')).toEqual({ depth: 2, aliases: 6, rootFields: 2 });
    expect(shape('{ ...R c } fragment R on Query { a b }').rootFields).toBe(3);
  });

  it('takes the largest operation of a document', () => {
    expect(shape('query A { a } query B { a { b { c } } x: d }')).toEqual({ depth: 3, aliases: 1, rootFields: 2 });
  });

  it('survives fragment cycles and unknown fragments, which validation refuses later', () => {
    expect(shape('{ a { ...A } } fragment A on T { b { ...B } } fragment B on T { c { ...A } }').depth).toBe(3);
    expect(shape('{ a { ...Missing } }').depth).toBe(1);
  });

  it('measures a fragment bomb in linear time', () => {
    // 40 fragments each spreading the next twice: 2^40 fields once expanded.
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on T { x${i}: f { ...F${i + 1} } y${i}: f { ...F${i + 1} } }`);
    const started = performance.now();
    const measured = shape(`{ ...F0 } ${fragments.join(' ')} fragment F40 on T { leaf }`);
    expect(performance.now() - started).toBeLessThan(100);
    expect(measured.depth).toBe(41);
    expect(measured.aliases).toBe(2 ** 41 - 2);
  });

  it('does not count the ofType chains of an introspection query as depth', () => {
    expect(shape('{ __type(name: "T") { fields { type { ofType { ofType { ofType { name } } } } } } }').depth).toBe(4);
  });
});
