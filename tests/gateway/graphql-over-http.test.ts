import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraph, type TestGraph } from '../support/graph.js';
import { GRAPHQL_RESPONSE, errorCodes, postQuery, send } from './helpers.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.close());

const CATEGORIES = '{ categories { id name } }';
// GET clients other than Apollo's add a preflight header for CSRF prevention (gateway/csrf.ts).
const PREFLIGHT = { 'apollo-require-preflight': 'true' };
const getQuery = (query: string, accept = GRAPHQL_RESPONSE) =>
  send(`${graph.gatewayUrl}?query=${encodeURIComponent(query)}`, { headers: { accept, ...PREFLIGHT } });

describe('POST /graphql', () => {
  it('answers a query with 200 and its data', async () => {
    const answer = await postQuery(graph.gatewayUrl, { query: CATEGORIES });
    expect(answer.status).toBe(200);
    expect(answer.json?.errors).toBeUndefined();
    expect((answer.json?.data?.categories as unknown[]).length).toBeGreaterThan(0);
  });

  it('rejects a body that is not valid JSON with 400 BAD_REQUEST', async () => {
    const answer = await send(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE },
      body: '{"query": "{ categories { id } }"',
    });
    expect(answer.status).toBe(400);
    expect(errorCodes(answer)).toEqual(['BAD_REQUEST']);
  });

  it('rejects a JSON body without a query with 400 BAD_REQUEST', async () => {
    const answer = await send(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE },
      body: JSON.stringify({ variables: {} }),
    });
    expect(answer.status).toBe(400);
    expect(errorCodes(answer)).toEqual(['BAD_REQUEST']);
  });

  it('rejects a document that does not parse with 400 GRAPHQL_PARSE_FAILED and its location', async () => {
    const answer = await postQuery(graph.gatewayUrl, { query: '{ categories { id ' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain(GRAPHQL_RESPONSE);
    expect(answer.json?.data).toBeUndefined();
    expect(errorCodes(answer)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(answer.text).toContain('"locations"');
  });

  it('rejects an unknown field with 400 GRAPHQL_VALIDATION_FAILED naming the field', async () => {
    const answer = await postQuery(graph.gatewayUrl, { query: '{ categories { id colour } }' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain(GRAPHQL_RESPONSE);
    expect(answer.json?.data).toBeUndefined();
    expect(errorCodes(answer)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(answer.json?.errors?.[0]?.message).toMatch(/colour/);
  });

  it('rejects a variable of the wrong type with 400 BAD_USER_INPUT naming the variable, before any subgraph is asked', async () => {
    const before = graph.subgraphs.catalog.stats.requests;
    const answer = await postQuery(graph.gatewayUrl, {
      query: 'query Product($id: ID) { product(id: $id) { id } }',
      variables: { id: { not: 'an id' } },
    });
    expect(answer.status).toBe(400);
    expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.json?.errors?.[0]?.message).toMatch(/\$id/);
    expect(graph.subgraphs.catalog.stats.requests).toBe(before);
  });

  it('rejects a document of several operations without operationName with 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const answer = await postQuery(graph.gatewayUrl, { query: 'query A { __typename } query B { __typename }' });
    expect(answer.status).toBe(400);
    expect(errorCodes(answer)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });

  it('runs the operation named by operationName', async () => {
    const answer = await postQuery(graph.gatewayUrl, {
      query: 'query A { a: __typename } query B { b: __typename }',
      operationName: 'B',
    });
    expect(answer.status).toBe(200);
    expect(answer.json?.data).toEqual({ b: 'Query' });
  });

  it('answers the same repeated operation the same way (the second run comes from the document cache)', async () => {
    const first = await postQuery(graph.gatewayUrl, { query: CATEGORIES });
    const second = await postQuery(graph.gatewayUrl, { query: CATEGORIES });
    expect(second.status).toBe(200);
    expect(second.json).toEqual(first.json);
  });

  it('refuses a body in another media type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const answer = await send(graph.gatewayUrl, {
      method: 'POST',
      // With a preflight header, or CSRF prevention would refuse a text/plain body first.
      headers: { 'content-type': 'text/plain', accept: GRAPHQL_RESPONSE, ...PREFLIGHT },
      body: CATEGORIES,
    });
    expect(answer.status).toBe(415);
    expect(errorCodes(answer)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
  });

  it('refuses a body larger than MAX_BODY_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
    const answer = await postQuery(graph.gatewayUrl, { query: `{ __typename }${' '.repeat(1_100_000)}` });
    expect(answer.status).toBe(413);
    expect(errorCodes(answer)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('never exposes stack traces or exception details in errors', async () => {
    const answers = await Promise.all([
      postQuery(graph.gatewayUrl, { query: '{ categories { id ' }),
      postQuery(graph.gatewayUrl, { query: '{ nope }' }),
      send(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
    ]);
    for (const answer of answers) {
      expect(answer.text).not.toMatch(/stacktrace|exception|\bat .+\.(js|ts):\d+/);
    }
  });
});

describe('GET /graphql', () => {
  it('runs a query sent as URL parameters', async () => {
    const answer = await getQuery(CATEGORIES);
    expect(answer.status).toBe(200);
    expect((answer.json?.data?.categories as unknown[]).length).toBeGreaterThan(0);
  });

  it('passes variables sent as a JSON URL parameter', async () => {
    const query = encodeURIComponent('query Q($first: Int) { products(first: $first) { edges { node { id } } } }');
    const variables = encodeURIComponent(JSON.stringify({ first: 2 }));
    const answer = await send(`${graph.gatewayUrl}?query=${query}&variables=${variables}`, { headers: { accept: GRAPHQL_RESPONSE, ...PREFLIGHT } });
    expect(answer.status).toBe(200);
    expect((answer.json?.data?.products as { edges: unknown[] }).edges).toHaveLength(2);
  });

  it('refuses a mutation with 405 and Allow: POST', async () => {
    const answer = await getQuery('mutation { addToWishlist(customerId: "cust-00001", sku: "nope") { __typename } }');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
    expect(errorCodes(answer)).toEqual(['METHOD_NOT_ALLOWED']);
  });
});

describe('other methods', () => {
  it('refuses PUT with 405 METHOD_NOT_ALLOWED', async () => {
    const answer = await send(graph.gatewayUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: CATEGORIES }) });
    expect(answer.status).toBe(405);
    expect(errorCodes(answer)).toEqual(['METHOD_NOT_ALLOWED']);
  });
});

describe('content negotiation', () => {
  it('answers in application/graphql-response+json when the client sends no Accept header', async () => {
    const answer = await send(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: '' }, body: JSON.stringify({ query: CATEGORIES }) });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
  });

  it('answers in application/graphql-response+json to */*', async () => {
    const answer = await postQuery(graph.gatewayUrl, { query: CATEGORIES }, { accept: '*/*' });
    expect(answer.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
  });

  it('answers in application/json to a client that accepts only application/json', async () => {
    const answer = await postQuery(graph.gatewayUrl, { query: CATEGORIES }, { accept: 'application/json' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.json?.data?.categories).toBeDefined();
  });

  it('follows the client’s q-values between the two', async () => {
    const answer = await postQuery(graph.gatewayUrl, { query: CATEGORIES }, { accept: `${GRAPHQL_RESPONSE};q=0.5, application/json` });
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('answers request errors with 200 to application/json clients, as the spec asks for legacy clients', async () => {
    const answer = await postQuery(graph.gatewayUrl, { query: '{ categories { id colour } }' }, { accept: 'application/json' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(errorCodes(answer)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a client that accepts neither with 406 NOT_ACCEPTABLE', async () => {
    const answer = await postQuery(graph.gatewayUrl, { query: CATEGORIES }, { accept: 'application/xml' });
    expect(answer.status).toBe(406);
    expect(errorCodes(answer)).toEqual(['NOT_ACCEPTABLE']);
  });
});

describe('other routes', () => {
  it('answers an unknown path with 404 NOT_FOUND', async () => {
    const answer = await send(new URL('/nowhere', graph.gatewayUrl).href);
    expect(answer.status).toBe(404);
    expect(errorCodes(answer)).toEqual(['NOT_FOUND']);
  });
});
