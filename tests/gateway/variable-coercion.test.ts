/**
 * One coercion of the variables per request, used by every check: the cost estimate, the
 * own-customer check and `@skip`/`@include` read the values the executor will run with, declared
 * defaults included — not the raw JSON, where a default is simply absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { subscribeOverWebSocket } from '../support/subscribers.js';
import { asCustomer } from '../support/tokens.js';
import { gatewayPath } from './helpers.js';

let graph: TestGraph;
let publicUrl: string;
let partner: Record<string, string>;
beforeAll(async () => {
  graph = await startGraph();
  publicUrl = gatewayPath(graph.gatewayUrl, '/public/graphql');
  const { key } = await graph.gateway.partners!.addPartner('Coercion marketplace', 'pro');
  partner = { 'x-api-key': key };
});
afterAll(async () => {
  await graph?.close();
});

const subgraphCalls = () => SUBGRAPH_NAMES.reduce((sum, name) => sum + graph.subgraphs[name].stats.requests, 0);

/** The query: 100 products × 100 reviews when `$n` defaults to 100. */
const REVIEWS_OF_PRODUCTS = `query Q($n: Int = 100) {
  products(first: $n) { edges { node { slug reviews(first: $n) { edges { node { title } } } } } }
}`;

/** The same trick one level deeper, over the main endpoint's budget of 50,000. */
const REVIEWS_OF_CATEGORY_PRODUCTS = `query Q($n: Int = 100) {
  products(first: $n) { edges { node { category { products(first: $n) { edges { node {
    reviews(first: $n) { edges { node { title } } }
  } } } } } } }
}`;

describe('the cost limit reads variable defaults', () => {
  it('refuses on /public/graphql, without variables, what it refuses with {"n": 100}: same estimate, no subgraph called', async () => {
    const withValue = await postGraphQL(publicUrl, REVIEWS_OF_PRODUCTS, { n: 100 }, partner);
    expect(withValue.status).toBe(400);
    const before = subgraphCalls();
    const withDefault = await postGraphQL(publicUrl, REVIEWS_OF_PRODUCTS, undefined, partner);
    expect(subgraphCalls()).toBe(before);
    expect(withDefault.status).toBe(400);
    expect(withDefault.body.errors).toEqual(withValue.body.errors);
    expect(withDefault.body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', cost: 20_301, limit: { name: 'maxCost', max: 5_000 } });
  });

  it('refuses the same on /graphql, over the main budget', async () => {
    const before = subgraphCalls();
    const answer = await postGraphQL(graph.gatewayUrl, REVIEWS_OF_CATEGORY_PRODUCTS);
    expect(subgraphCalls()).toBe(before);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: { name: 'maxCost', max: 50_000 } });
  });

  it('refuses the same over WebSocket', async () => {
    const before = subgraphCalls();
    const subscriber = subscribeOverWebSocket(graph.gatewayUrl, REVIEWS_OF_CATEGORY_PRODUCTS);
    await subscriber.ended();
    await subscriber.stop();
    expect(subgraphCalls()).toBe(before);
    expect(subscriber.error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'COST_LIMIT_EXCEEDED' }) })]);
  });

  it('still runs with a small default, and a value sent overrides the default', async () => {
    const small = await postGraphQL(publicUrl, REVIEWS_OF_PRODUCTS.replace('= 100', '= 3'), undefined, partner);
    expect(small.status).toBe(200);
    expect((small.body.data as { products: { edges: unknown[] } }).products.edges).toHaveLength(3);
    const sent = await postGraphQL(publicUrl, REVIEWS_OF_PRODUCTS, { n: 2 }, partner);
    expect(sent.status).toBe(200);
    expect((sent.body.data as { products: { edges: unknown[] } }).products.edges).toHaveLength(2);
  });
});

describe('the own-customer check reads variable defaults', () => {
  it("refuses a shopper another customer's email named by a variable default, at the gateway", async () => {
    const answer = await postGraphQL(
      graph.gatewayUrl,
      'query Peek($id: ID! = "cust-00002") { customer(id: $id) { id email } }',
      undefined,
      await asCustomer('cust-00001'),
    );
    expect(answer.body.data).toEqual({ customer: null });
    // The gateway's own refusal (before planning), not the customer subgraph's second line of defence.
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ path: ['customer', 'email'], extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('of someone else') }),
    ]);
  });

  it('lets a shopper read their own email named by a variable default', async () => {
    const answer = await postGraphQL(
      graph.gatewayUrl,
      'query Mine($id: ID! = "cust-00001") { customer(id: $id) { id email } }',
      undefined,
      await asCustomer('cust-00001'),
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ customer: { id: 'cust-00001', email: expect.any(String) } });
  });
});

describe('@skip and @include read variable defaults', () => {
  it('leaves out a protected field skipped by a default, without an error', async () => {
    const answer = await postGraphQL(
      graph.gatewayUrl,
      'query Q($hide: Boolean = true, $show: Boolean = false) { a: customer(id: "cust-00002") @skip(if: $hide) { email } b: customer(id: "cust-00002") @include(if: $show) { email } categories { id } }',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).not.toHaveProperty('a');
    expect(answer.body.data).not.toHaveProperty('b');
    expect((answer.body.data as { categories: unknown[] }).categories.length).toBeGreaterThan(0);
  });

  it('refuses an anonymous caller the protected field a default includes', async () => {
    const answer = await postGraphQL(graph.gatewayUrl, 'query Q($show: Boolean = true) { customer(id: "cust-00002") @include(if: $show) { email } }');
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ customer: null });
    expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHORIZED']);
  });
});

describe('variable names', () => {
  it('refuses $__proto__ with a 400 naming it, before any subgraph', async () => {
    const before = subgraphCalls();
    const answer = await postGraphQL(graph.gatewayUrl, 'query Q($__proto__: Int) { products(first: $__proto__) { totalCount } }', JSON.parse('{"__proto__": 2}'));
    expect(subgraphCalls()).toBe(before);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('$__proto__'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
  });

  it('treats $constructor and $prototype as ordinary variables, in the cost and the ownership checks', async () => {
    const cost = await postGraphQL(
      publicUrl,
      'query Q($constructor: Int = 100, $prototype: Int) { products(first: $constructor) { edges { node { reviews(first: $prototype) { edges { node { title } } } } } } }',
      { prototype: 100 },
      partner,
    );
    expect(cost.status).toBe(400);
    expect(cost.body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED' });
    const own = await postGraphQL(
      graph.gatewayUrl,
      'query Q($constructor: ID! = "cust-00001") { customer(id: $constructor) { email } }',
      undefined,
      await asCustomer('cust-00001'),
    );
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data).toMatchObject({ customer: { email: expect.any(String) } });
  });
});
