import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { countMergePairs, measureDocument } from '../../gateway/limits/measure-operation.js';
import { measureNesting } from '../../gateway/limits/measure-nesting.js';

const shape = (query: string) => measureDocument(parse(query));

describe('operation shape (depth, aliases, root fields, selections, spread chains, merge pairs)', () => {
  it('counts depth through inline fragments and fragment spreads', () => {
    expect(shape('{ a { b { c } } }')).toEqual({ depth: 3, aliases: 0, rootFields: 1, selections: 3, spreadDepth: 0, mergePairs: 0 });
    expect(shape('{ a { ... on T { b { ...F } } } } fragment F on U { c { d } }').depth).toBe(4);
  });

  it('counts aliases each time a fragment is spread, and root fields of fragments at the root', () => {
    expect(shape('{ x: a { ...F } y: a { ...F } } fragment F on T { p: b q: b }')).toMatchObject({ depth: 2, aliases: 6, rootFields: 2, selections: 6 });
    expect(shape('{ ...R c } fragment R on Query { a b }').rootFields).toBe(3);
  });

  it('takes the largest operation of a document', () => {
    expect(shape('query A { a } query B { a { b { c } } x: d }')).toMatchObject({ depth: 3, aliases: 1, rootFields: 2, selections: 4 });
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
    expect(measured.selections).toBe(3 * 2 ** 40 - 2);
    expect(measured.spreadDepth).toBe(41);
  });

  it('keeps counts of fragments spread past 2^53 finite', () => {
    const fragments = Array.from({ length: 80 }, (_, i) => `fragment F${i} on T { ...F${i + 1} ...F${i + 1} }`);
    const measured = shape(`{ ...F0 } ${fragments.join(' ')} fragment F80 on T { leaf }`);
    expect(measured.selections).toBe(Number.MAX_SAFE_INTEGER);
    expect(measured.spreadDepth).toBe(81);
  });

  it('counts the pairs of same-named fields and of fragments side by side, inline fragments flattened', () => {
    expect(countMergePairs(parse('{ a a a b }'))).toBe(3);
    expect(countMergePairs(parse('{ a ... on T { a x: a } x: b }'))).toBe(1 + 1);
    expect(countMergePairs(parse('{ t { ...A ...B ...C ...A } } fragment A on T { a } fragment B on T { a } fragment C on T { a }'))).toBe(3);
    expect(countMergePairs(parse('{ a { b b } a { b } }'))).toBe(1 + 1);
  });
});

describe('bracket nesting of the text', () => {
  it('counts selection sets, arguments, lists and objects', () => {
    expect(measureNesting('{ a(x: [{ y: [1] }]) { b } }')).toBe(5);
    expect(measureNesting('query Q($v: [[Int]]) { a }')).toBe(3);
  });

  it('skips strings, block strings with escaped quotes, and comments', () => {
    expect(measureNesting('{ a(x: "{{{[[[\\"((((") }')).toBe(2);
    expect(measureNesting('{ a(x: """ {{{ \\""" [[[ """) }')).toBe(2);
    expect(measureNesting('{ a # {{{{{{\n b }')).toBe(1);
  });

  it('counts what an unterminated string hides no further (the parser stops there too)', () => {
    expect(measureNesting('{ a(x: "{{{ ')).toBe(2);
  });

  it('does not count the ofType chains of an introspection query as depth', () => {
    expect(shape('{ __type(name: "T") { fields { type { ofType { ofType { ofType { name } } } } } } }').depth).toBe(4);
  });
});
