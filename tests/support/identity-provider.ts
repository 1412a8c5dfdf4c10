/**
 * A small OpenID provider for tests of sign-in through an identity provider: discovery, an
 * authorization endpoint that signs in a chosen user at once (as a provider with a live session
 * would), a token endpoint that checks the code, the redirect URI and the PKCE verifier, and the
 * JWKS the gateway verifies its access tokens with. It keeps what it was asked, for assertions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface TestUser {
  sub: string;
  scope: string;
  storeId?: string;
}

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  jwksUrl: string;
  /** Who the next authorization signs in. */
  user: TestUser;
  /** Token requests refused, with why (a bad verifier, a reused code...). */
  refusals: string[];
  /** How long its access tokens live (a jose span). @default '1h' */
  accessTokenLife: string;
  /** Refresh token grants answered. */
  refreshes: number;
  close(): Promise<void>;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

export async function startIdentityProvider(options: { audience: string; clientId?: string }): Promise<TestIdentityProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-1', alg: 'RS256', use: 'sig' };
  const clientId = options.clientId ?? 'store-screen';
  const codes = new Map<string, { challenge: string; redirectUri: string; user: TestUser }>();
  const refreshTokens = new Map<string, TestUser>();
  const provider: TestIdentityProvider = {
    issuer: '',
    clientId,
    jwksUrl: '',
    user: { sub: 'staff-1', scope: 'store:staff', storeId: 'store-01' },
    refusals: [],
    accessTokenLife: '1h',
    refreshes: 0,
    close: async () => {},
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', provider.issuer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': '*' });
      return response.end();
    }
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: provider.issuer,
        authorization_endpoint: `${provider.issuer}/authorize`,
        token_endpoint: `${provider.issuer}/token`,
        jwks_uri: provider.jwksUrl,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri');
      if (q.get('response_type') !== 'code' || q.get('client_id') !== clientId || !redirectUri || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
        return json(400, { error: 'invalid_request' });
      }
      const code = base64url(randomBytes(24));
      codes.set(code, { challenge: q.get('code_challenge')!, redirectUri, user: provider.user });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      response.writeHead(302, { location: back.href });
      return response.end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        void (async () => {
          const form = new URLSearchParams(body);
          const sign = (user: TestUser, claims: Record<string, unknown>, audience: string, life: string) =>
            new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-1' }).setIssuer(provider.issuer).setSubject(user.sub).setAudience(audience).setIssuedAt().setExpirationTime(life).sign(privateKey);
          const accessToken = (user: TestUser) => sign(user, { scope: user.scope, ...(user.storeId ? { storeId: user.storeId } : {}) }, options.audience, provider.accessTokenLife);
          const newRefreshToken = (user: TestUser) => {
            const token = base64url(randomBytes(24));
            refreshTokens.set(token, user);
            return token;
          };
          if (form.get('grant_type') === 'refresh_token') {
            const refreshToken = form.get('refresh_token') ?? '';
            const user = refreshTokens.get(refreshToken);
            // Rotated: each refresh token is good once.
            refreshTokens.delete(refreshToken);
            if (!user || form.get('client_id') !== clientId) {
              provider.refusals.push('unknown or used refresh token');
              return json(400, { error: 'invalid_grant' });
            }
            provider.refreshes++;
            return json(200, { access_token: await accessToken(user), refresh_token: newRefreshToken(user), token_type: 'Bearer', expires_in: 60 });
          }
          const code = form.get('code') ?? '';
          const granted = codes.get(code);
          codes.delete(code);
          const refuse = (why: string) => {
            provider.refusals.push(why);
            json(400, { error: 'invalid_grant', error_description: why });
          };
          if (form.get('grant_type') !== 'authorization_code') return refuse('grant_type');
          if (!granted) return refuse('unknown or used code');
          if (form.get('redirect_uri') !== granted.redirectUri) return refuse('redirect_uri differs');
          if (form.get('client_id') !== clientId) return refuse('client_id');
          const verifier = form.get('code_verifier') ?? '';
          if (base64url(createHash('sha256').update(verifier).digest()) !== granted.challenge) return refuse('PKCE verifier does not match');
          const { user } = granted;
          json(200, {
            access_token: await accessToken(user),
            refresh_token: newRefreshToken(user),
            id_token: await sign(user, {}, clientId, '1h'),
            token_type: 'Bearer',
            expires_in: 3600,
            scope: 'openid',
          });
        })();
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  provider.issuer = `http://127.0.0.1:${port}`;
  provider.jwksUrl = `${provider.issuer}/jwks`;
  provider.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return provider;
}
