/**
 * `GET /store`: the store screen (apps/store), served by the gateway from what `npm run build` put
 * in dist/store — its own scripts and styles, no CDN, so it works offline. The page is a shell that
 * names the built files and the gateway's settings the app needs; everything else is the app's.
 *
 * With the public development secret (`npm start`), `POST /store/development-token` mints a token
 * for the sign-in page (store staff of a chosen store, or a call-center agent): such a token proves
 * nothing, as the secret is in the source. With a real key source the route does not exist and
 * people paste a token from the identity provider.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STORE_APP_MANIFEST, STORE_APP_OUTDIR, type StoreAppManifest } from '../apps/store/manifest.js';

export interface StoreAppOptions {
  /** The GraphQL endpoint the app queries and subscribes on (same origin). */
  graphqlPath: string;
  /** Mints a development token, or undefined when the gateway verifies real tokens. */
  mintDevelopmentToken?: ((request: DevelopmentTokenRequest) => Promise<string>) | undefined;
  /** Where the built app is. @default dist/store of this project */
  directory?: string;
  /** The identity provider the page signs people in with (authorization code + PKCE), if any. */
  identityProvider?: { issuer: string; clientId: string; scope: string } | undefined;
}

export interface DevelopmentTokenRequest {
  role: 'store' | 'callcenter';
  storeId?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * The page's own origin only: scripts and styles from the gateway, queries to it (HTTP and
 * WebSocket), and the identity provider's discovery and token endpoints when there is one.
 */
function contentSecurityPolicy(identityProvider: StoreAppOptions['identityProvider'], host: string | undefined): string {
  // 'self' covers ws: and wss: to the same host only in browsers of CSP level 3 (older Safari does
  // not): the page's own host is named for WebSockets, from a Host header that is a plain host[:port].
  const sockets = host !== undefined && PLAIN_HOST.test(host) ? [`ws://${host}`, `wss://${host}`] : ['ws:', 'wss:'];
  const connect = ["'self'", ...sockets, ...(identityProvider ? [new URL(identityProvider.issuer).origin] : [])];
  return `default-src 'self'; connect-src ${connect.join(' ')}; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`;
}

const PLAIN_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

const STORE_ID = /^[A-Za-z0-9][\w-]{0,63}$/;

export function registerStoreApp(app: FastifyInstance, options: StoreAppOptions): void {
  const directory = options.directory ?? STORE_APP_OUTDIR;
  // Read for each page served (a small file; a person opens the page once a shift), so a rebuild
  // while the gateway runs is served at once; asset requests check against the last one read.
  let manifest: StoreAppManifest | undefined;
  const readManifest = async (): Promise<StoreAppManifest | undefined> => {
    manifest = await readFile(join(directory, STORE_APP_MANIFEST), 'utf8')
      .then((text) => JSON.parse(text) as StoreAppManifest)
      .catch(() => undefined);
    return manifest;
  };

  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const built = await readManifest();
    reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
    if (!built) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The store app is not built: run `npm run build` (npm start builds it when missing).\n');
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', contentSecurityPolicy(options.identityProvider, request.headers.host))
      .header('referrer-policy', 'no-referrer')
      .send(
        renderShell(built, {
          graphqlPath: options.graphqlPath,
          developmentTokens: options.mintDevelopmentToken !== undefined,
          ...(options.identityProvider ? { identityProvider: options.identityProvider } : {}),
        }),
      );
  };
  app.get('/store', page);
  app.get('/store/', page);

  app.get<{ Params: { file: string } }>('/store/assets/:file', async (request, reply) => {
    const built = manifest ?? (await readManifest());
    const { file } = request.params;
    // Only the files the build listed: no path is ever joined from what a client sent.
    if (!built || !built.files.includes(file)) return reply.status(404).send({ error: 'Not Found' });
    const type = CONTENT_TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
    const content = await readFile(join(directory, file)).catch(() => undefined);
    if (!content) return reply.status(404).send({ error: 'Not Found' });
    // Names carry the content's hash: a file never changes under its name.
    return reply.type(type).header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').send(content);
  });

  const mint = options.mintDevelopmentToken;
  if (mint) {
    app.post<{ Body: unknown }>('/store/development-token', { bodyLimit: 1024 }, async (request, reply) => {
      const body = request.body as { role?: unknown; storeId?: unknown } | null;
      const role = body?.role;
      if (role === 'callcenter') return { token: await mint({ role }) };
      if (role === 'store' && typeof body?.storeId === 'string' && STORE_ID.test(body.storeId)) {
        return { token: await mint({ role, storeId: body.storeId }) };
      }
      return reply.status(400).send({ error: 'Bad Request', message: 'send {"role":"store","storeId":"store-01"} or {"role":"callcenter"}' });
    });
  }
}

interface ShellSettings {
  graphqlPath: string;
  developmentTokens: boolean;
  identityProvider?: { issuer: string; clientId: string; scope: string };
}

function renderShell(manifest: StoreAppManifest, settings: ShellSettings): string {
  // JSON in a non-executed script element: "<" escaped so no text can close it.
  const settingsJson = JSON.stringify(settings).replace(/</g, '\\u003c');
  const assets = (name: string) => `/store/assets/${encodeURIComponent(name)}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Store · Omnichannel</title>
  <link rel="stylesheet" href="${assets(manifest.css)}">
  <script type="application/json" id="store-settings">${settingsJson}</script>
  <script type="module" src="${assets(manifest.js)}"></script>
</head>
<body>
  <div id="store-app"></div>
  <noscript>The store screen needs JavaScript.</noscript>
</body>
</html>
`;
}
