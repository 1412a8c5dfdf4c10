/**
 * Identity at the gateway: bearer JWTs on /graphql and /graphql/stream are verified (key source,
 * algorithm, issuer, audience, expiry with clock skew) and every bad one is refused with 401
 * before anything runs; requests without a token stay anonymous and are answered as before.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignJWT, base64url, decodeJwt, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import { postGraphQL, startGraph, type GraphQLResponse, type TestGraph } from '../support/graph.js';

const PLAIN_QUERY = '{ products(first: 1) { totalCount } }';
const ISSUER = 'omnichannel-dev';
const AUDIENCE = 'omnichannel-graph';
const ANOTHER_SECRET = 'a-different-secret-of-at-least-32-characters';

interface TokenSpec {
  claims?: JWTPayload;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative is in the past. */
  expiresIn?: number;
  sub?: string;
}

const now = () => Math.floor(Date.now() / 1000);

function claimsOf(spec: TokenSpec): SignJWT {
  return new SignJWT({ scope: 'callcenter', ...spec.claims })
    .setSubject(spec.sub ?? 'agent-007')
    .setIssuer(spec.issuer ?? ISSUER)
    .setAudience(spec.audience ?? AUDIENCE)
    .setIssuedAt(now() - 120)
    .setExpirationTime(now() + (spec.expiresIn ?? 600));
}

