/**
 * GraphQL over SSE serves distinct connections only, and answers a malformed request with the same
 * coded 400 as the HTTP route. Before: an anonymous `PUT /graphql/stream` reserved the stream of
 * every token-less caller (graphql-sse keyed them all by one string), so the next SSE requests got
 * 409 "Stream already open" or had their operation swallowed; malformed requests got graphql-sse's
 * uncoded messages (`Missing query`, a raw JSON.parse text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHQL_STREAM_PATH } from '../../gateway/create-gateway.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { gatewayPath, send } from './helpers.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.close();
});

const streamUrl = () => gatewayPath(graph.gatewayUrl, GRAPHQL_STREAM_PATH);
const PREFLIGHT = { 'apollo-require-preflight': '1' };

/** One distinct-connection SSE request for `{ categories { id } }`: its whole event stream. */
async function categoriesOverSse(): Promise<{ status: number; text: string }> {
  const response = await fetch(streamUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...PREFLIGHT },
    body: JSON.stringify({ query: '{ categories { id } }' }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, text: await response.text() };
}

describe('GraphQL over SSE requests', () => {
  it.each(['PUT', 'DELETE'])('refuses %s (single-connection mode) with 405, and other callers keep their streams', async (method) => {
    const reservation = await send(streamUrl(), { method, headers: { accept: 'text/plain', ...PREFLIGHT } });
    expect(reservation.status).toBe(405);
    expect(reservation.headers.get('allow')).toBe('GET, POST');
    expect(reservation.json?.errors?.[0]?.extensions?.code).toBe('METHOD_NOT_ALLOWED');
    // A held GET after a reservation used to take every token-less caller's stream.
    const held = new AbortController();
    void fetch(streamUrl(), { headers: { accept: 'text/event-stream', ...PREFLIGHT }, signal: held.signal }).catch(() => {});
    try {
      const answer = await categoriesOverSse();
      expect(answer.status).toBe(200);
      expect(answer.text).toMatch(/event: next\ndata: \{"data":\{"categories":\[/);
      expect(answer.text).toMatch(/event: complete/);
    } finally {
      held.abort();
    }
  });

  const post = (body: string) =>
    send(streamUrl(), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...PREFLIGHT }, body });

  it.each([
    ['a body that is not JSON', () => post('{nope')],
    ['a JSON body that is not an object', () => post('[1, 2]')],
    ['no query', () => post('{"variables": {}}')],
    ['variables that are not an object', () => post('{"query": "{ categories { id } }", "variables": [1]}')],
    ['an operationName that is not a string', () => post('{"query": "{ categories { id } }", "operationName": 3}')],
    ['GET without a query', () => send(`${streamUrl()}?variables=%7B%7D`, { headers: { accept: 'text/event-stream', ...PREFLIGHT } })],
    ['GET with variables that are not JSON', () => send(`${streamUrl()}?query=%7B%20categories%20%7B%20id%20%7D%20%7D&variables=%7Bx`, { headers: { accept: 'text/event-stream', ...PREFLIGHT } })],
  ])('answers %s with a coded 400', async (_name, request) => {
    const answer = await request();
    expect(answer.status).toBe(400);
    expect(answer.json?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(answer.json?.errors?.[0]?.message).not.toMatch(/position \d+|Unexpected token/);
  });
});
