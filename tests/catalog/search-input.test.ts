/**
 * `products(filter: { search })` reads a bounded, printable text: a search longer than
 * SEARCH_MAX_LENGTH characters or holding control characters is refused with BAD_USER_INPUT
 * naming the argument, never handed to SQL (where a NUL used to end the pattern and match
 * everything, and a long one made SQLite fail).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_MAX_LENGTH } from '../../subgraphs/shared/search-text.js';
import { errorCodes, startCatalog, type TestCatalog } from './harness.js';

let catalog: TestCatalog;
beforeAll(async () => {
  catalog = await startCatalog();
});
afterAll(() => catalog?.close());

const LIST = `query ($filter: ProductFilter) { products(first: 5, filter: $filter) { totalCount edges { node { id } } } }`;

describe('products(filter: { search })', () => {
  it.each([
    ['a 60 KB search', 'a'.repeat(60_000)],
    ['a search one character over the limit', 'a'.repeat(SEARCH_MAX_LENGTH + 1)],
    ['a NUL alone', '\u0000'],
    ['a NUL inside a word', 'ecl\u0000at'],
    ['another control character', 'ecl\u0007at'],
    ['a C1 control character', 'ecl\u009bat'],
  ])('refuses %s with BAD_USER_INPUT naming filter.search, reading nothing', async (_name, search) => {
    const { body, statements } = await catalog.measure(LIST, { filter: { search } });
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0]!.extensions!.argument).toBe('filter.search');
    expect(body.errors![0]!.message).toMatch(/search/);
    expect(statements).toBe(0);
  });

  it('accepts a search of exactly the limit, and tabs or line breaks as spaces', async () => {
    const long = await catalog.query(LIST, { filter: { search: 'a'.repeat(SEARCH_MAX_LENGTH) } });
    expect(long.errors).toBeUndefined();
    expect(long.data.products.totalCount).toBe(0);
    const spaced = await catalog.query(LIST, { filter: { search: 'eclat' } });
    const tabbed = await catalog.query(LIST, { filter: { search: '\teclat\n' } });
    expect(tabbed.errors).toBeUndefined();
    expect(tabbed.data).toEqual(spaced.data);
  });

  it('never lets a search match every product', async () => {
    const all = await catalog.query(LIST, {});
    for (const search of ['\u0000', '%\u0000', '\u0000\u0000']) {
      const body = await catalog.query(LIST, { filter: { search } });
      expect(body.data?.products?.totalCount ?? 0).not.toBe(all.data.products.totalCount);
    }
  });
});
