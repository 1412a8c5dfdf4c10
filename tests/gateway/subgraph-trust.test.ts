/**
 * Subgraphs trust the gateway only: a request must carry the gateway's short-lived signed vouching
 * for its principal (x-omnichannel-principal over HTTP, principalToken over WebSocket), so one sent
 * straight to a subgraph is refused; and the gateway never lets a client's own headers through,
 * vouching only for the principal of the client's verified bearer token.
 */
import { execFile } from 'node:child_process';
import type { IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import { SignJWT, base64url, decodeJwt, decodeProtectedHeader } from 'jose';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.js';
import { createGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import { createInternalTokenSigner } from '../../gateway/identity/internal-token.js';
import { mintDevelopmentToken } from '../../gateway/identity/mint-token.js';
import type { AuthenticatedPrincipal } from '../../gateway/identity/principal.js';
import { inventorySubgraph } from '../../subgraphs/inventory/index.js';
import {
  INTERNAL_TOKEN_AUDIENCE,
  INTERNAL_TOKEN_ISSUER,
  PRINCIPAL_HEADER,
  createInternalPrincipalVerifier,
} from '../../platform/internal-principal.js';
import { SEED_SCALE } from '../inventory/harness.js';
import { ADJUST_STOCK, createLevelPicker, newKey, type StockPayloadBody } from '../inventory/stock-mutation-support.js';
import { TEST_INTERNAL_TOKEN_SECRET, TEST_OPERATOR, startTestSubgraph, vouchFor, type TestSubgraph } from '../support/subgraph.js';
import { subscribeOverWebSocket } from '../support/subscribers.js';
import { deadSubgraphUrl, fakeSubgraph, send, type HttpAnswer, type StandIn } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LOCATIONS = '{ locations(first: 2) { id } }';
const STOCK_WATCH = 'subscription ($skus: [ID!], $after: Int) { stockChanged(skus: $skus, after: $after) { sequence } }';
const ANOTHER_SECRET = 'another-secret-that-is-at-least-32-characters';
const secondsFromNow = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

/** A vouching as the gateway would write it, with one thing changed. */
function internalToken(change: { secret?: string; audience?: string; expiresAt?: number } = {}): Promise<string> {
  return new SignJWT({ scope: 'callcenter stock:write' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('staff-operator')
    .setIssuer(INTERNAL_TOKEN_ISSUER)
    .setAudience(change.audience ?? INTERNAL_TOKEN_AUDIENCE)
    .setIssuedAt(secondsFromNow(-120))
    .setExpirationTime(change.expiresAt ?? secondsFromNow(60))
    .sign(new TextEncoder().encode(change.secret ?? TEST_INTERNAL_TOKEN_SECRET));
}

/** An unsecured JWT (RFC 7519 §6) claiming everything the real one would. */
function unsecuredToken(): string {
  const part = (value: object) => base64url.encode(JSON.stringify(value));
  const claims = { sub: 'staff-operator', scope: 'callcenter stock:write', iss: INTERNAL_TOKEN_ISSUER, aud: INTERNAL_TOKEN_AUDIENCE, exp: secondsFromNow(60) };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

const postTo = (url: string, headers: Record<string, string>, query = LOCATIONS): Promise<HttpAnswer> =>
  send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

/** 401 UNAUTHORIZED saying to come through the gateway, with nothing run and not a piece of the token in it. */
function expectRefused(answer: HttpAnswer, token?: string): void {
  expect(answer.status).toBe(401);
  expect(answer.json?.data).toBeUndefined();
  expect(answer.json?.errors).toEqual([{ message: expect.stringMatching(/must come through the gateway/), extensions: { code: 'UNAUTHORIZED' } }]);
  for (const part of (token ?? '').split('.').filter((p) => p.length > 8)) expect(answer.text).not.toContain(part);
}

/** Runs an entry point as its npm script would and returns how it ended. */
function runScript(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 30_000 }, (error, _stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }),
    );
  });
}

