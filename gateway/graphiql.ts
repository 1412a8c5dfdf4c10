/**
 * GraphiQL for people exploring the graph in a browser, built from the project's own installed
 * packages and served by the gateway itself: no CDN, so it works offline and never runs code the
 * lock file did not pin.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

export interface GraphiQLOptions {
  /** The GraphQL endpoint the page queries (same origin). */
  endpoint: string;
  /** Which schema the page is for: the whole graph (with a live-stock tab) or the partners' contract. @default 'internal' */
  audience?: 'internal' | 'partner';
  /** Where the page's scripts and styles are served. @default '/graphiql/assets' */
  assetsPath?: string;
  /**
   * Headers the Headers tab starts with, made for each page served (e.g. a fresh development
   * token, so the live-stock tab works out of the box with `npm start`).
   */
  defaultHeaders?: () => Promise<Record<string, string>>;
}

/** The page, or how to make it for each request. */
export type GraphiQLPage = string | (() => Promise<string>);

interface Asset {
  file: string;
  contentType: string;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const require = createRequire(import.meta.url);

/** A file of an installed package; through package.json, the one subpath every package exports. */
function packageFile(packageName: string, file: string): string {
  return join(dirname(require.resolve(`${packageName}/package.json`)), file);
}

// The browser builds (UMD) of React 18 and GraphiQL 3; GraphiQL's expects React and ReactDOM globals.
const ASSETS: Record<string, Asset> = {
  'react.production.min.js': { file: packageFile('react', 'umd/react.production.min.js'), contentType: JAVASCRIPT },
  'react-dom.production.min.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), contentType: JAVASCRIPT },
  'graphiql.min.js': { file: packageFile('graphiql', 'graphiql.min.js'), contentType: JAVASCRIPT },
  // graphql-ws's browser client: GraphiQL runs subscriptions through it.
  'graphql-ws.min.js': { file: packageFile('graphql-ws', 'umd/graphql-ws.min.js'), contentType: JAVASCRIPT },
  'graphiql.min.css': { file: packageFile('graphiql', 'graphiql.min.css'), contentType: 'text/css; charset=utf-8' },
};

/** Registers the asset routes and returns the page to serve at the endpoint. */
const withAssets = new WeakSet<FastifyInstance>();

export function registerGraphiQL(
  app: FastifyInstance,
  { endpoint, assetsPath = '/graphiql/assets', audience = 'internal', defaultHeaders }: GraphiQLOptions,
): GraphiQLPage {
  // One set of asset routes serves every page of the app.
  if (!withAssets.has(app)) {
    withAssets.add(app);
    registerAssets(app, assetsPath);
  }
  if (defaultHeaders) return async () => renderPage(endpoint, assetsPath, audience, await defaultHeaders());
  return renderPage(endpoint, assetsPath, audience, audience === 'partner' ? { 'x-api-key': '' } : undefined);
}

function registerAssets(app: FastifyInstance, assetsPath: string): void {
  // Read on first request, not at start-up: most gateways never serve a browser.
  const loaded = new Map<string, Promise<Buffer>>();
  app.get<{ Params: { file: string } }>(`${assetsPath}/:file`, async (request, reply) => {
    const { file } = request.params;
    const asset = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!asset) return reply.status(404).send({ error: 'Not Found' });
    let content = loaded.get(file);
    if (!content) {
      content = readFile(asset.file);
      loaded.set(file, content);
      // A failed read is retried by the next request rather than cached.
      content.catch(() => loaded.delete(file));
    }
    return reply.type(asset.contentType).header('cache-control', 'public, max-age=3600').send(await content);
  });
}

/** What a first visit shows: one query that crosses all five subgraphs, ready to run. */
const EXAMPLE_QUERY = `# The omnichannel supergraph: one query, five subgraphs. Press the run button.
query ProductPageExample {
  product(id: "prod-00001") {
    name
    brand
    rating { average count }
    variants {
      sku
      price { amount currency }
      effectivePrice(channel: WEB) { amount currency }
      activePromotions(channel: WEB) { name }
      availableOnline
      availability(near: { lat: 48.8566, lng: 2.3522 }, radiusKm: 30, first: 3) {
        location { name }
        available
        distanceKm
      }
    }
    reviews(first: 2) { edges { node { rating title verifiedPurchase author { firstName } } } }
  }
}
`;

