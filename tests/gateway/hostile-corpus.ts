/**
 * Hostile GraphQL requests: documents and variables shaped to make a gateway spend exponential,
 * quadratic or deeply recursive work, or to reach a prototype. Each says what a gateway that holds
 * answers, per endpoint: a refusal before any subgraph is called, or a normal answer.
 * Grown from issue 9 (fragment doubling, deep `ofType`, `$__proto__`) and what lies beside it.
 */
import { getIntrospectionQuery } from 'graphql';

export interface Expected {
  status: number;
  /** `extensions.code` of the first error; absent: no error is required. */
  code?: string;
  /** `extensions.limit.name` for a limit refusal. */
  limit?: string;
  /** Whether a subgraph may be called (false: the refusal must come first). @default false */
  reachesSubgraphs?: boolean;
}

export interface HostileInput {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The JSON body as sent, when it cannot be built from `query` and `variables` (e.g. a `__proto__` key). */
  rawBody?: string;
  main: Expected;
  /**
   * The partners' endpoint, when it differs from `main`. By default: `main`, except that a limit
   * refusal there may be refused by any of the stricter public limits.
   */
  public?: Expected;
}

const repeat = (count: number, make: (index: number) => string, separator = ' ') => Array.from({ length: count }, (_, index) => make(index)).join(separator);

/** `fragment L0 on Category { id name }`, each next level spreading the previous one twice: 2^levels fields. */
export function fragmentDoubling(levels: number): string {
  let fragments = 'fragment L0 on Category { id name }\n';
  for (let level = 1; level <= levels; level += 1) fragments += `fragment L${level} on Category { ...L${level - 1} ...L${level - 1} }\n`;
  return `{ categories { ...L${levels} } }\n${fragments}`;
}