describe('a request sent straight to a subgraph', () => {
  let inventory: TestSubgraph;
  beforeAll(async () => {
    inventory = await startTestSubgraph(inventorySubgraph, SEED_SCALE);
  });
  afterAll(async () => {
    await inventory?.close();
  });

  it('is refused with 401 UNAUTHORIZED without the gateway’s vouching', async () => {
    const before = inventory.subgraph.stats.database.statements;
    expectRefused(await postTo(inventory.subgraph.url, {}));
    expectRefused(await send(`${inventory.subgraph.url}?query=${encodeURIComponent(LOCATIONS)}`));
    expect(inventory.subgraph.stats.database.statements).toBe(before);
  });

  it('is refused when the vouching is signed with another secret', async () => {
    const token = await internalToken({ secret: ANOTHER_SECRET });
    expectRefused(await postTo(inventory.subgraph.url, { [PRINCIPAL_HEADER]: token }), token);
  });

  it('is refused when the vouching has expired', async () => {
    const token = await internalToken({ expiresAt: secondsFromNow(-30) });
    expectRefused(await postTo(inventory.subgraph.url, { [PRINCIPAL_HEADER]: token }), token);
  });

  it('is refused when the vouching is unsecured (alg: none)', async () => {
    const token = unsecuredToken();
    expectRefused(await postTo(inventory.subgraph.url, { [PRINCIPAL_HEADER]: token }), token);
  });

  it('is refused when the token, though signed with the secret, is meant for another audience', async () => {
    const token = await internalToken({ audience: 'omnichannel-graph' });
    expectRefused(await postTo(inventory.subgraph.url, { [PRINCIPAL_HEADER]: token }), token);
  });

  it('is answered when the gateway vouches for it, and health checks need no vouching', async () => {
    const answer = await postTo(inventory.subgraph.url, await vouchFor(TEST_OPERATOR));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ data: { locations: [{ id: expect.any(String) }, { id: expect.any(String) }] } });
    const anonymous = await postTo(inventory.subgraph.url, await vouchFor({ authenticated: false, scopes: [] }));
    expect(anonymous.status).toBe(200);
    expect((await send(new URL('/health', inventory.subgraph.url).href)).status).toBe(200);
  });

  it('refuses a WebSocket subscription without a valid principalToken, and serves one with it', async () => {
    const wsUrl = inventory.subgraph.url.replace(/^http/, 'ws');
    const level = createLevelPicker()('any');
    const subscribeWith = (connectionParams?: Record<string, unknown>) =>
      subscribeOverWebSocket<{ stockChanged: { sequence: number } }>(
        inventory.subgraph.url,
        STOCK_WATCH,
        { skus: [level.sku], after: 0 },
        createWsClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, ...(connectionParams ? { connectionParams } : {}) }),
      );
    const before = inventory.subgraph.stats.subscriptions;
    for (const refused of [subscribeWith(), subscribeWith({ principalToken: await internalToken({ secret: ANOTHER_SECRET }) }), subscribeWith({ principalToken: unsecuredToken() })]) {
      await refused.ended();
      expect(refused.error).toBeDefined();
      expect(refused.results).toEqual([]);
      await refused.stop();
    }
    expect(inventory.subgraph.stats.subscriptions).toBe(before);

    const adjusted = await inventory.query<{ adjustStock: StockPayloadBody }>(ADJUST_STOCK, { input: { ...level, delta: 1, reason: 'RESTOCK' }, key: newKey() });
    const sequence = adjusted.data!.adjustStock.changes[0]!.sequence;
    const vouched = subscribeWith({ principalToken: await internalToken() });
    try {
      await vouched.waitFor((results) => results.some((r) => r.data?.stockChanged.sequence === sequence));
      expect(vouched.error).toBeUndefined();
    } finally {
      await vouched.stop();
    }
  });
});

describe('the gateway’s vouching', () => {
  const GATEWAY_SECRET = 'the-gateway-test-internal-token-secret';
  const verify = createInternalPrincipalVerifier(GATEWAY_SECRET);
  let catalog: StandIn;
  let gateway: RunningGateway;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    // A catalog that notes the headers of each fetch and answers an empty category list.
    catalog = await fakeSubgraph((request, response) => {
      seen.push(request.headers);
      request.resume();
      request.on('end', () => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ data: { categories: [] } }));
      });
    });
    const elsewhere = await deadSubgraphUrl();
    gateway = await createGateway(
      loadGatewayConfig({
        LOG_LEVEL: 'silent',
        PORT: '0',
        HOST: '127.0.0.1',
        SUPERGRAPH_WATCH: 'false',
        PUBLIC_SUPERGRAPH_PATH: 'off',
        JWT_SECRET: DEVELOPMENT_JWT_SECRET,
        INTERNAL_TOKEN_SECRET: GATEWAY_SECRET,
        CATALOG_URL: catalog.url,
        INVENTORY_URL: elsewhere,
        CUSTOMER_URL: elsewhere,
        PROMOTIONS_URL: elsewhere,
        REVIEWS_URL: elsewhere,
      }),
    );
  });
  afterAll(async () => {
    await gateway?.close();
    await catalog?.close();
  });

  /** Asks for categories with the client's headers; returns the headers the catalog got. */
  async function fetchSeenBy(headers: Record<string, string>): Promise<IncomingHttpHeaders> {
    seen.length = 0;
    const answer = await postTo(gateway.url, headers, '{ categories { id } }');
    expect(answer.json).toEqual({ data: { categories: [] } });
    expect(seen).toHaveLength(1);
    return seen[0]!;
  }

  it('carries the bearer token’s principal, never the client’s Authorization or its own forged vouching', async () => {
    const bearer = await mintDevelopmentToken({
      secret: DEVELOPMENT_JWT_SECRET,
      issuer: 'omnichannel-dev',
      audience: 'omnichannel-graph',
      subject: 'cust-00042',
      scopes: ['customer'],
      expiresIn: '10m',
    });
    // Signed with the very secret the subgraphs use: only the header's origin gives it away.
    const forged = (await vouchFor({ authenticated: true, subject: 'staff-operator', scopes: ['callcenter', 'stock:write'], storeId: 'store-01' }, GATEWAY_SECRET))[
      PRINCIPAL_HEADER
    ]!;
    const headers = await fetchSeenBy({ authorization: `Bearer ${bearer}`, [PRINCIPAL_HEADER]: forged, cookie: 'session=abc' });
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    const vouching = headers[PRINCIPAL_HEADER];
    expect(typeof vouching).toBe('string');
    expect(vouching).not.toBe(forged);
    expect(await verify(vouching as string)).toEqual({ authenticated: true, subject: 'cust-00042', scopes: ['customer'] });
    // Nothing of the client's own token travels on, in any header.
    for (const value of Object.values(headers)) expect(String(value)).not.toContain(bearer.split('.')[1]!);
  });

  it('vouches for an anonymous caller as anonymous, whatever vouching the caller sends', async () => {
    const forged = (await vouchFor(TEST_OPERATOR, GATEWAY_SECRET))[PRINCIPAL_HEADER]!;
    const headers = await fetchSeenBy({ [PRINCIPAL_HEADER]: forged });
    expect(headers[PRINCIPAL_HEADER]).not.toBe(forged);
    expect(await verify(headers[PRINCIPAL_HEADER] as string)).toEqual({ authenticated: false, scopes: [] });
  });
});

