/**
 * The retailer's promise as a test (issue 12): after each kind of change — a sale, a reservation,
 * a list price update, a promotion started and ended, a review — every read path shows the new
 * value with the cache on: ProductPage, ProductListing, StoresNearby, Customer360's wishlist and
 * reviews, the partners' endpoint, and the StockWatch and priceChanged events. On one gateway, and
 * (with REDIS_URL) on two gateways sharing Redis, the change made through the first.
 *
 * How it checks: every path is read (through the cached gateways) in a loop from the moment the
 * mutation answered; a gateway with CACHE=off, read after the change, is the truth. No read sent
 * later than 100 ms after the answer may differ from the truth. The worst staleness is reported.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { startGraph, postGraphQL, type TestGraph } from '../support/graph.js';
import { operation, PARIS } from '../support/operations.js';
import { deleteRedisKeys } from '../support/redis.js';
import { databaseUrl } from '../support/database.js';
import { subscribeOverWebSocket, type Subscriber } from '../support/subscribers.js';
import { asCallCenter, asCustomer, asStoreStaff, bearer } from '../support/tokens.js';
import { startGatewayAgainst } from '../gateway/helpers.js';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';

const FRESH_WITHIN_MS = 100;
/** How long each path is watched after a mutation's answer. */
const WATCH_MS = 160;
const STORE = 'store-01';
const redisUrl = process.env.REDIS_URL || undefined;

interface Subjects {
  productId: string;
  sku: string;
  customerId: string;
  partnerKey: string;
}

type Read = (url: string) => Promise<unknown>;

const data = async (url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const { body } = await postGraphQL<Record<string, unknown>>(url, query, variables, headers);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
};

/** Every read path, each projected on what the changes can move. */
function readPaths(subjects: Subjects, callCenter: Record<string, string>): Record<string, Read> {
  const { productId, sku, customerId, partnerKey } = subjects;
  return {
    ProductPage: async (url) => {
      const { product } = (await data(url, operation('ProductPage'), { id: productId, channel: 'WEB', near: PARIS })) as { product: any };
      const variant = product.variants.find((v: any) => v.sku === sku);
      return { rating: product.rating, reviews: product.reviews.totalCount, inStock: product.inStock, variant };
    },
    ProductListing: async (url) => {
      const { products } = (await data(url, operation('ProductListing'), { channel: 'WEB', first: 20 })) as { products: any };
      const node = products.edges.find((edge: any) => edge.node.id === productId).node;
      return { rating: node.rating, inStock: node.inStock, variant: node.variants.find((v: any) => v.sku === sku) };
    },
    StoresNearby: async (url) => ((await data(url, operation('StoresNearby'), { sku, near: PARIS })) as { variant: any }).variant.availability,
    Customer360: async (url) => {
      const { customer } = (await data(url, operation('Customer360'), { id: customerId }, callCenter)) as { customer: any };
      return { wishlist: customer.wishlist.find((item: any) => item.variant.sku === sku).variant, reviews: customer.reviews.length };
    },
    Partners: async (url) => {
      const response = await fetch(new URL('/public/graphql', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': partnerKey },
        body: JSON.stringify({
          query: `query ($id: ID!, $near: GeoPointInput!) { product(id: $id) { rating { average count } variants { sku price { amount } effectivePrice(channel: MARKETPLACE) { amount } activePromotions(channel: MARKETPLACE) { id } availability(near: $near, radiusKm: 30, first: 3) { location { id } status } } } }`,
          variables: { id: productId, near: PARIS },
        }),
      });
      const body = (await response.json()) as { data?: { product: any }; errors?: unknown };
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      const product = body.data!.product;
      return { rating: product.rating, variant: product.variants.find((v: any) => v.sku === sku) };
    },
  };
}

