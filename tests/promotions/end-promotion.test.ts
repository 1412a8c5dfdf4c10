/**
 * The back office ends a promotion now (issue 12: `endPromotion`, scope promotions:write), through
 * the real gateway: the variants it applied to lose it from the next request on, and their
 * effective price is computed without it; a retry with the same key changes nothing; ending it
 * again (another key) is ALREADY_ENDED, an unknown id UNKNOWN_PROMOTION; without the scope nothing
 * runs; each attempt is audited.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../subgraphs/shared/audit.js';
import { startGraph, postGraphQL, type TestGraph } from '../support/graph.js';
import { asStoreStaff, bearer } from '../support/tokens.js';

const END = `mutation ($id: ID!, $key: String!) {
  endPromotion(id: $id, idempotencyKey: $key) { promotion { id endsAt } userErrors { code field } }
}`;
const VARIANTS = `{ products(first: 40) { edges { node { variants { sku price { amount } effectivePrice(channel: WEB) { amount } activePromotions(channel: WEB) { id } } } } } }`;

interface VariantRow {
  sku: string;
  price: { amount: number };
  effectivePrice: { amount: number } | null;
  activePromotions: { id: string }[] | null;
}

const audits: AuditEntry[] = [];
let graph: TestGraph;
let marketing: Record<string, string>;
beforeAll(async () => {
  graph = await startGraph({ subgraph: { audit: (entry: AuditEntry) => void audits.push(entry) } });
  marketing = await bearer({ sub: 'marketing-1', scopes: ['promotions:write'] });
}, 120_000);
afterAll(async () => {
  await graph?.close();
});

async function variants(): Promise<VariantRow[]> {
  const { body } = await postGraphQL<{ products: { edges: { node: { variants: VariantRow[] } }[] } }>(graph.gatewayUrl, VARIANTS);
  expect(body.errors).toBeUndefined();
  return body.data!.products.edges.flatMap((edge) => edge.node.variants);
}

async function end(id: string, key: string = randomUUID(), as = marketing) {
  const { body } = await postGraphQL<{ endPromotion: { promotion: { id: string; endsAt: string } | null; userErrors: { code: string; field: string[] | null }[] } }>(graph.gatewayUrl, END, { id, key }, as);
  return body;
}

describe('endPromotion', () => {
  it('takes the promotion off every variant it applied to at once, and prices are computed without it', async () => {
    const before = await variants();
    const promoted = before.find((variant) => (variant.activePromotions?.length ?? 0) > 0);
    expect(promoted, 'the seed has an active WEB promotion on one of the first products').toBeDefined();
    const promotionId = promoted!.activePromotions![0]!.id;
    const touched = before.filter((variant) => variant.activePromotions?.some((promotion) => promotion.id === promotionId));

    const key = randomUUID();
    const ended = await end(promotionId, key);
    expect(ended.data!.endPromotion.userErrors).toEqual([]);
    expect(Date.parse(ended.data!.endPromotion.promotion!.endsAt)).toBeLessThanOrEqual(Date.now());

    const after = new Map((await variants()).map((variant) => [variant.sku, variant]));
    for (const variant of touched) {
      const now = after.get(variant.sku)!;
      expect(now.activePromotions!.map((promotion) => promotion.id)).not.toContain(promotionId);
      // Discounts never stack: without its best promotion a variant's price can only rise (or stay).
      expect(now.effectivePrice!.amount).toBeGreaterThanOrEqual(variant.effectivePrice!.amount);
      expect(now.effectivePrice!.amount).toBeLessThanOrEqual(now.price.amount);
    }

    // The same key again: the first outcome, nothing changed; another key: ALREADY_ENDED.
    expect((await end(promotionId, key)).data!.endPromotion.userErrors).toEqual([]);
    expect((await end(promotionId)).data!.endPromotion).toEqual({ promotion: null, userErrors: [{ code: 'ALREADY_ENDED', field: ['id'] }] });
    expect(audits.filter((audit) => audit.operation === 'endPromotion' && audit.subgraph === 'promotions').map((audit) => audit.outcome)).toEqual(['succeeded', 'succeeded', 'refused']);
  });

  it('refuses an unknown promotion, a reused key and a bad key in userErrors', async () => {
    expect((await end('promo-does-not-exist')).data!.endPromotion).toEqual({ promotion: null, userErrors: [{ code: 'UNKNOWN_PROMOTION', field: ['id'] }] });
    expect((await end('promo-does-not-exist', '')).data!.endPromotion.userErrors[0]!.code).toBe('INVALID_IDEMPOTENCY_KEY');
    const key = randomUUID();
    await end('promo-does-not-exist', key);
    expect((await end('promo-other', key)).data!.endPromotion.userErrors[0]!.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('runs only for promotions:write: store staff get FORBIDDEN and the promotion stays', async () => {
    const promoted = (await variants()).find((variant) => (variant.activePromotions?.length ?? 0) > 0);
    const id = promoted!.activePromotions![0]!.id;
    const body = await end(id, randomUUID(), await asStoreStaff('store-01'));
    expect(body.data?.endPromotion ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const still = (await variants()).find((variant) => variant.sku === promoted!.sku)!;
    expect(still.activePromotions!.map((promotion) => promotion.id)).toContain(id);
  });
});