describe('the vouching token', () => {
  const T0 = Date.UTC(2030, 0, 1);
  const agent = (expiresInSeconds: number): AuthenticatedPrincipal => ({
    authenticated: true,
    subject: 'agent-007',
    scopes: ['callcenter', 'stock:write'],
    storeId: 'store-03',
    expiresAt: new Date(T0 + expiresInSeconds * 1000),
  });

  it('says who, for at most a minute and never beyond the bearer token, signed HS256 for the subgraphs', async () => {
    const signer = createInternalTokenSigner(TEST_INTERNAL_TOKEN_SECRET, { now: () => T0 });
    const longLived = await signer.tokenFor(agent(3600));
    expect(decodeProtectedHeader(longLived).alg).toBe('HS256');
    expect(decodeJwt(longLived)).toEqual({
      iss: 'omnichannel-gateway',
      aud: 'omnichannel-subgraphs',
      sub: 'agent-007',
      scope: 'callcenter stock:write',
      storeId: 'store-03',
      iat: T0 / 1000,
      exp: T0 / 1000 + 60,
    });
    expect(decodeJwt(await signer.tokenFor(agent(10))).exp).toBe(T0 / 1000 + 10);
    const anonymous = decodeJwt(await signer.tokenFor());
    expect(anonymous.sub).toBeUndefined();
    expect(anonymous.exp).toBe(T0 / 1000 + 60);
  });

  it('reuses a token for the same principal for half its life, then signs a new one', async () => {
    let now = T0;
    const signer = createInternalTokenSigner(TEST_INTERNAL_TOKEN_SECRET, { now: () => now });
    const first = await signer.tokenFor(agent(3600));
    now += 29_000;
    expect(await signer.tokenFor(agent(3600))).toBe(first);
    expect(await signer.tokenFor({ ...agent(3600), scopes: ['callcenter'] })).not.toBe(first);
    now += 2_000;
    const renewed = await signer.tokenFor(agent(3600));
    expect(renewed).not.toBe(first);
    expect(decodeJwt(renewed).exp).toBe(now / 1000 + 60);
    // The same identity with a bearer token that ends sooner gets a token that ends with it.
    expect(decodeJwt(await signer.tokenFor(agent(40))).exp).toBe(T0 / 1000 + 40);
  });

  it('refuses to sign with a secret shorter than 32 characters', () => {
    expect(() => createInternalTokenSigner('too-short')).toThrow(/INTERNAL_TOKEN_SECRET.*32/);
  });
});

describe('starting without INTERNAL_TOKEN_SECRET', () => {
  it('stops the gateway alone with one line naming the variable', async () => {
    const { code, stderr } = await runScript(['gateway/main.ts'], { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', INTERNAL_TOKEN_SECRET: '' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('INTERNAL_TOKEN_SECRET')]);
  });

  it('stops a subgraph alone with one line naming the variable', async () => {
    const { code, stderr } = await runScript(['subgraphs/main.ts', 'catalog'], { PORT: '0', INTERNAL_TOKEN_SECRET: '' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('INTERNAL_TOKEN_SECRET')]);
  });
});
