/**
 * Hostile inputs found beside the corpus (tests/gateway/hostile-corpus.ts), each against
 * the real gateway: numbers no double can hold, id lists that multiply a resolver's work by the
 * number of parents, requests whose body never ends, and malformed HTTP answered in the gateway's
 * own error shape.
 */
import { connect } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHQL_STREAM_PATH } from '../../gateway/create-gateway.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { subgraphRequests, watchingHealth } from '../support/health-probe.js';
import { subscribeOverWebSocket } from '../support/subscribers.js';
import { asCallCenter } from '../support/tokens.js';
import { GRAPHQL_RESPONSE, gatewayPath, postQuery, send } from './helpers.js';

/** The acceptance bounds, with room for a shared, noisy machine (see hostile-documents.test.ts). */
const ANSWER_WITHIN_MS = 1_000;
const HEALTH_WITHIN_MS = 1_000;
/** Short, so the test waits little; the default (REQUEST_TIMEOUT_MS) is 30 s. */
const REQUEST_TIMEOUT_MS = 1_000;

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({ gatewayEnv: { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) } });
});
afterAll(async () => {
  await graph?.close();
});

const subgraphCalls = () => subgraphRequests(graph);
const publicUrl = () => gatewayPath(graph.gatewayUrl, '/public/graphql');
const streamUrl = () => gatewayPath(graph.gatewayUrl, GRAPHQL_STREAM_PATH);

describe('numbers no double can hold', () => {
  const tooBig = `1${'0'.repeat(400)}`;
  const documents = {
    'a Float literal of 400 digits': `{ variant(sku: "SKU-00001-1") { availability(near: { lat: ${tooBig}.0, lng: 2.35 }) { status } } }`,
    'an Int literal of 400 digits where a Float goes': `{ variant(sku: "SKU-00001-1") { availability(near: { lat: 48.85, lng: 2.35 }, radiusKm: ${tooBig}) { status } } }`,
    'a negative exponent-overflowing Float': `{ variant(sku: "SKU-00001-1") { availability(near: { lat: -1e999, lng: 2.35 }) { status } } }`,
    'a variable default out of range': `query Q($near: GeoPointInput = { lat: 1e999, lng: 2.35 }) { variant(sku: "SKU-00001-1") { availability(near: $near) { status } } }`,
  };

  for (const [name, query] of Object.entries(documents)) {
    it(`refuses ${name} as a validation error on /graphql, before any subgraph`, async () => {
      const before = subgraphCalls();
      const answer = await postQuery(graph.gatewayUrl, { query });
      expect(answer.status, answer.text).toBe(400);
      expect(answer.json?.errors?.[0]?.extensions?.code, answer.text).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(answer.json?.errors?.[0]?.message).toMatch(/finite/);
      expect(subgraphCalls()).toBe(before);
    });
  }

  it('refuses it on /public/graphql too', async () => {
    const { key } = await graph.gateway.partners!.addPartner('Hostile numbers', 'pro');
    const answer = await postQuery(publicUrl(), { query: documents['a Float literal of 400 digits'] }, { 'x-api-key': key });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.json?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses it over WebSocket with an error message, and the socket stays open', async () => {
    const refused = subscribeOverWebSocket(graph.gatewayUrl, documents['a Float literal of 400 digits']);
    await refused.ended();
    await refused.stop();
    const errors = refused.error as { extensions?: { code?: string } }[];
    expect(Array.isArray(errors), String(refused.error)).toBe(true);
    expect(errors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses it over SSE', async () => {
    const answer = await send(streamUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: documents['a Float literal of 400 digits'] }),
    });
    expect(answer.status).toBeLessThan(500);
    expect(answer.text).toContain('"code":"GRAPHQL_VALIDATION_FAILED"');
  });

  it('still answers the largest finite Float', async () => {
    const answer = await postQuery(graph.gatewayUrl, {
      query: '{ variant(sku: "SKU-00001-1") { availability(near: { lat: 1.7976931348623157e308, lng: 2.35 }) { status } } }',
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('id lists that every parent reads', () => {
  const query = 'query Q($locationIds: [ID!]) { products(first: 20) { edges { node { variants { stock(locationIds: $locationIds) { available } } } } } }';

  it('refuses Variant.stock with more than 100 location ids (BAD_USER_INPUT at the field), quickly and without blocking /health', async () => {
    const locationIds = Array.from({ length: 20_000 }, (_, index) => index.toString(36));
    const { result: answer, elapsedMs, slowestHealthMs } = await watchingHealth(graph.gatewayUrl, () => postQuery(graph.gatewayUrl, { query, variables: { locationIds } }));
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    const [first] = answer.json?.errors ?? [];
    expect(first?.extensions?.code, answer.text.slice(0, 300)).toBe('BAD_USER_INPUT');
    expect(first?.message).toMatch(/at most 100/);
    expect(elapsedMs, 'answered within 1 s').toBeLessThan(ANSWER_WITHIN_MS);
    expect(slowestHealthMs, '/health answered meanwhile').toBeLessThan(HEALTH_WITHIN_MS);
  });

  it('answers 100 location ids, and an empty list with no level', async () => {
    const locationIds = ['store-01', ...Array.from({ length: 99 }, (_, index) => `unknown-${index}`)];
    const answer = await postQuery(graph.gatewayUrl, { query: '{ variant(sku: "SKU-00001-1") { a: stock(locationIds: []) { available } } }' });
    expect(answer.json?.data).toEqual({ variant: { a: [] } });
    const hundred = await postQuery(graph.gatewayUrl, {
      query: 'query Q($locationIds: [ID!]) { variant(sku: "SKU-00001-1") { stock(locationIds: $locationIds) { location { id } } } }',
      variables: { locationIds },
    });
    expect(hundred.json?.errors, hundred.text).toBeUndefined();
    expect(hundred.json?.data).toEqual({ variant: { stock: [{ location: { id: 'store-01' } }] } });
  });
});

/** Sends `head` (and nothing more) on a raw connection; resolves with what came back and when the connection closed. */
function stalledRequest(head: string, port: number): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closedAfterMs: Number.POSITIVE_INFINITY });
    }, REQUEST_TIMEOUT_MS * 10);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ answer, closedAfterMs: performance.now() - started });
    });
  });
}