async function hs256(spec: TokenSpec = {}, secret = DEVELOPMENT_JWT_SECRET): Promise<string> {
  return claimsOf(spec).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

async function signed(alg: 'RS256' | 'ES256', privateKey: CryptoKey, kid: string, spec: TokenSpec = {}): Promise<string> {
  return claimsOf(spec).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(privateKey);
}

/** An unsecured JWT (RFC 7519 §6): header {"alg":"none"}, the claims, an empty signature. */
function unsecured(): string {
  const part = (value: object) => base64url.encode(JSON.stringify(value));
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'agent-007', scope: 'callcenter', iss: ISSUER, aud: AUDIENCE, exp: now() + 600 })}.`;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function postWithHeaders(url: string, headers: Record<string, string>): Promise<GraphQLResponse & { wwwAuthenticate: string | null; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query: PLAIN_QUERY }),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    wwwAuthenticate: response.headers.get('www-authenticate'),
    body: JSON.parse(text) as GraphQLResponse['body'],
    text,
  };
}

/** A 401 UNAUTHENTICATED with the Bearer challenge, a message matching `why`, and not a character of the token. */
async function expectRefused(url: string, headers: Record<string, string>, why: RegExp): Promise<void> {
  const answer = await postWithHeaders(url, headers);
  expect(answer.status).toBe(401);
  expect(answer.wwwAuthenticate).toMatch(/^Bearer error="invalid_token"/);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
  expect(answer.body.errors![0]!.message).toMatch(why);
  const token = headers.authorization?.replace(/^\S+\s+/, '');
  if (token && token.length > 8) {
    for (const part of token.split('.').filter((p) => p.length > 8)) expect(answer.text).not.toContain(part);
  }
}

async function expectAnswered(url: string, headers: Record<string, string>): Promise<void> {
  const answer = await postWithHeaders(url, headers);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  expect(answer.body.data).toEqual({ products: { totalCount: expect.any(Number) } });
}

describe('bearer tokens with the development secret (the all-in-one default)', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('answers a request without a token as before, anonymously', async () => {
    await expectAnswered(graph.gatewayUrl, {});
  });

  it('answers a request with a valid token', async () => {
    await expectAnswered(graph.gatewayUrl, bearer(await hs256({ claims: { storeId: 'store-01', scope: 'store:staff stock:write' } })));
  });

  it('refuses an expired token with 401', async () => {
    await expectRefused(graph.gatewayUrl, bearer(await hs256({ expiresIn: -3600 })), /expired/);
  });

  it('refuses a token signed with another secret with 401', async () => {
    await expectRefused(graph.gatewayUrl, bearer(await hs256({}, ANOTHER_SECRET)), /signature does not verify/);
  });

  it('refuses a token for another audience with 401', async () => {
    await expectRefused(graph.gatewayUrl, bearer(await hs256({ audience: 'someone-elses-api' })), /audience/);
  });

  it('refuses a token from another issuer with 401', async () => {
    await expectRefused(graph.gatewayUrl, bearer(await hs256({ issuer: 'https://evil.example' })), /issuer/);
  });

  it('refuses an unsecured token (alg: none) with 401', async () => {
    await expectRefused(graph.gatewayUrl, bearer(unsecured()), /algorithm .*not accept.*HS256/);
  });

  it('refuses an RS256 token when only the HS256 secret is configured', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await expectRefused(graph.gatewayUrl, bearer(await signed('RS256', privateKey, 'rsa-1')), /algorithm .*not accept.*HS256/);
  });

  it('refuses a token without a subject or without an expiry', async () => {
    const noSubject = await claimsOf({}).setSubject('').setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
    await expectRefused(graph.gatewayUrl, bearer(noSubject), /sub/);
    const forever = await new SignJWT({ scope: 'callcenter' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('agent-007')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
    await expectRefused(graph.gatewayUrl, bearer(forever), /exp/);
  });

  it('refuses a malformed Authorization header or token with 401', async () => {
    const valid = await hs256();
    for (const authorization of ['Bearer', 'Bearer ', `Basic ${Buffer.from('a:b').toString('base64')}`, `Token ${valid}`, `Bearer ${valid} extra`, 'Bearer not-a-jwt', 'Bearer a.b.c']) {
      await expectRefused(graph.gatewayUrl, { authorization }, /malformed|must be "Bearer <token>"/);
    }
  });

  it('accepts a token expired by less than the clock skew, and refuses one expired by more', async () => {
    await expectAnswered(graph.gatewayUrl, bearer(await hs256({ expiresIn: -10 })));
    await expectRefused(graph.gatewayUrl, bearer(await hs256({ expiresIn: -60 })), /expired/);
  });

  it('refuses a token issued in the future beyond the clock skew, and accepts one within it', async () => {
    const issuedIn = (seconds: number) =>
      claimsOf({}).setIssuedAt(now() + seconds).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
    await expectRefused(graph.gatewayUrl, bearer(await issuedIn(3_600)), /not valid yet.*iat/);
    await expectRefused(graph.gatewayUrl, bearer(await issuedIn(60)), /not valid yet.*iat/);
    await expectAnswered(graph.gatewayUrl, bearer(await issuedIn(10)));
  });

  it('refuses a token that lives longer than JWT_MAX_TOKEN_AGE (24 h by default), with or without iat', async () => {
    const secret = new TextEncoder().encode(DEVELOPMENT_JWT_SECRET);
    const year9999 = Date.UTC(9999, 0, 1) / 1000;
    await expectRefused(graph.gatewayUrl, bearer(await claimsOf({}).setExpirationTime(year9999).setProtectedHeader({ alg: 'HS256' }).sign(secret)), /lifetime/);
    const withoutIat = (expiresIn: number) =>
      new SignJWT({ scope: 'callcenter' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('agent-007')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime(now() + expiresIn)
        .sign(secret);
    await expectRefused(graph.gatewayUrl, bearer(await withoutIat(25 * 3_600)), /lifetime/);
    await expectAnswered(graph.gatewayUrl, bearer(await withoutIat(23 * 3_600)));
    // Issued 2 h ago for 25 h: 23 h left, but a 25 h lifetime.
    const issuedLongAgo = await claimsOf({}).setIssuedAt(now() - 2 * 3_600).setExpirationTime(now() + 23 * 3_600).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    await expectRefused(graph.gatewayUrl, bearer(issuedLongAgo), /lifetime/);
    await expectAnswered(graph.gatewayUrl, bearer(await claimsOf({}).setIssuedAt(now()).setExpirationTime(now() + 24 * 3_600).setProtectedHeader({ alg: 'HS256' }).sign(secret)));
  });

  it('accepts the GraphiQL development token (8 h) under the default lifetime cap', async () => {
    const page = await fetch(graph.gatewayUrl, { headers: { accept: 'text/html' } });
    const token = /Bearer ([\w-]+\.[\w-]+\.[\w-]+)/.exec(await page.text())?.[1];
    expect(token).toBeDefined();
    const claims = decodeJwt(token!);
    expect(claims.exp! - claims.iat!).toBe(8 * 3_600);
    await expectAnswered(graph.gatewayUrl, bearer(token!));
  });

  it('checks tokens on the SSE endpoint too', async () => {
    const response = await fetch(new URL('/graphql/stream', graph.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...bearer(await hs256({ expiresIn: -3600 })) },
      body: JSON.stringify({ query: 'subscription { __typename }' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(((await response.json()) as GraphQLResponse['body']).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('leaves the partners endpoint to its API keys', async () => {
    const { key } = await graph.gateway.partners!.addPartner('Bearer-blind marketplace', 'pro');
    const publicUrl = new URL('/public/graphql', graph.gatewayUrl).href;
    const { status, body } = await postGraphQL(publicUrl, PLAIN_QUERY, undefined, { 'x-api-key': key, authorization: 'Bearer not-a-jwt' });
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });

  it('npm run token mints a token the gateway accepts, with the scopes, subject and store asked for', async () => {
    const env = { ...process.env, JWT_SECRET: '', JWKS_PATH: '', JWKS_URL: '', JWT_ISSUER: '', JWT_AUDIENCE: '' };
    const { stdout } = await promisify(execFile)(
      join('node_modules', '.bin', 'tsx'),
      ['gateway/identity/mint-token.ts', '--scope', 'store:staff', '--scope', 'stock:write', '--sub', 'staff-042', '--store', 'store-01', '--expires-in', '15m'],
      { env },
    );
    const token = stdout.trim();
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'staff-042', scope: 'store:staff stock:write', storeId: 'store-01', iss: ISSUER, aud: AUDIENCE });
    expect(claims.exp! - now()).toBeGreaterThan(14 * 60);
    expect(claims.exp! - now()).toBeLessThanOrEqual(15 * 60);
    await expectAnswered(graph.gatewayUrl, bearer(token));
  });

  it('npm run token refuses an --expires-in the gateway would refuse, naming JWT_MAX_TOKEN_AGE', async () => {
    const env = { ...process.env, JWT_SECRET: '', JWKS_PATH: '', JWKS_URL: '', JWT_MAX_TOKEN_AGE: '' };
    const mint = (expiresIn: string, extra: NodeJS.ProcessEnv = {}) =>
      promisify(execFile)(join('node_modules', '.bin', 'tsx'), ['gateway/identity/mint-token.ts', '--scope', 'callcenter', '--expires-in', expiresIn], { env: { ...env, ...extra } }).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    const refused = await mint('7d');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/JWT_MAX_TOKEN_AGE/);
    const allowed = await mint('7d', { JWT_MAX_TOKEN_AGE: '7d' });
    expect(allowed.code).toBe(0);
    const day = await mint('24h');
    expect(day.code).toBe(0);
    await expectAnswered(graph.gatewayUrl, bearer(day.stdout.trim()));
  });
});

describe('bearer tokens with a JWKS file', () => {
  let graph: TestGraph;
  let folder: string;
  let trusted: CryptoKey;
  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    trusted = privateKey;
    folder = mkdtempSync(join(tmpdir(), 'identity-test-'));
    const jwksPath = join(folder, 'jwks.json');
    writeFileSync(jwksPath, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'es-1', alg: 'ES256', use: 'sig' }] }));
    graph = await startGraph({ gatewayEnv: { JWKS_PATH: jwksPath, JWT_ISSUER: 'https://id.example', JWT_AUDIENCE: 'https://graph.example' } });
  });
  afterAll(async () => {
    await graph?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });
  const production = { issuer: 'https://id.example', audience: 'https://graph.example' };

  it('answers a request with an ES256 token signed by a key of the set', async () => {
    await expectAnswered(graph.gatewayUrl, bearer(await signed('ES256', trusted, 'es-1', production)));
  });

  it('refuses an ES256 token signed by a key outside the set', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await expectRefused(graph.gatewayUrl, bearer(await signed('ES256', privateKey, 'es-1', production)), /signature does not verify/);
    await expectRefused(graph.gatewayUrl, bearer(await signed('ES256', privateKey, 'es-unknown', production)), /key this gateway does not know/);
  });

  it('refuses an HS256 token, even one signed with the development secret', async () => {
    await expectRefused(graph.gatewayUrl, bearer(await hs256(production)), /algorithm .*not accept.*RS256, ES256/);
  });

  it('refuses a token with the development issuer and audience', async () => {
    await expectRefused(graph.gatewayUrl, bearer(await signed('ES256', trusted, 'es-1')), /issuer|audience/);
  });
});

describe('bearer tokens on a gateway with no key source', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    // An empty JWT_SECRET names "no key source" and keeps the all-in-one from adding the development one.
    graph = await startGraph({ gatewayEnv: { JWT_SECRET: '' } });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('refuses any token with 401 "not configured" and still answers anonymous requests', async () => {
    await expectRefused(graph.gatewayUrl, bearer(await hs256()), /not configured/);
    await expectAnswered(graph.gatewayUrl, {});
  });
});
