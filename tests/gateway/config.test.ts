import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatewayConfigError, loadGatewayConfig } from '../../gateway/config.js';
import { SUPERGRAPH_PATH } from '../../schema/subgraphs.js';

describe('gateway configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    // toMatchObject: each feature's own tests check its options' defaults.
    expect(loadGatewayConfig({})).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      supergraphPath: SUPERGRAPH_PATH,
      watchSupergraph: true,
      subgraphUrls: {
        catalog: 'http://127.0.0.1:4001/graphql',
        inventory: 'http://127.0.0.1:4002/graphql',
        customer: 'http://127.0.0.1:4003/graphql',
        promotions: 'http://127.0.0.1:4004/graphql',
        reviews: 'http://127.0.0.1:4005/graphql',
      },
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

  it('reads each option from its variable', () => {
    const config = loadGatewayConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      SUPERGRAPH_WATCH: 'false',
      REVIEWS_URL: 'https://reviews.internal/graphql',
      SUBGRAPH_TIMEOUT_MS: '2500',
      MAX_BODY_BYTES: '2048',
      LOG_LEVEL: 'silent',
    });
    expect(config).toMatchObject({ port: 0, host: '127.0.0.1', watchSupergraph: false, subgraphTimeoutMs: 2_500, maxBodyBytes: 2_048, logLevel: 'silent' });
    expect(config.subgraphUrls.reviews).toBe('https://reviews.internal/graphql');
  });

  it('treats an empty variable as not set', () => {
    expect(loadGatewayConfig({ PORT: '', CATALOG_URL: '' })).toMatchObject({ port: 4000, subgraphUrls: { catalog: 'http://127.0.0.1:4001/graphql' } });
  });

  it('fails fast naming every invalid variable', () => {
    const load = () => loadGatewayConfig({ PORT: 'eighty', INVENTORY_URL: 'ftp://inventory/graphql', SUBGRAPH_TIMEOUT_MS: '-1' });
    expect(load).toThrow(GatewayConfigError);
    expect(load).toThrow(/PORT/);
    expect(load).toThrow(/INVENTORY_URL/);
    expect(load).toThrow(/SUBGRAPH_TIMEOUT_MS/);
  });

  it('refuses a log level pino does not know', () => {
    expect(() => loadGatewayConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
});
