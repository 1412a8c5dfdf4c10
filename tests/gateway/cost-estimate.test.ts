import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { buildSchema, getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../gateway/limits/estimate-cost.js';
import { operation } from '../support/operations.js';
import { downgradeEnforcedSecurityLinks } from '../../gateway/authorization/security-links.js';

const apiSchema = Supergraph.build(downgradeEnforcedSecurityLinks(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8')))
  .apiSchema()
  .toGraphQLJSSchema();

function costOf(schema: GraphQLSchema, query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const selected = getOperationAST(document);
  if (!selected) throw new Error('no operation');
  return estimateCost(schema, document, selected, variables);
}

describe('cost estimate of the graph operations', () => {
  it('sizes ProductListing by its `first` variable: 50 edges of 24 each, plus the connection and pageInfo', () => {
    // Per edge: the edge 1, the product 1, listing 1, rating 1, variants 10 (assumed) × (variant 1 + price 1).
    expect(costOf(apiSchema, operation('ProductListing'), { channel: 'WEB', first: 50 })).toBe(1 + 1 + 50 * 24);
  });

  it('takes the argument default when `first` is not sent (20 products)', () => {
    expect(costOf(apiSchema, operation('ProductListing'), { channel: 'WEB' })).toBe(1 + 1 + 20 * 24);
  });

  it('multiplies nested connections', () => {
    const nested = '{ products(first: 10) { edges { node { reviews(first: 5) { edges { node { id } } } } } } }';
    // reviews: 1 + 5 × (edge 1 + review 1); each product edge: 1 + product 1 + 11.
    expect(costOf(apiSchema, nested)).toBe(1 + 10 * (1 + 1 + 11));
  });

  it('counts scalars and introspection as free', () => {
    expect(costOf(apiSchema, '{ __typename categories { id name } }')).toBe(10);
    expect(costOf(apiSchema, '{ __schema { types { name fields { name } } } }')).toBe(0);
  });
});

describe('cost directives and mutations', () => {
  const schema = buildSchema(`
    directive @cost(weight: Int!) on FIELD_DEFINITION | OBJECT | SCALAR | ENUM
    directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!]) on FIELD_DEFINITION
    type Query {
      items(limit: Int): [Item!]!
      heavy: Int @cost(weight: 50)
      page(count: Int): Page @listSize(slicingArguments: ["count"], sizedFields: ["results"])
      tags: [Tag!]! @listSize(assumedSize: 3)
    }
    type Item { id: ID! tag: Tag }
    type Tag @cost(weight: 5) { name: String }
    type Page { results: [Item!]! }
    type Mutation { touch: Item }
  `);

  it('applies @cost on a field and on a type', () => {
    expect(costOf(schema, '{ heavy }')).toBe(50);
    expect(costOf(schema, '{ items(limit: 2) { tag { name } } }')).toBe(2 * (1 + 5));
  });

  it('applies @listSize assumedSize, slicingArguments and sizedFields', () => {
    expect(costOf(schema, '{ tags { name } }')).toBe(3 * 5);
    expect(costOf(schema, 'query ($n: Int) { page(count: $n) { results { id } } }', { n: 7 })).toBe(1 + 7);
  });

  it('falls back on the default size of 10 for a list nothing sizes', () => {
    expect(costOf(schema, '{ items { id } }')).toBe(10);
    expect(costOf(schema, '{ page { results { id } } }')).toBe(1 + 10);
  });

  it('expands fragments and adds a base cost to mutations', () => {
    expect(costOf(schema, '{ items(limit: 3) { ...F } } fragment F on Item { tag { name } }')).toBe(3 * 6);
    expect(costOf(schema, 'mutation { touch { id } }')).toBe(10 + 1);
  });
});

describe('cost of fragments', () => {
  /** 24 levels of fragments each spreading the previous one twice: 2^24 `parent` selections once expanded. */
  const doubling = (levels: number) =>
    `{ categories { ...L${levels} } } fragment L0 on Category { parent { id } } ` +
    Array.from({ length: levels }, (_, i) => `fragment L${i + 1} on Category { ...L${i} ...L${i} }`).join(' ');

  it('estimates fragments spread exponentially in linear time, each fragment costed once', () => {
    const started = performance.now();
    const cost = costOf(apiSchema, doubling(24));
    expect(performance.now() - started).toBeLessThan(200);
    // 10 categories (assumed size) × (the category 1 + 2^24 parents of 1 each).
    expect(cost).toBe(10 * (1 + 2 ** 24));
  });

  it('costs a fragment by the connection size handed to it', () => {
    const query = `query { products(first: 7) { ...Edges } categories { products(first: 3) { ...Edges } } }
      fragment Edges on ProductConnection { edges { node { id category { id } } } }`;
    // products: 1 + 7 × (edge 1 + node 1 + category 1); 10 categories × (1 + products 1 + 3 × 3).
    expect(costOf(apiSchema, query)).toBe(1 + 7 * 3 + 10 * (1 + 1 + 3 * 3));
  });

  it('reads a variable default when it is in the coerced values the gateway passes', () => {
    const query = 'query Q($n: Int) { products(first: $n) { edges { node { id } } } }';
    expect(costOf(apiSchema, query, { n: 50 })).toBe(1 + 50 * 2);
  });
});
