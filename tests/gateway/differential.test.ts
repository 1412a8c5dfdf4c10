/**
 * The differential suite, on the project's own graph: every query runs through our engine
 * (GATEWAY_EXECUTOR=own, the default) and through stock @apollo/gateway's executor (the reference,
 * GATEWAY_EXECUTOR=apollo), two gateways on the same live subgraphs; `data` must be deep-equal and
 * the errors at the same paths with the same codes. The federation cases our graph does not have
 * (interfaces, unions, @provides, @interfaceObject...) are in differential-federation.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import { loadGatewayConfig } from '../../gateway/config.js';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { PARIS, operation } from '../support/operations.js';
import { asCallCenter, asCustomer } from '../support/tokens.js';
import { compareAnswers } from '../support/differential.js';

let graph: TestGraph;
let reference: RunningGateway;
beforeAll(async () => {
  graph = await startGraph();
  const subgraphUrls = Object.fromEntries(Object.entries(graph.subgraphs).map(([name, subgraph]) => [`${name.toUpperCase()}_URL`, subgraph.url]));
  reference = await createGateway(
    loadGatewayConfig({
      ...subgraphUrls,
      GATEWAY_EXECUTOR: 'apollo',
      PUBLIC_SUPERGRAPH_PATH: 'off',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      INTERNAL_TOKEN_SECRET: graph.internalTokenSecret,
    }),
  );
}, 120_000);
afterAll(async () => {
  await reference?.close();
  await graph?.close();
});

async function bothAnswer(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const [ours, stock] = await Promise.all([postGraphQL(graph.gatewayUrl, query, variables, headers), postGraphQL(reference.url, query, variables, headers)]);
  expect(ours.status).toBe(stock.status);
  compareAnswers(ours.body, stock.body);
  return ours.body;
}

describe('our engine answers as stock @apollo/gateway does, on the project graph', () => {
  it.each([
    ['ProductPage', { id: 'prod-00001', channel: 'WEB', near: PARIS }],
    ['ProductPage', { id: 'prod-00040', channel: 'STORE', near: PARIS }],
    ['ProductPage', { id: 'prod-nope', channel: 'WEB', near: PARIS }],
    ['ProductListing', { channel: 'WEB', first: 30 }],
    ['ProductListing', { channel: 'APP', first: 5, filter: { channel: 'APP' } }],
    ['StoresNearby', { sku: 'SKU-00001-1', near: PARIS }],
    ['StoresNearby', { sku: 'SKU-nope', near: PARIS }],
  ])('%s %j', async (name, variables) => {
    const body = await bothAnswer(operation(name), variables);
    expect(body.errors).toBeUndefined();
  });

  it('Customer360 and CustomerSearch for the call center, and for a customer about another', async () => {
    const agent = await asCallCenter();
    const customer = await bothAnswer(operation('Customer360'), { id: 'cust-00001' }, agent);
    expect(customer.data).toBeTruthy();
    await bothAnswer(operation('CustomerSearch'), { search: 'a' }, agent);
    // Refused fields: removals at their paths, with the rest of the customer.
    await bothAnswer(operation('Customer360'), { id: 'cust-00002' }, await asCustomer('cust-00001'));
  });

  it('aliases, __typename everywhere, repeated fields and fragments merged', async () => {
    const body = await bothAnswer(`
      query Shapes($id: ID!) {
        __typename
        t: __typename
        p: product(id: $id) {
          __typename
          kind: __typename
          id
          name
          ...Names
          alsoName: name
          variants { __typename sku s2: sku price { amount currency __typename } }
          variants { effectivePrice(channel: WEB) { amount } inStock: availableOnline }
          rating { average count distribution }
          reviews(first: 3) { edges { node { __typename id rating verifiedPurchase author { __typename id firstName } } } totalCount }
        }
        again: product(id: $id) { id ... on Product { name slug } }
        missing: product(id: "prod-nope") { id name }
      }
      fragment Names on Product { name slug }`, { id: 'prod-00002' });
    expect(body.errors).toBeUndefined();
    expect(body.data!.p).toBeTruthy();
  });

  it('@skip and @include with variables and literals, on fields and fragments', async () => {
    const query = `
      query Conditions($id: ID!, $withReviews: Boolean!, $skipPrice: Boolean = true) {
        product(id: $id) {
          id
          name @include(if: false)
          slug @skip(if: false)
          rating @include(if: $withReviews) { average }
          reviews(first: 2) @include(if: $withReviews) { edges { node { title verifiedPurchase } } }
          variants { sku price @skip(if: $skipPrice) { amount } ... on Variant @include(if: $withReviews) { effectivePrice(channel: APP) { amount } } }
        }
      }`;
    for (const withReviews of [true, false]) {
      await bothAnswer(query, { id: 'prod-00003', withReviews });
      await bothAnswer(query, { id: 'prod-00003', withReviews, skipPrice: false });
    }
  });

  it('introspection beside data, and alone', async () => {
    await bothAnswer(`{ __schema { queryType { name } } product(id: "prod-00001") { name } __type(name: "Product") { name fields { name } } }`);
    await bothAnswer(`query { __type(name: "Variant") { name kind } }`);
  });

  it("plans with Hive's planner: the entity fetches of a stage go to each subgraph as one request", async () => {
    const requests = () => Object.values(graph.subgraphs).reduce((sum, subgraph) => sum + subgraph.stats.requests, 0);
    const agent = await asCallCenter();
    const count = async (url: string, name: string, variables: Record<string, unknown>) => {
      const before = requests();
      const { body } = await postGraphQL(url, operation(name), variables, agent);
      expect(body.errors).toBeUndefined();
      return requests() - before;
    };
    // Measured: Customer360 7 against 10, ProductListing 4 against 5.
    expect(await count(graph.gatewayUrl, 'Customer360', { id: 'cust-00001' })).toBeLessThan(await count(reference.url, 'Customer360', { id: 'cust-00001' }));
    expect(await count(graph.gatewayUrl, 'ProductListing', { channel: 'WEB', first: 10 })).toBeLessThan(await count(reference.url, 'ProductListing', { channel: 'WEB', first: 10 }));
  });

  it('an unknown product, null entities, and empty lists', async () => {
    await bothAnswer(`{ a: product(id: "prod-nope") { id reviews(first: 2) { totalCount } } b: variant(sku: "SKU-nope") { sku product { name } } c: products(first: 0) { edges { node { id } } totalCount } }`);
  });
});
