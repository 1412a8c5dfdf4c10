/**
 * The cache shared through Redis (REDIS_URL; skipped without it): two gateway processes' worth of
 * gateways — the test graph's and a second one made by createGateway on the same subgraphs, Redis
 * and prefix. An entry one stores is a hit on the other, a change made through one is seen through
 * the other within 100 ms, an answer fetched before another process's invalidation is never served,
 * and a Redis that cannot answer costs the cache, never the request.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH } from '../../schema/subgraphs.js';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import type { FetchCacheRequest } from '../../gateway/engine/fetch-cache.js';
import { createEntityCache, type CacheObserver } from '../../gateway/cache/entity-cache.js';
import { createRedisCacheStore } from '../../gateway/cache/redis-cache-store.js';
import { locations } from '../../subgraphs/shared/universe.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { deleteRedisKeys } from '../support/redis.js';
import { adjustStock, freshWithin, metric, productPage, type PageProduct } from '../support/entity-cache.js';
import { startGatewayAgainst } from './helpers.js';

const redisUrl = process.env.REDIS_URL || undefined;
const WAREHOUSE_ID = locations().find((location) => location.kind === 'WAREHOUSE')!.id;

describe.skipIf(!redisUrl)('the cache shared by two gateways through Redis', () => {
  const prefix = `test:cache:${randomBytes(6).toString('hex')}:`;
  let graph: TestGraph;
  let second: RunningGateway;
  beforeAll(async () => {
    graph = await startGraph({ subgraph: { redisUrl, eventChannelPrefix: prefix } });
    second = await startGatewayAgainst(graph, { REDIS_URL: redisUrl, EVENT_CHANNEL_PREFIX: prefix });
  });
  afterAll(async () => {
    await second?.close();
    await graph?.close();
    await deleteRedisKeys(redisUrl!, prefix);
  });

  it('serves through gateway B what gateway A stored', async () => {
    const first = await productPage(graph.gatewayUrl);
    // A keeps its entries without waiting for Redis: give the writes a moment.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const inventory = graph.subgraphs.inventory.stats.requests;
    const reviews = graph.subgraphs.reviews.stats.requests;
    expect(await productPage(second.url)).toEqual(first);
    expect(graph.subgraphs.inventory.stats.requests).toBe(inventory);
    expect(graph.subgraphs.reviews.stats.requests).toBe(reviews);
    expect(await metric(second.url, 'gateway_cache_hits_total', 'subgraph="inventory"')).toBeGreaterThan(0);
  });

  it('shows through gateway B a stock change made through gateway A: no read serves the old stock 100 ms after the mutation answered', async () => {
    const latencies: number[] = [];
    for (let round = 1; round <= 5; round++) {
      const before = await productPage(second.url);
      const variant = before.variants[0]!;
      // B serves the page from the cache now.
      const inventory = graph.subgraphs.inventory.stats.requests;
      expect(await productPage(second.url)).toEqual(before);
      expect(graph.subgraphs.inventory.stats.requests).toBe(inventory);

      const answeredAt = await adjustStock(graph.gatewayUrl, variant.sku, WAREHOUSE_ID, round);
      const fresh = (page: PageProduct) => page.variants.find((v) => v.sku === variant.sku)!.availableOnline === variant.availableOnline! + round;
      latencies.push(await freshWithin(answeredAt, () => productPage(second.url), fresh));
    }
    console.log(`stock changes through gateway A seen through gateway B: worst ${Math.max(...latencies).toFixed(1)} ms after the mutation's answer (${latencies.map((ms) => ms.toFixed(1)).join(', ')})`);
  });
});

describe.skipIf(!redisUrl)('the Redis store across processes', () => {
  const SUPERGRAPH = buildSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'), { assumeValidSDL: true });
  const prefix = `test:cache-store:${randomBytes(6).toString('hex')}:`;
  const connections: Redis[] = [];
  const unavailable: string[] = [];
  const observer: CacheObserver = { hits: () => {}, misses: () => {}, invalidated: () => {}, unavailable: (subgraph) => unavailable.push(subgraph) };
  /** A gateway process's cache: its own connection, the shared Redis and prefix. */
  const processCache = async () => {
    const redis = new Redis(redisUrl!);
    connections.push(redis);
    await redis.ping();
    const cache = createEntityCache({ store: createRedisCacheStore({ redis, keyPrefix: prefix, tagTtlMs: 60_000, onUnavailable: () => {} }), maxTtlMs: 60_000, observer });
    return { redis, cache, fetches: cache.forSupergraph(SUPERGRAPH) };
  };
  const variantStock = (sku: string): FetchCacheRequest => ({
    subgraph: 'inventory',
    operation: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Variant{availableOnline}}}',
    field: '_entities',
    variables: {},
    representations: [{ __typename: 'Variant', sku }],
    context: {},
  });
  afterAll(async () => {
    for (const redis of connections) redis.disconnect();
    await deleteRedisKeys(redisUrl!, prefix);
  });

  it('never serves an answer fetched by one process before another process applied an invalidation of it', async () => {
    const a = await processCache();
    const b = await processCache();
    const inFlight = await a.fetches.lookup(variantStock('SKU-1'));
    await b.cache.invalidate({ subgraph: 'inventory', tags: ['Variant:SKU-1'] });
    inFlight.store(new Map([[0, { availableOnline: 5 }]]), { cacheControl: 'public, max-age=60', errors: false });
    await a.redis.ping();
    expect((await b.fetches.lookup(variantStock('SKU-1'))).hits).toEqual([undefined]);
    expect((await a.fetches.lookup(variantStock('SKU-1'))).hits).toEqual([undefined]);

    // Fetched after it: kept, and served to the other process.
    const after = await a.fetches.lookup(variantStock('SKU-1'));
    after.store(new Map([[0, { availableOnline: 6 }]]), { cacheControl: 'public, max-age=60', errors: false });
    await a.redis.ping();
    expect((await b.fetches.lookup(variantStock('SKU-1'))).hits).toEqual([{ availableOnline: 6 }]);
  });

  it('goes without the cache, counted, when Redis cannot answer: nothing fails, nothing is kept', async () => {
    const a = await processCache();
    a.redis.disconnect();
    const lookup = await a.fetches.lookup(variantStock('SKU-2'));
    expect(lookup.hits).toEqual([undefined]);
    lookup.store(new Map([[0, { availableOnline: 1 }]]), { cacheControl: 'public, max-age=60', errors: false });
    expect(unavailable).toContain('inventory');
    await expect(a.cache.invalidate({ subgraph: 'inventory', tags: ['Variant:SKU-2'] })).rejects.toThrow();
    const b = await processCache();
    expect((await b.fetches.lookup(variantStock('SKU-2'))).hits).toEqual([undefined]);
  });
});