/** Every cache hit of a gateway so far, all subgraphs together (/metrics). */
async function cacheHits(url: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('gateway_cache_hits_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

interface Observation {
  sentAfterMs: number;
  value: string;
}

/** Reads one path through one gateway in a loop for WATCH_MS from `answeredAt`. */
async function observe(read: Read, url: string, answeredAt: number): Promise<Observation[]> {
  const seen: Observation[] = [];
  while (performance.now() - answeredAt < WATCH_MS) {
    const sentAt = performance.now();
    seen.push({ sentAfterMs: sentAt - answeredAt, value: JSON.stringify(await read(url)) });
  }
  return seen;
}

interface Watchers {
  stock: Subscriber<{ stockChanged: { sequence: number; available: number; location: { id: string } } }>;
  prices: Subscriber<{ priceChanged: { sequence: number; reason: string; effectivePrice: { amount: number } } }>;
}

function describeCoherence(mode: 'one gateway' | 'two gateways sharing Redis') {
  describe.skipIf(mode !== 'one gateway' && !redisUrl)(`every read path after every change (${mode}, cache on)`, () => {
    const prefix = `test:coherence:${randomBytes(6).toString('hex')}:`;
    let graph: TestGraph;
    let second: RunningGateway | undefined;
    let oracle: RunningGateway;
    let subjects: Subjects;
    let callCenter: Record<string, string>;
    let paths: Record<string, Read>;
    /** Where reads go: the gateway that takes the mutations, and the other one when there are two. */
    let readers: string[];
    const watchers: Watchers[] = [];
    const worst: { change: string; path: string; gateway: number; staleMs: number }[] = [];

    beforeAll(async () => {
      graph = await startGraph(mode === 'one gateway' ? {} : { subgraph: { redisUrl, eventChannelPrefix: prefix } });
      // The other gateways verify the tests' tokens as the graph's does, and serve the partners' endpoint from the same key store.
      const same = { JWT_SECRET: DEVELOPMENT_JWT_SECRET, DATA_DIR: graph.dataDir, PG_SCHEMA_PREFIX: graph.pgSchemaPrefix, DATABASE_URL: databaseUrl ?? '' };
      if (mode !== 'one gateway') second = await startGatewayAgainst(graph, { ...same, REDIS_URL: redisUrl, EVENT_CHANNEL_PREFIX: prefix });
      oracle = await startGatewayAgainst(graph, { ...same, CACHE: 'off', ...(mode === 'one gateway' ? {} : { REDIS_URL: redisUrl, EVENT_CHANNEL_PREFIX: prefix }) });
      readers = [graph.gatewayUrl, ...(second ? [second.url] : [])];
      callCenter = await asCallCenter();

      // The first product of the WEB listing, its first variant, a customer who wishes for it.
      const listing = (await data(graph.gatewayUrl, operation('ProductListing'), { channel: 'WEB', first: 20 })) as { products: any };
      const product = listing.products.edges[0].node;
      const sku = product.variants[0].sku as string;
      const customerId = 'cust-00001';
      const added = await data(graph.gatewayUrl, 'mutation ($c: ID!, $s: ID!) { addToWishlist(customerId: $c, sku: $s) { wishlist { variant { sku } } } }', { c: customerId, s: sku }, callCenter);
      expect(JSON.stringify(added)).toContain(sku);
      const partner = await graph.gateway.partners!.addPartner('Coherence checks', 'pro');
      subjects = { productId: product.id, sku, customerId, partnerKey: partner.key };
      paths = readPaths(subjects, callCenter);

      for (const url of readers) {
        const stock = subscribeOverWebSocket(url, operation('StockWatch'), { skus: [sku], locationIds: [STORE] }, { connectionParams: callCenter });
        const prices = subscribeOverWebSocket(url, 'subscription ($s: [ID!]) { priceChanged(skus: $s, channel: WEB) { sequence reason effectivePrice { amount } } }', { s: [sku] }, { connectionParams: callCenter });
        watchers.push({ stock, prices } as Watchers);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    afterAll(async () => {
      for (const { stock, prices } of watchers) await Promise.all([stock.stop(), prices.stop()]);
      if (worst.length > 0) {
        const top = worst.reduce((a, b) => (b.staleMs > a.staleMs ? b : a));
        console.info(`coherence (${mode}): worst staleness ${top.staleMs.toFixed(1)} ms after the mutation's answer (${top.change}, ${top.path}, gateway ${top.gateway + 1}) over ${worst.length} path reads`);
      }
      await oracle?.close();
      await second?.close();
      await graph?.close();
      if (mode !== 'one gateway') await deleteRedisKeys(redisUrl!, prefix);
    });

    /**
     * Warms every path on every reader (so the cache holds the old value), makes the change through
     * the first gateway, watches every path on every reader, and checks each against the truth.
     * `moved`: the paths the change must visibly move.
     */
    async function checkChange(change: string, mutate: () => Promise<void>, moved: string[]) {
      const before: Record<string, string> = {};
      for (const url of readers) for (const [name, read] of Object.entries(paths)) before[name] = JSON.stringify(await read(url));
      const hits = await Promise.all(readers.map(cacheHits));
      for (const url of readers) for (const read of Object.values(paths)) await read(url);
      // The second round was served from the cache, at least partly: the old value is in it.
      for (const [i, url] of readers.entries()) expect(await cacheHits(url), `gateway ${i + 1} answers from its cache`).toBeGreaterThan(hits[i]!);

      await mutate();
      const answeredAt = performance.now();
      const watched = await Promise.all(readers.flatMap((url, gateway) => Object.entries(paths).map(async ([name, read]) => ({ name, gateway, seen: await observe(read, url, answeredAt) }))));
      const truth: Record<string, string> = {};
      for (const [name, read] of Object.entries(paths)) truth[name] = JSON.stringify(await read(oracle.url));

      for (const name of moved) expect(truth[name], `${change} must move ${name}`).not.toBe(before[name]);
      for (const { name, gateway, seen } of watched) {
        expect(seen.length).toBeGreaterThan(0);
        const stale = seen.filter((read) => read.value !== truth[name]);
        const staleMs = stale.length === 0 ? 0 : Math.max(...stale.map((read) => read.sentAfterMs));
        worst.push({ change, path: name, gateway, staleMs });
        expect(staleMs, `${change}: ${name} through gateway ${gateway + 1} served ${stale[stale.length - 1]?.value} (truth ${truth[name]})`).toBeLessThanOrEqual(FRESH_WITHIN_MS);
        expect(seen[seen.length - 1]!.value).toBe(truth[name]);
      }
    }

    const variantOf = (value: string) => (JSON.parse(value) as { variant: any }).variant;

    it('a sale at the till', async () => {
      const counts = watchers.map((w) => w.stock.results.length);
      await checkChange(
        'sale',
        async () => {
          const { recordSale } = (await data(graph.gatewayUrl, operation('RecordSale'), { input: { locationId: STORE, channel: 'STORE', lines: [{ sku: subjects.sku, quantity: 1 }] }, idempotencyKey: randomUUID() }, await asStoreStaff(STORE))) as { recordSale: any };
          expect(recordSale.userErrors).toEqual([]);
        },
        ['StoresNearby'],
      );
      for (const [i, watcher] of watchers.entries()) await watcher.stock.waitFor((results) => results.length > counts[i]!, 2_000);
    });

    it('a reservation for pickup', async () => {
      await checkChange(
        'reservation',
        async () => {
          const { reserveForPickup } = (await data(graph.gatewayUrl, operation('ReserveForPickup'), { input: { locationId: STORE, sku: subjects.sku, quantity: 2, customerId: subjects.customerId }, idempotencyKey: randomUUID() }, callCenter)) as { reserveForPickup: any };
          expect(reserveForPickup.userErrors).toEqual([]);
        },
        ['StoresNearby'],
      );
    });

    it('a list price update', async () => {
      const counts = watchers.map((w) => w.prices.results.length);
      const current = variantOf(JSON.stringify(await paths.ProductPage!(oracle.url))).price.amount as number;
      await checkChange(
        'price update',
        async () => {
          const { updateVariantPrice } = (await data(graph.gatewayUrl, 'mutation ($s: ID!, $a: Int!, $k: String!) { updateVariantPrice(input: { sku: $s, price: { amount: $a, currency: "EUR" } }, idempotencyKey: $k) { userErrors { code } } }', { s: subjects.sku, a: current + 700, k: randomUUID() }, await bearer({ sub: 'prices', scopes: ['catalog:write'] }))) as { updateVariantPrice: any };
          expect(updateVariantPrice.userErrors).toEqual([]);
        },
        ['ProductPage', 'ProductListing', 'Customer360', 'Partners'],
      );
      const web = variantOf(JSON.stringify(await paths.ProductPage!(oracle.url))).effectivePrice.amount;
      for (const [i, watcher] of watchers.entries()) {
        const results = await watcher.prices.waitFor((r) => r.length > counts[i]!, 2_000);
        expect(results.at(-1)!.data!.priceChanged).toMatchObject({ reason: 'PRICE_UPDATED', effectivePrice: { amount: web } });
      }
    });

    it('a promotion started, then ended', async () => {
      const marketing = await bearer({ sub: 'marketing', scopes: ['promotions:write'] });
      let promotionId = '';
      let counts = watchers.map((w) => w.prices.results.length);
      await checkChange(
        'promotion start',
        async () => {
          const { startPromotion } = (await data(graph.gatewayUrl, 'mutation ($i: PromotionInput!, $k: String!) { startPromotion(input: $i, idempotencyKey: $k) { promotion { id } userErrors { code message } } }', { i: { name: 'Coherence', description: '45% off', discount: { percentOff: 45 }, channels: ['WEB', 'CALL_CENTER', 'MARKETPLACE'], skus: [subjects.sku], endsAt: new Date(Date.now() + 3_600_000).toISOString() }, k: randomUUID() }, marketing)) as { startPromotion: any };
          expect(startPromotion.userErrors).toEqual([]);
          promotionId = startPromotion.promotion.id;
        },
        ['ProductPage', 'ProductListing', 'Customer360', 'Partners'],
      );
      for (const [i, watcher] of watchers.entries()) {
        const results = await watcher.prices.waitFor((r) => r.length > counts[i]!, 2_000);
        expect(results.at(-1)!.data!.priceChanged.reason).toBe('PROMOTION_STARTED');
      }
      counts = watchers.map((w) => w.prices.results.length);
      await checkChange(
        'promotion end',
        async () => {
          const { endPromotion } = (await data(graph.gatewayUrl, 'mutation ($id: ID!, $k: String!) { endPromotion(id: $id, idempotencyKey: $k) { userErrors { code } } }', { id: promotionId, k: randomUUID() }, marketing)) as { endPromotion: any };
          expect(endPromotion.userErrors).toEqual([]);
        },
        ['ProductPage', 'ProductListing', 'Customer360', 'Partners'],
      );
      for (const [i, watcher] of watchers.entries()) {
        const results = await watcher.prices.waitFor((r) => r.length > counts[i]!, 2_000);
        expect(results.at(-1)!.data!.priceChanged.reason).toBe('PROMOTION_ENDED');
      }
    });

    it('a review', async () => {
      await checkChange(
        'review',
        async () => {
          const { submitReview } = (await data(graph.gatewayUrl, operation('SubmitReview'), { input: { productId: subjects.productId, customerId: subjects.customerId, rating: 1, title: 'Coherent', body: 'Seen everywhere at once.' } }, await asCustomer(subjects.customerId))) as { submitReview: any };
          expect(submitReview.userErrors).toEqual([]);
        },
        ['ProductPage', 'ProductListing', 'Customer360', 'Partners'],
      );
    });
  });
}

describeCoherence('one gateway');
describeCoherence('two gateways sharing Redis');
