import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATEWAY_VARIABLES, GatewayConfigError, loadGatewayConfig } from '../../gateway/config.js';
import { SUPERGRAPH_PATH } from '../../schema/subgraphs.js';

describe('gateway configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    // toMatchObject: each feature's own tests check its options' defaults.
    expect(loadGatewayConfig({})).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      supergraphPath: SUPERGRAPH_PATH,
      watchSupergraph: true,
      subgraphTimeoutMs: 10_000,
      healthCheckTimeoutMs: 2_000,
      maxBodyBytes: 1_048_576,
      documentCacheSize: 1_000,
      subscriptionMaxBacklog: 500,
      logLevel: 'info',
      corsOrigins: '*',
      apqCacheBytes: 16 * 1024 * 1024,
      metrics: true,
      introspection: true,
      graphiql: true,
      publicSupergraphPath: resolve('schema/public-supergraph.graphql'),
      publicSafelistPath: undefined,
    });
  });

  it('overrides no subgraph URL by default: each subgraph is where the supergraph says', () => {
    expect(loadGatewayConfig({}).subgraphUrls).toEqual({});
  });

  it('reads each option from its variable', () => {
    const config = loadGatewayConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      SUPERGRAPH_WATCH: 'false',
      REVIEWS_URL: 'https://reviews.internal/graphql',
      SUBGRAPH_TIMEOUT_MS: '2500',
      SUBGRAPH_REVIEWS_TIMEOUT_MS: '800',
      MAX_BODY_BYTES: '2048',
      LOG_LEVEL: 'silent',
    });
    expect(config).toMatchObject({ port: 0, host: '127.0.0.1', watchSupergraph: false, subgraphTimeoutMs: 2_500, maxBodyBytes: 2_048, logLevel: 'silent' });
    expect(config.subgraphUrls.reviews).toBe('https://reviews.internal/graphql');
    expect(config.subgraphTimeoutsMs).toEqual({ reviews: 800 });
  });

  it('treats an empty variable as not set', () => {
    const config = loadGatewayConfig({ PORT: '', CATALOG_URL: '' });
    expect(config.port).toBe(4000);
    expect(config.subgraphUrls).toEqual({});
  });

  it('fails fast naming every invalid variable', () => {
    const load = () => loadGatewayConfig({ PORT: 'eighty', INVENTORY_URL: 'ftp://inventory/graphql', SUBGRAPH_TIMEOUT_MS: '-1' });
    expect(load).toThrow(GatewayConfigError);
    expect(load).toThrow(/PORT/);
    expect(load).toThrow(/INVENTORY_URL/);
    expect(load).toThrow(/SUBGRAPH_TIMEOUT_MS/);
  });

  it.each([
    ['CORS_ORIGINS', 'example.com'],
    ['CORS_ORIGINS', 'https://shop.example,example.com'],
    ['CATALOG_URL', 'not-a-url'],
    ['JWKS_URL', 'id.example/jwks.json'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'localhost:6379'],
    ['JWT_MAX_TOKEN_AGE', 'forever'],
    ['JWT_MAX_TOKEN_AGE', '0'],
    ['SUBGRAPH_CATALOG_TIMEOUT_MS', 'soon'],
    ['STORE_APP_OIDC_ISSUER', 'id.example'],
  ])('reports %s=%s as a configuration error naming it, not a crash', (variable, value) => {
    const load = () => loadGatewayConfig({ [variable]: value });
    expect(load).toThrow(GatewayConfigError);
    expect(load).toThrow(new RegExp(`^Invalid gateway configuration:\n  ${variable}: `));
  });

  it('takes the store screen’s identity provider whole or not at all', () => {
    expect(loadGatewayConfig({}).storeAppIdentityProvider).toBeUndefined();
    expect(loadGatewayConfig({ STORE_APP_OIDC_ISSUER: 'https://id.example', STORE_APP_OIDC_CLIENT_ID: 'store-screen' }).storeAppIdentityProvider).toEqual({
      issuer: 'https://id.example',
      clientId: 'store-screen',
      scope: 'openid',
    });
    for (const half of [{ STORE_APP_OIDC_ISSUER: 'https://id.example' }, { STORE_APP_OIDC_CLIENT_ID: 'store-screen' }]) {
      expect(() => loadGatewayConfig(half)).toThrow(/STORE_APP_OIDC_ISSUER, STORE_APP_OIDC_CLIENT_ID: set both/);
    }
  });

  it('never fails otherwise than with a GatewayConfigError, whatever a variable holds', () => {
    const values = ['not-a-url', 'example.com', 'http://', '://', '-1', '0', '1e999', 'NaN', 'x'.repeat(300), '\u0000', ' ', 'true', 'off', '*', ',', 'https://a.example/path'];
    const crashes: string[] = [];
    for (const variable of GATEWAY_VARIABLES) {
      for (const value of values) {
        try {
          loadGatewayConfig({ [variable]: value });
        } catch (error) {
          if (!(error instanceof GatewayConfigError)) crashes.push(`${variable}=${JSON.stringify(value)}: ${String(error)}`);
        }
      }
    }
    expect(crashes).toEqual([]);
  });

  it('reads JWT_MAX_TOKEN_AGE as seconds or a span, 24 h by default', () => {
    expect(loadGatewayConfig({}).identity.maxTokenAgeSeconds).toBe(86_400);
    expect(loadGatewayConfig({ JWT_MAX_TOKEN_AGE: '3600' }).identity.maxTokenAgeSeconds).toBe(3_600);
    expect(loadGatewayConfig({ JWT_MAX_TOKEN_AGE: '8h' }).identity.maxTokenAgeSeconds).toBe(28_800);
    expect(loadGatewayConfig({ JWT_MAX_TOKEN_AGE: '7d' }).identity.maxTokenAgeSeconds).toBe(604_800);
  });

  it('refuses a log level pino does not know', () => {
    expect(() => loadGatewayConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
});
