/**
 * CSRF prevention (gateway/csrf.ts): what a browser could send cross-site without a CORS preflight
 * is refused before any work; what needs a preflight, or runs nothing, passes. Real gateway, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.js';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { GRAPHQL_RESPONSE, errorCodes, gatewayPath, send, startGatewayAgainst, type HttpAnswer } from './helpers.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.close());

const QUERY = '{ __typename }';
const getUrl = () => `${graph.gatewayUrl}?query=${encodeURIComponent(QUERY)}`;
const post = (contentType: string | undefined, headers: Record<string, string> = {}) =>
  send(graph.gatewayUrl, {
    method: 'POST',
    headers: { accept: GRAPHQL_RESPONSE, ...(contentType === undefined ? {} : { 'content-type': contentType }), ...headers },
    body: JSON.stringify({ query: QUERY }),
  });

function expectCsrfRefusal(answer: HttpAnswer): void {
  expect(answer.status).toBe(400);
  expect(errorCodes(answer)).toEqual(['BAD_REQUEST']);
  expect(answer.json?.errors?.[0]?.message).toMatch(/^This operation has been blocked as a potential Cross-Site Request Forgery \(CSRF\)/);
}

describe('CSRF prevention: refused', () => {
  it('refuses a GET operation with no content type and no preflight header', async () => {
    expectCsrfRefusal(await send(getUrl(), { headers: { accept: GRAPHQL_RESPONSE } }));
  });

  it('refuses a GET that runs a persisted query by its hash alone', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } });
    expectCsrfRefusal(await send(`${graph.gatewayUrl}?extensions=${encodeURIComponent(extensions)}`, { headers: { accept: GRAPHQL_RESPONSE } }));
  });

  it.each(['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'TEXT/PLAIN'])(
    'refuses a POST of the CORS-safelisted content type %s',
    async (contentType) => {
      expectCsrfRefusal(await post(contentType));
    },
  );

  it('refuses a POST without a content type', async () => {
    expectCsrfRefusal(await post(undefined));
  });

  it('does not count an empty preflight header', async () => {
    expectCsrfRefusal(await post('text/plain', { 'apollo-require-preflight': '' }));
  });

  it('refuses a simple request to the SSE endpoint too', async () => {
    const answer = await send(gatewayPath(graph.gatewayUrl, '/graphql/stream'), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { __typename }' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('Cross-Site Request Forgery');
  });

  it('refuses before any subgraph is called', async () => {
    const catalogFetches = async () => {
      const metrics = await send(gatewayPath(graph.gatewayUrl, '/metrics'));
      const line = metrics.text.split('\n').find((l) => l.startsWith('gateway_subgraph_fetch_duration_seconds_count{') && l.includes('subgraph="catalog"'));
      return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
    };
    const before = await catalogFetches();
    const url = `${graph.gatewayUrl}?query=${encodeURIComponent('{ categories { id } }')}`;
    expectCsrfRefusal(await send(url, { headers: { accept: GRAPHQL_RESPONSE } }));
    expect(await catalogFetches()).toBe(before);
    // The same request with a preflight header does reach the catalog: the count is the right one.
    expect((await send(url, { headers: { accept: GRAPHQL_RESPONSE, 'apollo-require-preflight': 'true' } })).status).toBe(200);
    expect(await catalogFetches()).toBeGreaterThan(before);
  });
});

describe('CSRF prevention: allowed', () => {
  it('runs a POST of application/json (a browser preflights it)', async () => {
    const answer = await post('application/json');
    expect(answer.status).toBe(200);
    expect(answer.json?.data).toEqual({ __typename: 'Query' });
  });

  it('runs a GET with a JSON content type, as Apollo Client sends it', async () => {
    const answer = await send(getUrl(), { headers: { accept: GRAPHQL_RESPONSE, 'content-type': 'application/json' } });
    expect(answer.status).toBe(200);
    expect(answer.json?.data).toEqual({ __typename: 'Query' });
  });

  it.each(['apollo-require-preflight', 'x-apollo-operation-name', 'graphql-preflight'])('runs a GET that carries %s', async (header) => {
    const answer = await send(getUrl(), { headers: { accept: GRAPHQL_RESPONSE, [header]: 'true' } });
    expect(answer.status).toBe(200);
    expect(answer.json?.data).toEqual({ __typename: 'Query' });
  });

  it('lets a text/plain POST with a preflight header through to the media-type check (415)', async () => {
    const answer = await post('text/plain', { 'apollo-require-preflight': 'true' });
    expect(answer.status).toBe(415);
    expect(errorCodes(answer)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
  });

  it('lets a content type a browser cannot parse through: a browser would have preflighted it', async () => {
    const answer = await send(getUrl(), { headers: { accept: GRAPHQL_RESPONSE, 'content-type': 'not a type' } });
    expect(answer.status).toBe(200);
  });

  it('serves the GraphiQL page, a GET that runs no operation', async () => {
    const page = await send(graph.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('still answers CORS preflights', async () => {
    const answer = await send(graph.gatewayUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(answer.status).toBe(204);
  });
});

describe('CSRF_PREVENTION', () => {
  it('is on unless turned off', () => {
    expect(loadGatewayConfig({}).csrfPrevention).toBe(true);
    expect(loadGatewayConfig({ CSRF_PREVENTION: 'false' }).csrfPrevention).toBe(false);
    expect(() => loadGatewayConfig({ CSRF_PREVENTION: 'maybe' })).toThrow(/CSRF_PREVENTION/);
  });

  it('turned off, lets a simple GET operation run', async () => {
    let gateway: RunningGateway | undefined;
    try {
      gateway = await startGatewayAgainst(graph, { CSRF_PREVENTION: 'false', SUPERGRAPH_WATCH: 'false' });
      const answer = await send(`${gateway.url}?query=${encodeURIComponent(QUERY)}`, { headers: { accept: GRAPHQL_RESPONSE } });
      expect(answer.status).toBe(200);
      expect(answer.json?.data).toEqual({ __typename: 'Query' });
    } finally {
      await gateway?.close();
    }
  });
});
