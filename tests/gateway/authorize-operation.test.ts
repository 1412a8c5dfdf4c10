/**
 * The directive enforcement on its own: what is taken out of an operation for which principal, and
 * how the answer is put back together (null at the path, the error there, the spec's propagation).
 */
import { buildSchema, getOperationAST, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyRemovals } from '../../gateway/authorization/apply-removals.js';
import { readAuthorizationPolicy } from '../../platform/authorization-policy.js';
import { authorizeOperation } from '../../gateway/authorization/authorize-operation.js';
import { downgradeEnforcedSecurityLinks } from '../../gateway/authorization/security-links.js';
import type { PreparedOperation } from '../../gateway/execute-operation.js';
import { ANONYMOUS_PRINCIPAL, type Principal } from '../../gateway/identity/principal.js';

const SDL = `
  directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  type Query {
    customer(id: ID!): Customer @authenticated
    shelf: [Item!]!
    secret: Secret
    node: Node
  }
  interface Node { id: ID! }
  type Customer implements Node { id: ID!  name: String!  email: String! @requiresScopes(scopes: [["callcenter"], ["customer"]])  note: String @requiresScopes(scopes: [["callcenter"]]) }
  type Item { sku: ID!  cost: Int! @requiresScopes(scopes: [["buyer", "stock:write"]])  margin: Int @requiresScopes(scopes: [["buyer"]]) }
  type Secret @requiresScopes(scopes: [["admin"]]) { value: String }
`;
const schema = buildSchema(SDL);
const policy = readAuthorizationPolicy(SDL);

const as = (scopes: string[], subject = 'cust-1'): Principal => ({ authenticated: true, subject, scopes, expiresAt: new Date(Date.now() + 60_000) });

function prepare(query: string, variables?: Record<string, unknown>): PreparedOperation {
  const document = parse(query);
  return { query, queryHash: 'h', document, operation: getOperationAST(document)!, operationName: undefined, variables };
}

describe('authorizeOperation', () => {
  it('leaves an operation that touches nothing protected as it is', () => {
    const prepared = prepare('{ shelf { sku } }');
    expect(authorizeOperation(schema, policy, prepared, ANONYMOUS_PRINCIPAL).prepared).toBe(prepared);
  });

  it('takes out what an anonymous caller may not read, UNAUTHORIZED, and keeps the rest', () => {
    const { prepared, removals } = authorizeOperation(schema, policy, prepare('{ shelf { sku cost } customer(id: "c") { id } }'), ANONYMOUS_PRINCIPAL);
    expect(print(prepared.document)).toBe('{\n  shelf {\n    sku\n  }\n}');
    expect(removals.map((r) => [r.segments.map((s) => s.key).join('.'), r.code])).toEqual([
      ['shelf.cost', 'UNAUTHORIZED'],
      ['customer', 'UNAUTHORIZED'],
    ]);
    expect(prepared.queryHash).not.toBe('h');
  });

  it('needs every scope of one set: buyer alone cannot read cost, buyer + stock:write can', () => {
    const query = prepare('{ shelf { cost margin } }');
    expect(authorizeOperation(schema, policy, query, as(['buyer'])).removals.map((r) => r.code)).toEqual(['FORBIDDEN']);
    expect(authorizeOperation(schema, policy, query, as(['buyer', 'stock:write'])).removals).toEqual([]);
  });

  it('protects a type wherever it is returned', () => {
    const { removals, nothingToRun } = authorizeOperation(schema, policy, prepare('{ secret { value } }'), as(['callcenter']));
    expect(removals.map((r) => r.message)).toEqual(['Query.secret needs the scope admin.']);
    expect(nothingToRun).toBe(true);
  });

  it("counts the customer scope for the caller's own customer only, the owner named by a variable or a literal", () => {
    const query = 'query ($id: ID!) { customer(id: $id) { id email } }';
    expect(authorizeOperation(schema, policy, prepare(query, { id: 'cust-1' }), as(['customer'])).removals).toEqual([]);
    const other = authorizeOperation(schema, policy, prepare(query, { id: 'cust-2' }), as(['customer']));
    expect(other.removals.map((r) => [r.segments.map((s) => s.key).join('.'), r.code])).toEqual([['customer.email', 'FORBIDDEN']]);
    expect(other.removals[0]!.message).toMatch(/someone else/);
    expect(authorizeOperation(schema, policy, prepare('{ customer(id: "cust-2") { email } }'), as(['callcenter'])).removals).toEqual([]);
  });

  it('asks no right for a field that @skip or @include leaves out', () => {
    const query = 'query ($hide: Boolean!) { shelf { sku margin @skip(if: $hide) cost @include(if: false) } }';
    expect(authorizeOperation(schema, policy, prepare(query, { hide: true }), as([])).removals).toEqual([]);
    expect(authorizeOperation(schema, policy, prepare(query, { hide: false }), as([])).removals.map((r) => r.segments.at(-1)!.key)).toEqual(['margin']);
  });

  it('inlines fragments and answers at the alias, through an interface too', () => {
    const query = '{ c: customer(id: "x") { ...F } node { id ... on Customer { mail: email } } } fragment F on Customer { id e: email }';
    const { prepared, removals } = authorizeOperation(schema, policy, prepare(query), as(['other']));
    expect(removals.map((r) => r.segments.map((s) => s.key).join('.'))).toEqual(['c.e', 'node.mail']);
    expect(print(prepared.document)).not.toMatch(/fragment|email/);
  });
});

