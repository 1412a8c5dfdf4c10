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

/**
 * The page's own script, run as a browser would run it, with React, ReactDOM, GraphiQL and
 * graphql-ws played by stand-ins, to check its fetcher logic edit by edit without a browser (the
 * real page in headless Chromium: graphiql-browser.test.ts): the stand-in GraphiQL
 * introspects as GraphiQL 3 does — when it mounts and whenever its `fetcher` prop changes, with
 * the Headers tab's text of that moment — and the test types in the Headers tab through the
 * page's `onEditHeaders`.
 */
function runPageScript(html: string, pageUrl: string) {
  const script = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!).join('\n');
  let component: (() => { type: unknown; props: Record<string, any> }) | undefined;
  const state: unknown[] = [];
  let cursor = 0;
  let rendered: Record<string, any> = {};
  const render = () => {
    cursor = 0;
    rendered = component!().props;
  };
  const React = {
    createElement: (type: unknown, props: Record<string, unknown> | null) => ({ type, props: props ?? {} }),
    useState(initial: unknown) {
      const index = cursor++;
      if (!(index in state)) state[index] = typeof initial === 'function' ? (initial as () => unknown)() : initial;
      const set = (next: unknown) => {
        state[index] = typeof next === 'function' ? (next as (previous: unknown) => unknown)(state[index]) : next;
        render();
      };
      return [state[index], set];
    },
    useRef(initial: unknown) {
      const index = cursor++;
      if (!(index in state)) state[index] = { current: initial };
      return state[index];
    },
    useCallback(callback: unknown) {
      const index = cursor++;
      if (!(index in state)) state[index] = callback;
      return state[index];
    },
  };
  const GraphiQL = Object.assign(() => null, {
    createFetcher:
      ({ url }: { url: string }) =>
      async (params: unknown, options?: { headers?: Record<string, string> }) => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...options?.headers }, body: JSON.stringify(params) });
        return response.json();
      },
  });
  const ReactDOM = {
    createRoot: () => ({
      render(element: { type: () => { type: unknown; props: Record<string, any> } }) {
        component = element.type;
        render();
      },
    }),
  };
  const graphqlWs = { createClient: () => ({}) };
  const window = { location: { href: pageUrl } };
  const document = { getElementById: () => ({}) };
  new Function('window', 'document', 'React', 'ReactDOM', 'GraphiQL', 'graphqlWs', script)(window, document, React, ReactDOM, GraphiQL, graphqlWs);
  return {
    props: () => rendered,
    /** What GraphiQL's schema provider does on mount and on each new fetcher: introspect with the Headers tab's headers. */
    async introspect(headersText: string): Promise<{ data?: { __schema?: unknown }; errors?: { extensions?: { code?: string } }[] }> {
      const headers = headersText ? (JSON.parse(headersText) as Record<string, string>) : {};
      return rendered.fetcher({ query: 'query IntrospectionQuery { __schema { queryType { name } } }', operationName: 'IntrospectionQuery' }, { headers });
    },
  };
}

describe('the partners GraphiQL', () => {
  const publicPage = () => send(gatewayPath(graph.gatewayUrl, '/public/graphql'), { headers: { accept: BROWSER_ACCEPT } });

  it('loads the schema once a key is pasted in the Headers tab, without a re-fetch by hand', async () => {
    const { key } = await graph.gateway.partners!.addPartner('GraphiQL marketplace', 'pro');
    const page = runPageScript((await publicPage()).text, gatewayPath(graph.gatewayUrl, '/public/graphql'));
    const opened = page.props();
    expect(opened.defaultHeaders).toBe(JSON.stringify({ 'x-api-key': '' }, null, 2));
    // Without a key the first introspection is refused: GraphiQL shows "Error fetching schema".
    expect((await page.introspect(opened.defaultHeaders)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // Typing the key: half-typed JSON changes nothing; the complete key brings a new fetcher, which
    // GraphiQL answers with a new introspection carrying the key.
    opened.onEditHeaders('{ "x-api-key": "pk_');
    const withKey = JSON.stringify({ 'x-api-key': key }, null, 2);
    opened.onEditHeaders(withKey);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const refreshed = page.props();
    expect(refreshed.fetcher).not.toBe(opened.fetcher);
    expect((await page.introspect(withKey)).data?.__schema).toEqual({ queryType: { name: 'Query' } });

    // Other edits (formatting, another header) keep the fetcher, so no needless re-introspection.
    refreshed.onEditHeaders(JSON.stringify({ 'x-api-key': key, 'x-trace': '1' }));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(page.props().fetcher).toBe(refreshed.fetcher);
  });

  it('re-fetches the internal schema when the token in the Headers tab is swapped', async () => {
    const page = runPageScript((await openInBrowser()).text, graph.gatewayUrl);
    const opened = page.props();
    opened.onEditHeaders(JSON.stringify({ authorization: 'Bearer another.token.here' }));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(page.props().fetcher).not.toBe(opened.fetcher);
  });
});
