/**
 * Where the gateway sends each subgraph's requests: to the URL the supergraph gives it
 * (`join__graph(url:)`), whatever the subgraph's name, unless `<NAME>_URL` overrides it — for
 * queries and for the subscriptions' WebSocket upstreams alike.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.js';
import { createGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import { SUBGRAPH_NAMES, SUPERGRAPH_PATH } from '../../schema/subgraphs.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { PARIS, operation } from '../support/operations.js';
import { subscribeOverWebSocket } from '../support/subscribers.js';
import { asCallCenter, asStockOffice } from '../support/tokens.js';
import { deadSubgraphUrl } from './helpers.js';

let graph: TestGraph;
let folder: string;
/** The committed supergraph, its five URLs pointing at the test graph's subgraphs (free ports, not 4001-4005). */
let supergraphPath: string;

beforeAll(async () => {
  graph = await startGraph();
  folder = mkdtempSync(join(tmpdir(), 'supergraph-urls-'));
  supergraphPath = join(folder, 'supergraph.graphql');
  let sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  for (const name of SUBGRAPH_NAMES) {
    const pattern = new RegExp(`@join__graph\\(name: "${name}", url: "[^"]*"\\)`);
    expect(sdl).toMatch(pattern);
    sdl = sdl.replace(pattern, `@join__graph(name: "${name}", url: "${graph.subgraphs[name].url}")`);
  }
  writeFileSync(supergraphPath, sdl);
});
afterAll(async () => {
  await graph?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** A gateway on that supergraph, configured with `env` only: no `<NAME>_URL` unless given. */
function gatewayOnSupergraph(env: NodeJS.ProcessEnv = {}): Promise<RunningGateway> {
  return createGateway(
    loadGatewayConfig({
      LOG_LEVEL: 'silent',
      INTERNAL_TOKEN_SECRET: graph.internalTokenSecret,
      JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      SUPERGRAPH_PATH: supergraphPath,
      SUPERGRAPH_WATCH: 'false',
      PUBLIC_SUPERGRAPH_PATH: 'off',
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    }),
  );
}

describe('a supergraph naming the five subgraphs at other URLs', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await gatewayOnSupergraph();
  });
  afterAll(() => gateway?.close());

  it('routes every fetch to the URL the supergraph gives', async () => {
    const { status, body } = await postGraphQL(gateway.url, operation('ProductPage'), { id: 'prod-00003', channel: 'WEB', near: PARIS });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const product = body.data!.product as Record<string, any>;
    expect(product.name).toBeTruthy(); // catalog
    expect(typeof product.inStock).toBe('boolean'); // inventory
    expect(product.rating.distribution).toHaveLength(5); // reviews
    expect(product.variants[0].effectivePrice.amount).toBeGreaterThanOrEqual(0); // promotions
    expect(product.reviews.edges.every((edge: any) => typeof edge.node.verifiedPurchase === 'boolean')).toBe(true); // customer
  });

  it('opens the subscriptions’ upstream WebSocket at that URL too', async () => {
    const sku = 'SKU-00002-1';
    const subscriber = subscribeOverWebSocket(
      gateway.url,
      operation('StockWatch'),
      { skus: [sku], locationIds: ['store-02'] },
      { connectionParams: await asCallCenter() },
    );
    try {
      // Give the subscription time to reach the inventory before the change is made.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const adjusted = await postGraphQL(
        gateway.url,
        operation('AdjustStock'),
        { input: { sku, locationId: 'store-02', delta: 3, reason: 'RESTOCK' }, idempotencyKey: randomUUID() },
        await asStockOffice(),
      );
      expect(adjusted.body.errors).toBeUndefined();
      const [change] = (adjusted.body.data as any).adjustStock.changes;
      const results = await subscriber.waitFor((all) => all.some((r: any) => r.data?.stockChanged.sequence === change.sequence));
      const event = results.find((r: any) => r.data?.stockChanged.sequence === change.sequence)!;
      expect(event.errors).toBeUndefined();
      expect(event.data).toMatchObject({ stockChanged: { delta: 3, reason: 'RESTOCK', variant: { sku } } });
    } finally {
      await subscriber.stop();
    }
  });
});

describe('<NAME>_URL', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await gatewayOnSupergraph({ REVIEWS_URL: await deadSubgraphUrl() });
  });
  afterAll(() => gateway?.close());

  it('wins over the supergraph’s URL for its subgraph, and only for it', async () => {
    const { body } = await postGraphQL(gateway.url, '{ product(id: "prod-00003") { name inStock rating { count } } }');
    expect(body.data).toMatchObject({ product: { rating: null, inStock: expect.any(Boolean) } });
    expect((body.data!.product as { name: string }).name).toBeTruthy();
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['product', 'rating'], 'SUBGRAPH_UNAVAILABLE']]);
  });
});