const nestingLimit: Expected = { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxNesting' };
const selectionsLimit: Expected = { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxSelections' };
const mergePairsLimit: Expected = { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxMergePairs' };
const tokensLimit: Expected = { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxTokens' };
/** The public limits are stricter: which of them answers first (size, tokens...) does not matter here. */
const overAPublicLimit: Expected = { status: 400, code: 'OPERATION_LIMIT_EXCEEDED' };
const invalid: Expected = { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' };
const answered: Expected = { status: 200, reachesSubgraphs: true };

export const HOSTILE_INPUTS: readonly HostileInput[] = [
  { name: 'fragments doubling 22 levels (4 million fields from 1 KB)', query: fragmentDoubling(22), main: selectionsLimit },
  { name: 'fragments doubling 30 levels', query: fragmentDoubling(30), main: selectionsLimit },
  { name: 'fragments doubling 200 levels (counts past 2^53)', query: fragmentDoubling(200), main: selectionsLimit },
  { name: 'fragments doubling 8 levels (513 fields, within the limits)', query: fragmentDoubling(8), main: answered, public: answered },
  {
    name: 'fragments doubling through inline fragments and aliases',
    query: `{ categories { ...A5 } } fragment A0 on Category { x: id } ${repeat(5, (i) => `fragment A${i + 1} on Category { ... on Category { ...A${i} } y${i}: parent { ...A${i} } }`)}`,
    main: answered,
    public: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxAliases' },
  },
  {
    name: '3,000-deep ofType',
    query: `{ __schema { types { ${'ofType { '.repeat(3000)}name${' }'.repeat(3000)} } } }`,
    main: nestingLimit,
  },
  { name: '3,000-deep selections', query: `{ categories { ${'parent { '.repeat(3000)}id${' }'.repeat(3000)} } }`, main: nestingLimit },
  { name: '3,000-deep list value', query: `{ products(first: ${'['.repeat(3000)}1${']'.repeat(3000)}) { totalCount } }`, main: nestingLimit },
  { name: '3,000-deep object value', query: `{ products(filter: ${'{ channel: WEB, x: '.repeat(3000)}1${' }'.repeat(3000)}) { totalCount } }`, main: nestingLimit },
  { name: '3,000-deep list type', query: `query Q($v: ${'['.repeat(3000)}Int${']'.repeat(3000)}) { categories { id } }`, main: nestingLimit },
  { name: '3,000 opening braces, never closed', query: `{ ${'{ '.repeat(3000)}`, main: nestingLimit },
  { name: '60-deep ofType (over the nesting limit, under the depth limit)', query: `{ __schema { types { ${'ofType { '.repeat(60)}name${' }'.repeat(60)} } } }`, main: nestingLimit },
  {
    name: 'brackets inside strings, block strings and comments are not nesting',
    query: `{ product(id: "${'[{('.repeat(2000)}") { id } # ${'{'.repeat(2000)}\n categories @skip(if: false) { id } }`,
    main: answered,
  },
  {
    name: '1,990 aliases onto one response name, of two different fields',
    query: `{ categories { ${repeat(1990, (i) => `x: ${i % 2 ? 'name' : 'id'}`)} } }`,
    main: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED', limit: 'maxAliases' },
  },
  {
    name: '1,990 identical fields',
    query: `{ categories { ${'name '.repeat(1990)}} }`,
    main: mergePairsLimit,
    public: selectionsLimit,
  },
  {
    name: '600 same-named fields with conflicting arguments',
    query: `{ categories { ${repeat(600, (i) => `products(first: ${i % 100}) { totalCount }`)} } }`,
    main: mergePairsLimit,
    public: overAPublicLimit,
  },
  {
    name: '600 identical nested selections',
    query: `{ categories { ${repeat(600, () => 'parent { id name }')} } }`,
    main: mergePairsLimit,
    public: overAPublicLimit,
  },
  {
    name: '1,000 fragments spread side by side',
    query: `{ categories { ${repeat(1000, (i) => `...F${i}`)} } } ${repeat(1000, (i) => `fragment F${i} on Category { name }`)}`,
    main: mergePairsLimit,
    public: overAPublicLimit,
  },
  {
    name: 'a chain of 1,100 fragments',
    query: `{ categories { ...C1099 } } fragment C0 on Category { id } ${repeat(1099, (i) => `fragment C${i + 1} on Category { ...C${i} }`)}`,
    main: nestingLimit,
  },
  {
    name: '40 identical nested selections and 40 fragments side by side (within the limits)',
    query: `{ categories { ${repeat(40, () => 'parent { id name }')} ${repeat(40, (i) => `...G${i}`)} } } ${repeat(40, (i) => `fragment G${i} on Category { name }`)}`,
    main: answered,
    public: mergePairsLimit,
  },
  {
    name: 'a chain of 45 fragments (within the limits)',
    query: `{ categories { ...C44 } } fragment C0 on Category { id } ${repeat(44, (i) => `fragment C${i + 1} on Category { ...C${i} }`)}`,
    main: answered,
    public: nestingLimit,
  },
  { name: 'a fragment cycle', query: '{ categories { ...A } } fragment A on Category { ...B } fragment B on Category { parent { ...A } }', main: invalid },
  { name: 'a directive repeated 1,400 times', query: `{ categories { id ${'@skip(if: false) '.repeat(1400)}} }`, main: invalid, public: overAPublicLimit },
  { name: '3,000 arguments', query: `{ product(${repeat(3000, (i) => `a${i}: 1`)}) { id } }`, main: invalid, public: overAPublicLimit },
  { name: '1,900 operations in one document', query: repeat(1900, (i) => `query Q${i} { __typename }`), main: { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' }, public: overAPublicLimit },
  { name: '12,000 tokens', query: `{ categories { ${'id '.repeat(12_000)}} }`, main: tokensLimit },
  {
    name: 'a variable named $__proto__',
    query: 'query Q($__proto__: Int) { products(first: $__proto__) { totalCount } }',
    rawBody: '{"query":"query Q($__proto__: Int) { products(first: $__proto__) { totalCount } }","variables":{"__proto__":1}}',
    main: invalid,
  },
  {
    name: 'a variable named $__proto__ with an object value',
    query: 'query Q($__proto__: ProductFilter) { products(filter: $__proto__) { totalCount } }',
    rawBody: '{"query":"query Q($__proto__: ProductFilter) { products(filter: $__proto__) { totalCount } }","variables":{"__proto__":{"polluted":true}}}',
    main: invalid,
  },
  {
    name: 'variables $constructor and $prototype',
    query: 'query Q($constructor: Int, $prototype: Int = 2) { a: products(first: $constructor) { edges { node { id } } } b: products(first: $prototype) { edges { node { id } } } }',
    variables: { constructor: 1 },
    main: answered,
  },
  {
    name: 'a __proto__ key in the variables and in an input object',
    query: 'query Q($filter: ProductFilter) { products(first: 1, filter: $filter) { totalCount } }',
    rawBody: '{"query":"query Q($filter: ProductFilter) { products(first: 1, filter: $filter) { totalCount } }","variables":{"__proto__":{"polluted":true},"filter":{"__proto__":{"polluted":true},"channel":"WEB"}},"__proto__":{"polluted":true}}',
    main: { status: 400, code: 'BAD_USER_INPUT' },
  },
  {
    name: '100,000-deep JSON variable',
    query: 'query Q($first: Int) { products(first: $first) { totalCount } }',
    rawBody: `{"query":"query Q($first: Int) { products(first: $first) { totalCount } }","variables":{"first":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
    main: { status: 400, code: 'BAD_USER_INPUT' },
  },
  {
    name: 'introspection types aliased 95 times (each alias walks the schema again)',
    query: `{ __schema { ${repeat(95, (i) => `t${i}: types { name fields { name args { name } type { name } } }`)} } }`,
    main: invalid,
    public: overAPublicLimit,
  },
  {
    name: 'introspection fields and args aliased 9 × 9 inside types',
    query: `{ __schema { types { ${repeat(9, (i) => `f${i}: fields { ${repeat(9, (j) => `a${j}: args { name type { name } }`)} }`)} } } }`,
    main: invalid,
    public: overAPublicLimit,
  },
  {
    name: '__schema aliased 20 times with the full type fragment',
    query: `{ ${repeat(20, (i) => `s${i}: __schema { ...S }`)} } fragment S on __Schema { types { name fields(includeDeprecated: true) { name args { name type { name kind ofType { name } } } type { name kind ofType { name kind ofType { name } } } } inputFields { name } enumValues { name } possibleTypes { name } interfaces { name } } }`,
    main: invalid,
    public: overAPublicLimit,
  },
  {
    name: '__type aliased 20 times (one type each, within the limits)',
    query: `{ ${repeat(20, (i) => `t${i}: __type(name: "Product") { name fields { name args { name } } }`)} }`,
    main: { status: 200 },
    public: overAPublicLimit,
  },
  { name: "GraphiQL's introspection query", query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }), main: { status: 200 } },
];
