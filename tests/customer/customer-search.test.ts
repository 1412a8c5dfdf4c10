import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCustomers } from '../../subgraphs/customer/demo-customers.js';
import { SEARCH_MAX_LENGTH } from '../../subgraphs/shared/search-text.js';
import { products } from '../../subgraphs/shared/universe.js';
import { ORDERS, SIZE, errorCodes, startCustomerSubgraph, type TestCustomerSubgraph } from './harness.js';

let customer: TestCustomerSubgraph;
beforeAll(async () => {
  customer = await startCustomerSubgraph();
});
afterAll(() => customer?.close());

const SEARCH = `query ($search: String!, $first: Int) { customers(search: $search, first: $first) { id firstName lastName email phone } }`;
const seeded = demoCustomers(SIZE, products(SIZE), ORDERS).customers;
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

async function search(text: string, first = 50): Promise<{ id: string; firstName: string; lastName: string; email: string; phone: string | null }[]> {
  const body = await customer.query(SEARCH, { search: text, first });
  expect(body.errors).toBeUndefined();
  return body.data.customers;
}

/** Ids of the seeded customers matching a predicate, in customer-number order. */
const expected = (match: (c: (typeof seeded)[number]) => boolean, first = 50) =>
  seeded.filter(match).slice(0, first).map((c) => c.id);

describe('Query.customers(search)', () => {
  const c7 = seeded[6]!;

  it('finds customers by last name, case-insensitively, in customer-number order', async () => {
    const text = c7.last_name.toUpperCase();
    const found = await search(text);
    expect(found.map((c) => c.id)).toEqual(
      expected((c) => fold(`${c.first_name} ${c.last_name}`).includes(fold(text)) || c.email.includes(fold(text))),
    );
    expect(found.map((c) => c.id)).toContain(c7.id);
  });

  it('finds customers by "first last"', async () => {
    const found = await search(`${c7.first_name} ${c7.last_name}`.toLowerCase());
    expect(found.map((c) => c.id)).toContain(c7.id);
    for (const c of found) expect(fold(`${c.firstName} ${c.lastName}`)).toContain(fold(`${c7.first_name} ${c7.last_name}`));
  });

  it('ignores accents, so "helene" finds Hélène', async () => {
    const accented = seeded.find((c) => /[éèêëïîôç]/i.test(c.first_name))!;
    const found = await search(fold(accented.first_name));
    expect(found.map((c) => c.id)).toContain(accented.id);
  });

  it('finds a customer by e-mail', async () => {
    const found = await search(c7.email.toUpperCase());
    expect(found.map((c) => c.id)).toEqual([c7.id]);
  });

  it('finds a customer by phone, typed in E.164 or the French national way', async () => {
    const phone = c7.phone!;
    expect((await search(phone)).map((c) => c.id)).toContain(c7.id);
    const national = `0${phone.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');
    expect((await search(national)).map((c) => c.id)).toContain(c7.id);
  });

  it('finds a customer by the loyalty card number, the customer id or its digits, that customer first', async () => {
    // The customer number is the loyalty card number: "cust-00042", "00042" and "42" all name it.
    const c42 = seeded[41]!;
    expect(c42.id).toBe('cust-00042');
    for (const text of ['cust-00042', 'CUST-00042', ' cust-00042 ', '00042', '42']) {
      const found = await search(text);
      expect(found[0]?.id, text).toBe(c42.id);
    }
    expect((await search('cust-00042')).map((c) => c.id)).toEqual([c42.id]);
    // "42" also lies in other customers' e-mails and phones: they follow, in customer-number order.
    const others = (await search('42')).slice(1).map((c) => c.id);
    expect(others).toEqual(expected((c) => c.id !== c42.id && (c.email.includes('42') || (c.phone ?? '').includes('42'))).slice(0, others.length));
    expect(await search('cust-99999')).toEqual([]);
  });

  it('keeps a stable order and honours first', async () => {
    const all = await search('ma', 50);
    expect(all.length).toBeGreaterThan(5);
    const five = await search('ma', 5);
    expect(five).toEqual(all.slice(0, 5));
    expect(await search('ma', 50)).toEqual(all);
  });

  it('defaults to 10 results and accepts first: 0', async () => {
    const body = await customer.query(`{ customers(search: "ma") { id } }`);
    expect(body.data.customers).toHaveLength(10);
    expect(await search('ma', 0)).toEqual([]);
  });

  it('returns an empty list when nothing matches', async () => {
    expect(await search('zzqx')).toEqual([]);
  });

  it('treats % and _ literally', async () => {
    expect(await search('%%')).toEqual([]);
    expect(await search('__')).toEqual([]);
  });

  it.each([
    ['a one-character search', { search: 'a' }],
    ['a blank search', { search: '   ' }],
    ['first above 50', { search: 'ma', first: 51 }],
    ['a negative first', { search: 'ma', first: -1 }],
    ['a 60 KB search', { search: 'ma'.repeat(30_000) }],
    [`a search over ${SEARCH_MAX_LENGTH} characters`, { search: 'm'.repeat(SEARCH_MAX_LENGTH + 1) }],
    ['a NUL in the search', { search: 'ma\u0000' }],
    ['a search of NULs', { search: '\u0000\u0000' }],
    ['another control character', { search: 'ma\u001b[0m' }],
  ])('refuses %s with BAD_USER_INPUT, reading nothing', async (_name, variables) => {
    const { body, statements } = await customer.measure(SEARCH, variables);
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(statements).toBe(0);
  });

  it(`accepts a search of ${SEARCH_MAX_LENGTH} characters, and tabs or line breaks as spaces`, async () => {
    expect(await search('m'.repeat(SEARCH_MAX_LENGTH))).toEqual([]);
    const c7 = seeded[6]!;
    expect((await search(`${c7.first_name}\t${c7.last_name}\n`)).map((c) => c.id)).toContain(c7.id);
  });
});
