/**
 * Prices that move everywhere at once (issue 12): the back office starts a promotion (now or at its
 * own date), ends one, changes a list price; through the real gateway every read shows the new
 * effective price, and `priceChanged` subscribers (WebSocket) get one event per changed price, in
 * ledger order, resumable with `after`, a store's subscriber seeing its store-only promotions.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraph, postGraphQL, type TestGraph } from '../support/graph.js';
import { subscribeOverWebSocket, type Subscriber } from '../support/subscribers.js';
import { bearer } from '../support/tokens.js';

const START = `mutation ($input: PromotionInput!, $key: String!) {
  startPromotion(input: $input, idempotencyKey: $key) { promotion { id startsAt endsAt storeIds } userErrors { code field message } }
}`;
const END = `mutation ($id: ID!, $key: String!) { endPromotion(id: $id, idempotencyKey: $key) { promotion { id } userErrors { code } } }`;
const UPDATE_PRICE = `mutation ($sku: ID!, $amount: Int!, $key: String!) {
  updateVariantPrice(input: { sku: $sku, price: { amount: $amount, currency: "EUR" } }, idempotencyKey: $key) { variant { sku } userErrors { code } }
}`;
/** One `variant(sku:)` per sku, aliased: the graph has no list of variants by sku. */
const pricesOf = (skus: readonly string[], fields: string) =>
  `query ($store: ID) { ${skus.map((sku, i) => `v${i}: variant(sku: ${JSON.stringify(sku)}) { sku ${fields} }`).join(' ')} }`;
const PRICE_FIELDS = 'price { amount } web: effectivePrice(channel: WEB) { amount } app: effectivePrice(channel: APP) { amount } store: effectivePrice(channel: STORE, storeId: $store) { amount }';
const PRICE_CHANGED = `subscription ($skus: [ID!], $channel: Channel!, $storeId: ID, $after: Int) {
  priceChanged(skus: $skus, channel: $channel, storeId: $storeId, after: $after) {
    sequence channel storeId reason at previous { amount currency } effectivePrice { amount currency }
    variant { sku name } promotion { id }
  }
}`;

interface PriceEvent {
  sequence: number;
  channel: string;
  storeId: string | null;
  reason: string;
  at: string;
  previous: { amount: number; currency: string };
  effectivePrice: { amount: number; currency: string };
  variant: { sku: string; name: string };
  promotion: { id: string } | null;
}
interface PriceRow {
  sku: string;
  price: { amount: number };
  web: { amount: number };
  app: { amount: number };
  store: { amount: number };
}

let graph: TestGraph;
let marketing: Record<string, string>;
let priceManager: Record<string, string>;
const subscribers: Subscriber<unknown>[] = [];
beforeAll(async () => {
  graph = await startGraph();
  marketing = await bearer({ sub: 'marketing-1', scopes: ['promotions:write'] });
  priceManager = await bearer({ sub: 'prices-1', scopes: ['catalog:write'] });
}, 120_000);
afterAll(async () => {
  await Promise.all(subscribers.map((s) => s.stop()));
  await graph?.close();
});

async function prices(skus: string[], store?: string): Promise<Map<string, PriceRow>> {
  const { body } = await postGraphQL<Record<string, PriceRow>>(graph.gatewayUrl, pricesOf(skus, PRICE_FIELDS), { store: store ?? null });
  expect(body.errors).toBeUndefined();
  return new Map(Object.values(body.data!).map((row) => [row.sku, row]));
}

async function start(input: Record<string, unknown>, key: string = randomUUID(), as = marketing) {
  const { body } = await postGraphQL<{ startPromotion: { promotion: { id: string; startsAt: string; endsAt: string } | null; userErrors: { code: string; field: string[] | null }[] } }>(
    graph.gatewayUrl,
    START,
    { input, key },
    as,
  );
  return body;
}

function watch(variables: Record<string, unknown>): Subscriber<{ priceChanged: PriceEvent }> {
  const subscriber = subscribeOverWebSocket<{ priceChanged: PriceEvent }>(graph.gatewayUrl, PRICE_CHANGED, variables, { connectionParams: marketing });
  subscribers.push(subscriber);
  return subscriber;
}

