import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHQL_STREAM_PATH, type RunningGateway } from '../../gateway/create-gateway.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { startGraph, postGraphQL, type GraphQLResponse, type TestGraph } from '../support/graph.js';
import { operation, PARIS } from '../support/operations.js';
import { subscribeOverWebSocket } from '../support/subscribers.js';
import { GRAPHQL_RESPONSE, send, startGatewayAgainst } from './helpers.js';

let graph: TestGraph;
let strict: RunningGateway;
beforeAll(async () => {
  graph = await startGraph();
  strict = await startGatewayAgainst(graph, { LIMIT_MAX_DEPTH: '6', LIMIT_MAX_COST: '100' });
});
afterAll(async () => {
  await strict?.close();
  await graph?.close();
});

/** Requests each subgraph has received so far. */
const subgraphCalls = () => Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, graph.subgraphs[name].stats.requests]));

/** Sends `query` and checks that no subgraph heard of it. */
async function refusedUpFront(query: string, variables?: Record<string, unknown>, url = graph.gatewayUrl): Promise<GraphQLResponse> {
  const before = subgraphCalls();
  const answer = await postGraphQL(url, query, variables);
  expect(subgraphCalls()).toEqual(before);
  return answer;
}

/** `categories { parent { parent { ... { id } } } }`, `levels` fields deep. */
const nestedCategories = (levels: number) => `{ categories { ${'parent { '.repeat(levels - 2)}id${' }'.repeat(levels - 2)} } }`;

describe('operation limits on the main endpoint', () => {
  it('refuses a query 30 levels deep before calling any subgraph', async () => {
    const answer = await refusedUpFront(nestedCategories(30));
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/graphql-response\+json/);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([
      {
        message: 'Query depth 30 exceeds the limit of 15',
        extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'maxDepth', max: 15, actual: 30 } },
      },
    ]);
  });

  it('refuses a query with 500 aliases before calling any subgraph', async () => {
    const aliases = Array.from({ length: 500 }, (_, index) => `a${index}: name`).join(' ');
    const answer = await refusedUpFront(`{ product(id: "prod-00001") { ${aliases} } }`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        message: 'Alias count 500 exceeds the limit of 100',
        extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'maxAliases', max: 100, actual: 500 } },
      },
    ]);
  });

  it('refuses a 1 MB query before calling any subgraph (the body limit answers first)', async () => {
    const query = `{ categories { id ${'name '.repeat(210_000)}} }`;
    expect(query.length).toBeGreaterThan(1_000_000);
    const before = subgraphCalls();
    const answer = await send(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE },
      body: JSON.stringify({ query }),
    });
    expect(subgraphCalls()).toEqual(before);
    expect(answer.status).toBe(413);
    expect(answer.json?.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a document larger than the size limit though within the body limit, before parsing it', async () => {
    const query = `{ categories { id ${'name '.repeat(30_000)}} }`;
    const answer = await refusedUpFront(query);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        message: `Document size in bytes ${query.length} exceeds the limit of 102400`,
        extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'maxDocumentBytes', max: 102_400, actual: query.length } },
      },
    ]);
  });

  it('refuses a document of more than 10,000 tokens', async () => {
    const answer = await refusedUpFront(`{ categories { ${'id '.repeat(12_000)}} }`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        message: 'Token count 12005 exceeds the limit of 10000',
        extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'maxTokens', max: 10_000, actual: 12_005 } },
      },
    ]);
  });

  it('refuses more than 20 root fields', async () => {
    const roots = Array.from({ length: 21 }, (_, index) => `c${index}: categories { id }`).join(' ');
    const answer = await refusedUpFront(`{ ${roots} }`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        message: 'Root field count 21 exceeds the limit of 20',
        extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'maxRootFields', max: 20, actual: 21 } },
      },
    ]);
  });

  it('refuses a query whose estimated cost is 100 times the budget, with the estimate, before calling any subgraph', async () => {
    const query = `query Everything($first: Int) {
      products(first: $first) { edges { node { category {
        products(first: 100) { edges { node {
          variants { stock { location { id } } }
          reviews(first: 100) { edges { node { id author { id } } } }
        } } }
      } } } }
    }`;
    const answer = await refusedUpFront(query, { first: 100 });
    expect(answer.status).toBe(400);
    const [error] = answer.body.errors ?? [];
    expect(error?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', limit: { name: 'maxCost', max: 50_000 } });
    const cost = error?.extensions?.cost as number;
    expect(cost).toBeGreaterThanOrEqual(100 * 50_000);
    expect(error?.extensions?.limit).toMatchObject({ actual: cost });
    expect(error?.message).toBe(`Estimated cost ${cost} exceeds the limit of 50000`);
  });

  it('still runs the ProductPage and ProductListing operations, which do call the subgraphs', async () => {
    const before = subgraphCalls();
    const page = await postGraphQL(graph.gatewayUrl, operation('ProductPage'), { id: 'prod-00001', channel: 'WEB', near: PARIS });
    expect(page.body.errors).toBeUndefined();
    expect(page.body.data).toMatchObject({ product: { id: 'prod-00001' } });
    const listing = await postGraphQL<{ products: { edges: unknown[] } }>(graph.gatewayUrl, operation('ProductListing'), { channel: 'WEB', first: 50 });
    expect(listing.body.errors).toBeUndefined();
    expect(listing.body.data?.products.edges.length).toBeGreaterThan(0);
    expect(subgraphCalls()).not.toEqual(before);
  });

  it('limits operations sent over WebSocket too', async () => {
    const before = subgraphCalls();
    const subscriber = subscribeOverWebSocket(graph.gatewayUrl, nestedCategories(30));
    await subscriber.ended();
    await subscriber.stop();
    expect(subscriber.results).toEqual([]);
    expect(subscriber.error).toEqual([
      expect.objectContaining({
        message: 'Query depth 30 exceeds the limit of 15',
        extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'maxDepth', max: 15, actual: 30 } },
      }),
    ]);
    expect(subgraphCalls()).toEqual(before);
  });

  it('limits operations sent over SSE too', async () => {
    const before = subgraphCalls();
    // The request a graphql-sse client sends (distinct connections mode); it reports a refusal as
    // a bare NetworkError, so the body is read here.
    const answer = await send(new URL(GRAPHQL_STREAM_PATH, graph.gatewayUrl).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: nestedCategories(30) }),
    });
    // graphql-sse answers the refusal as the stream's only result, then completes it.
    expect(answer.text).toContain('OPERATION_LIMIT_EXCEEDED');
    expect(answer.text).toContain('Query depth 30 exceeds the limit of 15');
    expect(subgraphCalls()).toEqual(before);
  });
});

describe('operation limits from the environment', () => {
  it('honours LIMIT_MAX_DEPTH', async () => {
    const answer = await refusedUpFront(nestedCategories(7), undefined, strict.url);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toMatchObject({
      message: 'Query depth 7 exceeds the limit of 6',
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: { name: 'maxDepth', max: 6, actual: 7 } },
    });
    const within = await postGraphQL(strict.url, nestedCategories(6));
    expect(within.body.errors).toBeUndefined();
  });

  it('honours LIMIT_MAX_COST, reporting the estimate of ProductListing with first: 50', async () => {
    const answer = await refusedUpFront(operation('ProductListing'), { channel: 'WEB', first: 50 }, strict.url);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        message: 'Estimated cost 1202 exceeds the limit of 100',
        extensions: { code: 'COST_LIMIT_EXCEEDED', limit: { name: 'maxCost', max: 100, actual: 1202 }, cost: 1202 },
      },
    ]);
  });
});
