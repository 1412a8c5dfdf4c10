/**
 * GET /store and its assets, and the development sign-in's token route, over real HTTP: the page
 * names only the gateway's own files, the files served are exactly the build's, a token minted on
 * the development secret opens the store's data, and nothing of it exists with a real key source.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerStoreApp } from '../../gateway/store-app.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { gatewayPath, startGatewayAgainst } from './helpers.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.close());

const open = (path: string, init?: RequestInit) => fetch(gatewayPath(graph.gatewayUrl, path), init);
const mint = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  open('/store/development-token', { method: 'POST', headers, body });

describe('the store screen’s routes', () => {
  it('serves the page with its own hashed script and style sheet, under a same-origin content security policy', async () => {
    const page = await open('/store');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("default-src 'self'");
    // WebSockets to this host only (not any ws: URL).
    const host = new URL(graph.gatewayUrl).host;
    expect(policy).toContain(`connect-src 'self' ws://${host} wss://${host};`);
    const html = await page.text();
    const assets = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toHaveLength(2);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/store\/assets\/app-[A-Z0-9]+\.(js|css)$/);
      const file = await open(asset);
      expect(file.status).toBe(200);
      expect(file.headers.get('cache-control')).toContain('immutable');
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect(JSON.parse(/<script type="application\/json" id="store-settings">(.*?)<\/script>/.exec(html)![1]!)).toEqual({ graphqlPath: '/graphql', developmentTokens: true });
  });

  it('names no host in its policy from a Host header that is not a plain host', async () => {
    const app = Fastify();
    registerStoreApp(app, { graphqlPath: '/graphql' });
    try {
      const response = await app.inject({ method: 'GET', url: '/store', headers: { host: "evil; script-src 'unsafe-inline'" } });
      const policy = String(response.headers['content-security-policy']);
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).toContain("connect-src 'self' ws: wss:;");
    } finally {
      await app.close();
    }
  });

  it('serves no file the build did not list, whatever the path', async () => {
    for (const path of ['/store/assets/manifest.json', '/store/assets/..%2F..%2Fpackage.json', '/store/assets/%2E%2E%2Fmanifest.json', '/store/assets/app.js']) {
      expect((await open(path)).status, path).toBe(404);
    }
  });

  it('mints, on the development secret, a store-staff token that reads that store and only that store', async () => {
    const response = await mint(JSON.stringify({ role: 'store', storeId: 'store-02' }));
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const authorization = { authorization: `Bearer ${token}` };
    const own = await postGraphQL<{ location: { stock: { totalCount: number } } }>(graph.gatewayUrl, '{ location(id: "store-02") { stock(first: 1) { totalCount } } }', {}, authorization);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.location.stock.totalCount).toBeGreaterThan(0);
    const other = await postGraphQL(graph.gatewayUrl, '{ location(id: "store-03") { stock(first: 1) { totalCount } } }', {}, authorization);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const agent = (await (await mint(JSON.stringify({ role: 'callcenter' }))).json()) as { token: string };
    const anyStore = await postGraphQL(graph.gatewayUrl, '{ location(id: "store-03") { stock(first: 1) { totalCount } } }', {}, { authorization: `Bearer ${agent.token}` });
    expect(anyStore.body.errors).toBeUndefined();
  });

  it('refuses a request it cannot mint for with 400, and a body over its limit with 413', async () => {
    for (const body of ['{}', '{"role":"store"}', '{"role":"store","storeId":"../x"}', '{"role":"admin"}', 'null', '{"role":"store","storeId":' + JSON.stringify('s'.repeat(65)) + '}']) {
      expect((await mint(body)).status, body).toBe(400);
    }
    expect((await mint('not json')).status).toBe(400);
    expect((await mint(JSON.stringify({ role: 'callcenter', padding: 'x'.repeat(4096) }))).status).toBe(413);
  });

  it('has no token route when the gateway verifies real tokens, and says so on the page', async () => {
    const gateway = await startGatewayAgainst(graph, { JWT_SECRET: 'a-real-deployment-secret-of-enough-length-0123456789' });
    try {
      const response = await fetch(new URL('/store/development-token', gateway.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"callcenter"}' });
      expect(response.status).toBe(404);
      const html = await (await fetch(new URL('/store', gateway.url))).text();
      expect(html).toContain('"developmentTokens":false');
    } finally {
      await gateway.close();
    }
  });

  it('is not served when STORE_APP=false', async () => {
    const gateway = await startGatewayAgainst(graph, { JWT_SECRET: 'a-real-deployment-secret-of-enough-length-0123456789', STORE_APP: 'false' });
    try {
      expect((await fetch(new URL('/store', gateway.url))).status).toBe(404);
    } finally {
      await gateway.close();
    }
  });

  it('answers 503 with what to run while the app is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'store-app-unbuilt-'));
    const app = Fastify();
    registerStoreApp(app, { graphqlPath: '/graphql', directory: empty });
    try {
      const response = await app.inject({ method: 'GET', url: '/store' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build');
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