const events = (subscriber: Subscriber<{ priceChanged: PriceEvent }>) => subscriber.results.map((r) => r.data!.priceChanged);

/** Variants of the seed that no promotion of their own lists: their WEB price is the list price minus the sitewide ones only. */
async function plainSkus(count: number, offset: number): Promise<string[]> {
  const { body } = await postGraphQL<{ products: { edges: { node: { variants: { sku: string; activePromotions: { id: string }[] }[] } }[] } }>(
    graph.gatewayUrl,
    `{ products(first: 100) { edges { node { variants { sku activePromotions(channel: WEB) { id } } } } } }`,
  );
  const skus = body.data!.products.edges.flatMap((e) => e.node.variants).filter((v) => v.activePromotions.length === 1 && v.activePromotions[0]!.id === 'promo-01');
  expect(skus.length).toBeGreaterThan(offset + count);
  return skus.slice(offset, offset + count).map((v) => v.sku);
}

const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('startPromotion, endPromotion and updateVariantPrice move every effective price, and priceChanged tells it', () => {
  it('a promotion started now: prices change at once, one event per variant, and ending it puts them back', async () => {
    const skus = await plainSkus(3, 0);
    const before = await prices(skus);
    const subscriber = watch({ skus, channel: 'WEB' });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const started = await start({ name: 'Winter sale', description: '30% off three items', discount: { percentOff: 30 }, channels: ['WEB', 'APP'], skus, endsAt: inFuture(3_600_000) });
    expect(started.data!.startPromotion.userErrors).toEqual([]);
    const promotionId = started.data!.startPromotion.promotion!.id;

    const during = await prices(skus);
    for (const sku of skus) {
      const list = before.get(sku)!.price.amount;
      expect(during.get(sku)!.web.amount).toBe(list - Math.floor((list * 30 + 50) / 100));
    }
    await subscriber.waitFor((results) => results.length >= 3, 5_000);
    const startEvents = events(subscriber);
    expect(startEvents.map((e) => e.variant.sku).sort()).toEqual([...skus].sort());
    for (const event of startEvents) {
      expect(event).toMatchObject({ channel: 'WEB', storeId: null, reason: 'PROMOTION_STARTED', promotion: { id: promotionId } });
      expect(event.previous.amount).toBe(before.get(event.variant.sku)!.web.amount);
      expect(event.effectivePrice.amount).toBe(during.get(event.variant.sku)!.web.amount);
      expect(event.variant.name).toEqual(expect.any(String));
    }

    const ended = await postGraphQL<{ endPromotion: { userErrors: unknown[] } }>(graph.gatewayUrl, END, { id: promotionId, key: randomUUID() }, marketing);
    expect(ended.body.data!.endPromotion.userErrors).toEqual([]);
    const after = await prices(skus);
    for (const sku of skus) expect(after.get(sku)!.web.amount).toBe(before.get(sku)!.web.amount);
    await subscriber.waitFor((results) => results.length >= 6, 5_000);
    const endEvents = events(subscriber).slice(3);
    for (const event of endEvents) {
      expect(event).toMatchObject({ reason: 'PROMOTION_ENDED', promotion: { id: promotionId } });
      expect(event.effectivePrice.amount).toBe(before.get(event.variant.sku)!.web.amount);
    }
    const sequences = events(subscriber).map((e) => e.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
  });

  it('a list price update: every channel gets the new effective price, with the one before', async () => {
    const [sku] = await plainSkus(1, 5);
    const before = (await prices([sku!])).get(sku!)!;
    const web = watch({ skus: [sku], channel: 'WEB' });
    const app = watch({ skus: [sku], channel: 'APP' });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const updated = await postGraphQL<{ updateVariantPrice: { userErrors: unknown[] } }>(graph.gatewayUrl, UPDATE_PRICE, { sku, amount: before.price.amount + 1000, key: randomUUID() }, priceManager);
    expect(updated.body.data!.updateVariantPrice.userErrors).toEqual([]);
    const after = (await prices([sku!])).get(sku!)!;
    expect(after.price.amount).toBe(before.price.amount + 1000);

    const [event] = await web.waitFor((results) => results.length >= 1, 5_000);
    expect(event!.data!.priceChanged).toMatchObject({ reason: 'PRICE_UPDATED', channel: 'WEB', previous: { amount: before.web.amount }, effectivePrice: { amount: after.web.amount }, promotion: null });
    await app.waitFor((results) => results.length >= 1, 5_000);
    expect(events(app)[0]!.reason).toBe('PRICE_UPDATED');
  });

  it('a promotion with its own start and end changes prices and emits events within 1 s of each, with no request', async () => {
    const skus = await plainSkus(2, 8);
    const before = await prices(skus);
    const subscriber = watch({ skus, channel: 'APP' });
    const startsAt = new Date(Date.now() + 1_500);
    const endsAt = new Date(startsAt.getTime() + 2_000);
    const started = await start({ name: 'Flash', description: 'Two seconds of 50% off', discount: { percentOff: 50 }, channels: ['APP'], skus, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
    expect(started.data!.startPromotion.userErrors).toEqual([]);
    expect(Date.parse(started.data!.startPromotion.promotion!.startsAt)).toBe(startsAt.getTime());

    await subscriber.waitFor((results) => results.length >= 2, 5_000);
    const startedLag = Date.now() - startsAt.getTime();
    expect(startedLag).toBeLessThan(1_000);
    expect(events(subscriber).every((e) => e.reason === 'PROMOTION_STARTED')).toBe(true);
    const during = await prices(skus);
    for (const row of during.values()) expect(row.app.amount).toBe(events(subscriber).find((e) => e.variant.sku === row.sku)!.effectivePrice.amount);

    await subscriber.waitFor((results) => results.length >= 4, 5_000);
    const endedLag = Date.now() - endsAt.getTime();
    expect(endedLag).toBeLessThan(1_000);
    expect(events(subscriber).slice(2).every((e) => e.reason === 'PROMOTION_ENDED')).toBe(true);
    console.info(`scheduled promotion: start announced ${startedLag} ms after startsAt, end ${endedLag} ms after endsAt`);
    const after = await prices(skus);
    for (const sku of skus) expect(after.get(sku)!.app.amount).toBe(before.get(sku)!.app.amount);
  });

  it('resumes with after: the same events again, in order, then live', async () => {
    const skus = await plainSkus(3, 0);
    const live = watch({ skus, channel: 'WEB', after: 0 });
    await live.waitFor((results) => results.length >= 6, 5_000);
    const replayed = events(live).slice(0, 6);
    expect(replayed.map((e) => e.reason)).toEqual(['PROMOTION_STARTED', 'PROMOTION_STARTED', 'PROMOTION_STARTED', 'PROMOTION_ENDED', 'PROMOTION_ENDED', 'PROMOTION_ENDED']);
    const resumed = watch({ skus, channel: 'WEB', after: replayed[2]!.sequence });
    await resumed.waitFor((results) => results.length >= 3, 5_000);
    expect(events(resumed).slice(0, 3).map((e) => e.sequence)).toEqual(replayed.slice(3).map((e) => e.sequence));
  });

  it("a store-only promotion moves that store's price only: the store's subscriber hears it, the channel's does not", async () => {
    const [sku] = await plainSkus(1, 12);
    const store = 'store-30';
    const before = (await prices([sku!], store)).get(sku!)!;
    const ofStore = watch({ skus: [sku], channel: 'STORE', storeId: store });
    const ofChannel = watch({ skus: [sku], channel: 'STORE' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = await start({ name: 'Store 30 day', description: '60% off', discount: { percentOff: 60 }, channels: ['STORE'], storeIds: [store], skus: [sku], endsAt: inFuture(3_600_000) });
    expect(started.data!.startPromotion.userErrors).toEqual([]);
    const [event] = await ofStore.waitFor((results) => results.length >= 1, 5_000);
    const after = (await prices([sku!], store)).get(sku!)!;
    expect(event!.data!.priceChanged).toMatchObject({ storeId: store, previous: { amount: before.store.amount }, effectivePrice: { amount: after.store.amount } });
    expect(after.store.amount).toBeLessThan(before.store.amount);
    // A list price update moves both; the channel's subscriber hears that one only.
    await postGraphQL(graph.gatewayUrl, UPDATE_PRICE, { sku, amount: before.price.amount + 500, key: randomUUID() }, priceManager);
    await ofChannel.waitFor((results) => results.length >= 1, 5_000);
    await ofStore.waitFor((results) => results.length >= 2, 5_000);
    expect(events(ofChannel).map((e) => e.reason)).toEqual(['PRICE_UPDATED']);
    expect(events(ofStore).map((e) => [e.reason, e.storeId])).toEqual([
      ['PROMOTION_STARTED', store],
      ['PRICE_UPDATED', store],
    ]);
  });
});

describe('startPromotion refuses what cannot be right', () => {
  it('overlaps, unknown skus, bad discounts and periods, keys reused; without the scope nothing runs', async () => {
    const skus = await plainSkus(2, 20);
    const base = { name: 'Rule check', description: '', discount: { percentOff: 10 }, channels: ['WEB'], skus, endsAt: inFuture(3_600_000) };
    const key = randomUUID();
    const first = await start(base, key);
    expect(first.data!.startPromotion.userErrors).toEqual([]);
    // The same key and input: the first outcome again, nothing new.
    expect((await start(base, key)).data!.startPromotion.promotion!.id).toBe(first.data!.startPromotion.promotion!.id);
    const codes = async (input: Record<string, unknown>, k?: string) => (await start(input, k)).data!.startPromotion.userErrors.map((e) => e.code);
    expect(await codes({ ...base, skus: [skus[0]] })).toEqual(['OVERLAPPING_PROMOTION']);
    expect(await codes({ ...base, channels: ['APP'] }, key)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    // Another channel, or other stores, do not overlap.
    expect(await codes({ ...base, channels: ['APP'] })).toEqual([]);
    expect(await codes({ ...base, skus: ['SKU-NOPE-1'] })).toEqual(['UNKNOWN_SKU']);
    expect(await codes({ ...base, discount: { percentOff: 0 } })).toEqual(['INVALID_PROMOTION']);
    expect(await codes({ ...base, discount: { percentOff: 10, amountOff: { amount: 100, currency: 'EUR' } } })).toEqual(['INVALID_PROMOTION']);
    expect(await codes({ ...base, channels: ['MARKETPLACE'], discount: { amountOff: { amount: 100, currency: 'USD' } } })).toEqual(['CURRENCY_MISMATCH']);
    expect(await codes({ ...base, endsAt: 'tomorrow' })).toEqual(['INVALID_PROMOTION']);
    expect(await codes({ ...base, channels: ['STORE'], startsAt: inFuture(60_000), endsAt: inFuture(30_000) })).toEqual(['INVALID_PROMOTION']);
    expect(await codes({ ...base, channels: [] })).toEqual(['INVALID_PROMOTION']);
    expect(await codes({ ...base, channels: ['CALL_CENTER'] }, '')).toEqual(['INVALID_IDEMPOTENCY_KEY']);

    // Five overlapping promotions started at once, each under its own key: exactly one is started.
    const racing = await Promise.all(Array.from({ length: 5 }, () => start({ ...base, skus: [skus[1]], channels: ['MARKETPLACE'] })));
    expect(racing.map((r) => r.data!.startPromotion.userErrors.map((e) => e.code).join() || 'started').sort()).toEqual(['OVERLAPPING_PROMOTION', 'OVERLAPPING_PROMOTION', 'OVERLAPPING_PROMOTION', 'OVERLAPPING_PROMOTION', 'started']);

    const forbidden = await start({ ...base, channels: ['CALL_CENTER'] }, randomUUID(), await bearer({ sub: 'someone', scopes: ['callcenter'] }));
    expect(forbidden.data?.startPromotion ?? null).toBeNull();
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
