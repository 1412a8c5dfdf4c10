import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { GRAPHQL_RESPONSE, gatewayPath, send } from './helpers.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.close());

// What a browser sends when one opens the endpoint.
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const openInBrowser = () => send(graph.gatewayUrl, { headers: { accept: BROWSER_ACCEPT } });

/** The src and href attributes of the page, in order. */
function linkedUrls(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
}

describe('GraphiQL', () => {
  it('is served as HTML to a browser that opens /graphql', async () => {
    const page = await openInBrowser();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('GraphiQL.createFetcher');
  });

  it('opens, on the development secret, with a call-center token in its Headers tab that the gateway accepts', async () => {
    const token = /\\"authorization\\": \\"Bearer ([A-Za-z0-9._-]+)\\"/.exec((await openInBrowser()).text)?.[1];
    expect(token).toBeDefined();
    const answer = await postGraphQL<{ customers: unknown[] }>(graph.gatewayUrl, operation('CustomerSearch'), { search: 'an' }, { authorization: `Bearer ${token}` });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.customers.length).toBeGreaterThan(0);
  });

  it('loads every script and stylesheet from the gateway itself, not from a CDN', async () => {
    const urls = linkedUrls((await openInBrowser()).text);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const url of urls) expect(url).toMatch(/^\/graphiql\/assets\//);
  });

  it('serves each asset the page links with 200 and the right content type', async () => {
    const urls = linkedUrls((await openInBrowser()).text);
    const scripts = urls.filter((url) => url.endsWith('.js'));
    expect(scripts.map((url) => url.split('/').pop())).toEqual(['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'graphql-ws.min.js']);
    for (const url of urls) {
      const asset = await send(gatewayPath(graph.gatewayUrl, url));
      expect(asset.status, url).toBe(200);
      expect(asset.headers.get('content-type'), url).toMatch(url.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect(asset.text.length, url).toBeGreaterThan(1_000);
    }
    const graphiql = await send(gatewayPath(graph.gatewayUrl, '/graphiql/assets/graphiql.min.js'));
    // The UMD build that defines the GraphiQL global the page uses.
    expect(graphiql.text).toMatch(/\.GraphiQL\s*=/);
  });

  it('answers 404 for an asset it does not serve', async () => {
    const asset = await send(gatewayPath(graph.gatewayUrl, '/graphiql/assets/package.json'));
    expect(asset.status).toBe(404);
  });

  it('is not served to a client asking for GraphQL responses: it gets JSON', async () => {
    const answer = await send(`${graph.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: GRAPHQL_RESPONSE, 'apollo-require-preflight': 'true' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json?.data).toEqual({ __typename: 'Query' });
  });
});