/** The second tab: live stock, to watch while `npm run simulate` moves it. */
const STOCK_WATCH_EXAMPLE = `# Live stock in the Paris stores: run it, then \`npm run simulate\` in a terminal.
subscription StockWatchExample {
  stockChanged(locationIds: ["store-01", "store-02", "store-03"]) {
    sequence
    reason
    delta
    onHand
    available
    at
    location { name }
    variant { sku product { name } effectivePrice(channel: STORE) { amount currency } }
  }
}
`;

/** What a partner's first visit shows: the public contract, a listing with prices and ratings. */
const PARTNER_EXAMPLE_QUERY = `# The public schema for partners. Put your key in the Headers tab: {"x-api-key": "pk_..."}
query PartnerListing {
  products(first: 5) {
    edges {
      node {
        id
        name
        rating { average count }
        variants { sku price { amount currency } effectivePrice(channel: MARKETPLACE) { amount currency } }
      }
    }
  }
}
`;

function renderPage(endpoint: string, assetsPath: string, audience: 'internal' | 'partner', headers: Record<string, string> | undefined): string {
  const asset = (name: string) => `${assetsPath}/${name}`;
  // JSON.stringify makes the endpoint a JS string literal; escaping "<" keeps it from closing the script.
  const endpointLiteral = JSON.stringify(endpoint).replace(/</g, '\\u003c');
  const tabs = audience === 'partner' ? [{ query: PARTNER_EXAMPLE_QUERY }] : [{ query: EXAMPLE_QUERY }, { query: STOCK_WATCH_EXAMPLE }];
  const tabsLiteral = JSON.stringify(tabs).replace(/</g, '\\u003c');
  // The Headers tab's text (a JSON document) as a JS string literal.
  const headersLiteral = headers === undefined ? 'undefined' : JSON.stringify(JSON.stringify(headers, null, 2)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>GraphiQL · Omnichannel supergraph</title>
  <link rel="stylesheet" href="${asset('graphiql.min.css')}">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${asset('react.production.min.js')}"></script>
  <script src="${asset('react-dom.production.min.js')}"></script>
  <script src="${asset('graphiql.min.js')}"></script>
  <script src="${asset('graphql-ws.min.js')}"></script>
  <script>
    const url = new URL(${endpointLiteral}, window.location.href);
    const wsUrl = url.href.replace(/^http/, 'ws');
    // Queries and mutations over HTTP; subscriptions over WebSocket on the same path. A WebSocket
    // carries its token in connection_init, not in headers: one connection per Authorization
    // header typed in the Headers tab.
    const wsClients = new Map();
    const wsClientFor = (authorization) => {
      if (!wsClients.has(authorization)) {
        wsClients.set(authorization, graphqlWs.createClient({ url: wsUrl, lazy: true, connectionParams: authorization ? { authorization } : {} }));
      }
      return wsClients.get(authorization);
    };
    const makeFetcher = () => (params, options) => {
      const headers = (options && options.headers) || {};
      const authorization = headers.authorization || headers.Authorization || '';
      return GraphiQL.createFetcher({ url: url.href, wsClient: wsClientFor(authorization) })(params, options);
    };
    // GraphiQL introspects when it mounts and whenever its fetcher changes, with the Headers tab's
    // headers of that moment. A new fetcher once the credentials typed there change (an API key
    // pasted, a token swapped) loads the schema they open, with no re-fetch by hand.
    const defaultHeaders = ${headersLiteral};
    const credentialsOf = (text) => {
      let headers;
      try {
        headers = text ? JSON.parse(text) : {};
      } catch {
        return undefined;
      }
      if (headers === null || typeof headers !== 'object') return undefined;
      const named = (name) => Object.keys(headers).filter((key) => key.toLowerCase() === name).map((key) => String(headers[key])).join(',');
      return JSON.stringify([named('x-api-key'), named('authorization')]);
    };
    const Page = () => {
      const [fetcher, setFetcher] = React.useState(() => makeFetcher());
      const credentials = React.useRef(credentialsOf(defaultHeaders));
      const pending = React.useRef(undefined);
      const onEditHeaders = React.useCallback((text) => {
        const next = credentialsOf(text);
        // Half-typed JSON or an edit of other headers: the schema stays as it is.
        if (next === undefined || next === credentials.current) return;
        credentials.current = next;
        clearTimeout(pending.current);
        pending.current = setTimeout(() => setFetcher(() => makeFetcher()), 400);
      }, []);
      return React.createElement(GraphiQL, {
        fetcher,
        onEditHeaders,
        defaultEditorToolsVisibility: true,
        defaultTabs: ${tabsLiteral},
        ...(defaultHeaders === undefined ? {} : { defaultHeaders }),
      });
    };
    ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(Page));
  </script>
</body>
</html>
`;
}
