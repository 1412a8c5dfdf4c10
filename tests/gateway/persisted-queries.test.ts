import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { GRAPHQL_RESPONSE, send, startGatewayAgainst } from './helpers.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (query: string, version = 1) => ({ persistedQuery: { version, sha256Hash: sha256(query) } });

let graph: TestGraph;
let withoutApq: RunningGateway;
beforeAll(async () => {
  graph = await startGraph();
  withoutApq = await startGatewayAgainst(graph, { APQ_CACHE_BYTES: '0' });
});
afterAll(async () => {
  await withoutApq?.close();
  await graph?.close();
});

const post = (url: string, body: Record<string, unknown>) =>
  send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE },
    body: JSON.stringify(body),
  });
const getWith = (url: string, params: Record<string, unknown>) => {
  const search = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  // Apollo Client sends a JSON content type on GET too, which is what lets CSRF prevention (gateway/csrf.ts) pass it.
  return send(`${url}?${search}`, { headers: { accept: GRAPHQL_RESPONSE, 'content-type': 'application/json' } });
};

describe('automatic persisted queries (Apollo Client persisted-query link)', () => {
  it('asks for the query when it does not know the hash', async () => {
    const query = '{ categories { id name } }';
    const answer = await post(graph.gatewayUrl, { extensions: apq(query) });
    expect(answer.status).toBe(200);
    expect(answer.json?.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    expect(answer.json?.data).toBeUndefined();
  });

  it('registers a query sent with its hash, then answers the hash alone, over POST and GET', async () => {
    const query = 'query Product($id: ID!) { product(id: $id) { id name } }';
    const variables = { id: 'prod-00002' };
    const first = await post(graph.gatewayUrl, { query, variables, extensions: apq(query) });
    expect(first.json?.errors).toBeUndefined();
    expect(first.json?.data).toEqual({ product: { id: 'prod-00002', name: expect.any(String) } });

    const byPost = await post(graph.gatewayUrl, { variables, extensions: apq(query) });
    expect(byPost.json).toEqual(first.json);
    const byGet = await getWith(graph.gatewayUrl, { variables, extensions: apq(query) });
    expect(byGet.status).toBe(200);
    expect(byGet.json).toEqual(first.json);
  });

  it('refuses a query whose hash does not match, and does not register it', async () => {
    const query = '{ categories { id } }';
    const wrong = { persistedQuery: { version: 1, sha256Hash: sha256('{ categories { name } }') } };
    const answer = await post(graph.gatewayUrl, { query, extensions: wrong });
    expect(answer.status).toBe(400);
    expect(answer.json?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    const later = await post(graph.gatewayUrl, { extensions: wrong });
    expect(later.json?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses a persisted-query version other than 1', async () => {
    const query = '{ categories { id } }';
    const answer = await post(graph.gatewayUrl, { query, extensions: apq(query, 2) });
    expect(answer.status).toBe(400);
    expect(answer.json?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });

  it('still refuses a persisted mutation over GET', async () => {
    const mutation =
      'mutation { submitReview(input: { productId: "prod-00005", customerId: "cust-00396", rating: 3, title: "t", body: "b" }) { review { id } } }';
    const hashOnly = await getWith(graph.gatewayUrl, { extensions: apq(mutation) });
    expect(hashOnly.json?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const withQuery = await getWith(graph.gatewayUrl, { query: mutation, extensions: apq(mutation) });
    expect(withQuery.status).toBe(405);
  });

  it('is off when APQ_CACHE_BYTES is 0: a hash alone is a request without a query', async () => {
    const query = '{ categories { id } }';
    await post(withoutApq.url, { query, extensions: apq(query) });
    const answer = await post(withoutApq.url, { extensions: apq(query) });
    expect(answer.status).toBe(400);
    expect(answer.json?.errors?.[0]?.message).toMatch(/Missing query/);
  });
});