describe('authorizeOperation on fragments spread exponentially', () => {
  it('finds in linear time that nothing protected is asked for', () => {
    const fragments = Array.from({ length: 24 }, (_, i) => `fragment L${i + 1} on Item { ...L${i} ...L${i} }`).join(' ');
    const prepared = prepare(`{ shelf { ...L24 } } fragment L0 on Item { sku } ${fragments}`);
    const started = performance.now();
    expect(authorizeOperation(schema, policy, prepared, ANONYMOUS_PRINCIPAL).prepared).toBe(prepared);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('applyRemovals', () => {
  const removed = (query: string, principal: Principal) => authorizeOperation(schema, policy, prepare(query), principal).removals;

  it('nulls a nullable field in every list item, with an error at each concrete path', () => {
    const result = applyRemovals({ data: { shelf: [{ sku: 'a' }, { sku: 'b' }] } }, removed('{ shelf { sku margin } }', as([])));
    expect(result.data).toEqual({ shelf: [{ sku: 'a', margin: null }, { sku: 'b', margin: null }] });
    expect(result.errors!.map((e) => e.path)).toEqual([['shelf', 0, 'margin'], ['shelf', 1, 'margin']]);
  });

  it('propagates the null of a non-null field up to data when nothing nullable is in between', () => {
    const result = applyRemovals({ data: { shelf: [{ sku: 'a' }] } }, removed('{ shelf { sku cost } }', as([])));
    expect(result.data).toBeNull();
    expect(result.errors!.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it('stops the propagation at the nearest nullable field', () => {
    const result = applyRemovals({ data: { customer: { id: 'cust-2' } } }, removed('{ customer(id: "cust-2") { id email } }', as(['customer'])));
    expect(result.data).toEqual({ customer: null });
    expect(result.errors![0]!.path).toEqual(['customer', 'email']);
  });

  it('answers an operation with nothing left to run from the removals alone', () => {
    expect(applyRemovals({}, removed('{ customer(id: "c") { id } }', ANONYMOUS_PRINCIPAL))).toMatchObject({ data: { customer: null } });
  });
});

describe('downgradeEnforcedSecurityLinks', () => {
  it('downgrades the two links we enforce, and only those', () => {
    const sdl = [
      '@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)',
      '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)',
      '@link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)',
    ].join('\n');
    expect(downgradeEnforcedSecurityLinks(sdl).split('\n')).toEqual([
      '@link(url: "https://specs.apollo.dev/authenticated/v0.1")',
      '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1")',
      '@link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)',
    ]);
  });
});