describe('requests that never end (slowloris)', () => {
  const port = () => Number(new URL(graph.gatewayUrl).port);

  for (const [name, head] of [
    ['a body that never comes (POST /graphql)', 'POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"query":'],
    ['a body that never comes (POST /graphql/stream)', 'POST /graphql/stream HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\naccept: text/event-stream\r\ncontent-length: 1000\r\n\r\n{'],
    ['a chunked body that never ends', 'POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n1\r\n{\r\n'],
  ] as const) {
    it(`ends ${name} after REQUEST_TIMEOUT_MS with 408 and a coded error`, async () => {
      const { answer, closedAfterMs } = await stalledRequest(head, port());
      expect(closedAfterMs, 'the gateway closes the connection').toBeLessThan(REQUEST_TIMEOUT_MS * 5);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toContain('"code":"REQUEST_TIMEOUT"');
    });
  }

  it('leaves a WebSocket and an SSE stream open past REQUEST_TIMEOUT_MS (only receiving the request is timed)', async () => {
    const socket = new WebSocket(graph.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.once('message', () => resolve());
      socket.once('error', reject);
    });
    const sse = await fetch(streamUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(await asCallCenter()) },
      body: JSON.stringify({ query: 'subscription { stockChanged { sequence } }' }),
    });
    await new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT_MS * 3));
    expect(socket.readyState).toBe(WebSocket.OPEN);
    const pong = new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket.send(JSON.stringify({ type: 'ping' }));
    expect(await pong).toEqual({ type: 'pong' });
    socket.close();
    expect(sse.status).toBe(200);
    await sse.body?.cancel();
  });
});

describe('malformed HTTP', () => {
  const port = () => Number(new URL(graph.gatewayUrl).port);

  it('answers headers over the size limit with 431 in the gateway’s error shape', async () => {
    const answer = await send(`${graph.gatewayUrl}?query=${encodeURIComponent('{ categories { id } }')}&padding=${'a'.repeat(70_000)}`, {
      headers: { accept: GRAPHQL_RESPONSE, 'apollo-require-preflight': 'true' },
    });
    expect(answer.status).toBe(431);
    expect(answer.json?.errors?.[0]?.extensions?.code).toBe('REQUEST_HEADER_FIELDS_TOO_LARGE');
  });

  it('answers a request HTTP cannot parse with 400 in the gateway’s error shape', async () => {
    const { answer } = await stalledRequest('POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-length: 2\r\ncontent-length: 40\r\n\r\n{}', port());
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"BAD_REQUEST"');
  });
});

describe('NUL characters, which no SQL text column holds (PostgreSQL refuses them)', () => {
  const lookups = {
    'a product slug (variable)': { body: { query: 'query Q($slug: String) { product(slug: $slug) { id } }', variables: { slug: 'nope\u0000' } }, code: 'BAD_USER_INPUT' },
    'a review id (literal escape)': { body: { query: '{ review(id: "rev-1\\u0000") { id } }' }, code: 'GRAPHQL_VALIDATION_FAILED' },
    'a brand inside an input object (variable)': {
      body: { query: 'query Q($filter: ProductFilter) { products(first: 1, filter: $filter) { totalCount } }', variables: { filter: { brand: 'Acme\u0000' } } },
      code: 'BAD_USER_INPUT',
    },
  } as const;

  for (const [name, { body, code }] of Object.entries(lookups)) {
    it(`refuses ${name} with a NUL (${code}) before any subgraph, on both endpoints`, async () => {
      const before = subgraphCalls();
      const main = await postQuery(graph.gatewayUrl, body);
      expect(main.status, main.text).toBe(400);
      expect(main.json?.errors?.[0]?.extensions?.code, main.text).toBe(code);
      expect(main.json?.errors?.[0]?.message).toContain('U+0000');
      const { key } = await graph.gateway.partners!.addPartner(`NUL ${name}`, 'pro');
      const partner = await postQuery(publicUrl(), body, { 'x-api-key': key });
      expect(partner.status, partner.text).toBe(400);
      expect(partner.json?.errors?.[0]?.extensions?.code, partner.text).toBe(code);
      expect(subgraphCalls()).toBe(before);
    });
  }

  it('still answers other control characters and text around them as before', async () => {
    const answer = await postQuery(graph.gatewayUrl, { query: 'query Q($slug: String) { product(slug: $slug) { id } }', variables: { slug: 'tab\there\u0001' } });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json?.data).toEqual({ product: null });
  });
});

describe('what a caller sent, echoed back in an error', () => {
  it('shortens an unknown operation name of 900,000 characters instead of sending it back whole', async () => {
    const operationName = 'x'.repeat(900_000);
    const answer = await postQuery(graph.gatewayUrl, { query: '{ categories { id } }', operationName });
    expect(answer.status).toBe(400);
    expect(answer.json?.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(answer.json?.errors?.[0]?.message).toMatch(/^Unknown operation named "x{100}…"\.$/);
    expect(answer.text.length).toBeLessThan(1_000);
  });
});
