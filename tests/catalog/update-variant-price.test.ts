/**
 * The back office changes a list price (issue 12, part 1: `updateVariantPrice`, scope
 * catalog:write), through the real gateway: every read path then shows the new price and the
 * effective price computed from it; a retry with the same key changes nothing and gets the first
 * outcome, the same key with another input is refused; bad amounts, another currency and unknown
 * SKUs come back in userErrors with stable codes and change nothing; without the scope nothing
 * runs; each attempt is audited.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../subgraphs/shared/audit.js';
import { startGraph, postGraphQL, type TestGraph } from '../support/graph.js';
import { asStoreStaff, bearer } from '../support/tokens.js';

const UPDATE = `mutation ($input: UpdatePriceInput!, $key: String!) {
  updateVariantPrice(input: $input, idempotencyKey: $key) {
    variant { sku price { amount currency } effectivePrice(channel: WEB) { amount currency } }
    userErrors { code field }
  }
}`;
const READ = `query ($sku: ID!) { variant(sku: $sku) { sku price { amount currency } effectivePrice(channel: WEB) { amount currency } product { id variants { sku price { amount } } } } }`;

interface Payload {
  variant: { sku: string; price: { amount: number; currency: string }; effectivePrice: { amount: number; currency: string } | null } | null;
  userErrors: { code: string; field: string[] | null }[];
}

const audits: AuditEntry[] = [];
let graph: TestGraph;
let pricing: Record<string, string>;
beforeAll(async () => {
  graph = await startGraph({ subgraph: { audit: (entry: AuditEntry) => void audits.push(entry) } });
  pricing = await bearer({ sub: 'pricing-manager-1', scopes: ['catalog:write'] });
}, 120_000);
afterAll(async () => {
  await graph?.close();
});

async function update(sku: string, price: { amount: number; currency: string }, key: string = randomUUID(), as = pricing) {
  const { status, body } = await postGraphQL<{ updateVariantPrice: Payload }>(graph.gatewayUrl, UPDATE, { input: { sku, price }, key }, as);
  return { status, body, payload: body.data?.updateVariantPrice };
}

async function read(sku: string) {
  const { body } = await postGraphQL<{ variant: { price: { amount: number; currency: string }; effectivePrice: { amount: number } | null; product: { variants: { sku: string; price: { amount: number } }[] } } }>(graph.gatewayUrl, READ, { sku });
  return body.data!.variant;
}

describe('updateVariantPrice', () => {
  it('changes the list price, and every read of the variant shows it with the effective price computed from it', async () => {
    const before = await read('SKU-00005-1');
    const amount = before.price.amount + 1_000;
    const { payload } = await update('SKU-00005-1', { amount, currency: before.price.currency });
    expect(payload!.userErrors).toEqual([]);
    expect(payload!.variant!.price).toEqual({ amount, currency: before.price.currency });
    const after = await read('SKU-00005-1');
    expect(after.price.amount).toBe(amount);
    expect(after.product.variants.find((variant) => variant.sku === 'SKU-00005-1')!.price.amount).toBe(amount);
    // The promotions subgraph computes from the catalog's price (@requires): the new one.
    expect(after.effectivePrice!.amount).toBeLessThanOrEqual(amount);
    expect(after.effectivePrice!.amount).toBeGreaterThan(before.effectivePrice!.amount);
    const entry = audits.findLast((audit) => audit.operation === 'updateVariantPrice');
    expect(entry).toMatchObject({ audit: true, subgraph: 'catalog', outcome: 'succeeded', target: { sku: 'SKU-00005-1' }, principal: { subject: 'pricing-manager-1', scopes: ['catalog:write'] } });
  });

  it('is idempotent: the same key and input again change nothing; the same key with another input is refused', async () => {
    const { price } = await read('SKU-00006-1');
    const key = randomUUID();
    const first = await update('SKU-00006-1', { amount: price.amount + 100, currency: price.currency }, key);
    expect(first.payload!.userErrors).toEqual([]);
    // Another change under another key, then the first request retried: it must not undo the second.
    expect((await update('SKU-00006-1', { amount: price.amount + 200, currency: price.currency })).payload!.userErrors).toEqual([]);
    const retried = await update('SKU-00006-1', { amount: price.amount + 100, currency: price.currency }, key);
    expect(retried.payload!.userErrors).toEqual([]);
    expect((await read('SKU-00006-1')).price.amount).toBe(price.amount + 200);
    const reused = await update('SKU-00006-1', { amount: price.amount + 300, currency: price.currency }, key);
    expect(reused.payload).toEqual({ variant: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: ['idempotencyKey'] }] });
    expect((await read('SKU-00006-1')).price.amount).toBe(price.amount + 200);
  });

  it('decides one key once when its requests race: one change, the others its replays or refusals', async () => {
    const { price } = await read('SKU-00009-1');
    const key = randomUUID();
    const amounts = [price.amount + 11, price.amount + 22, price.amount + 33, price.amount + 11, price.amount + 11];
    const answers = await Promise.all(amounts.map((amount) => update('SKU-00009-1', { amount, currency: price.currency }, key)));
    const applied = answers.filter((answer) => answer.payload!.userErrors.length === 0);
    // Whichever input came first under the key is the one applied; its twins replay it, the others are refused.
    const winner = (await read('SKU-00009-1')).price.amount;
    expect(amounts).toContain(winner);
    expect(applied.length).toBe(amounts.filter((amount) => amount === winner).length);
    for (const answer of answers.filter((a) => a.payload!.userErrors.length > 0)) expect(answer.payload!.userErrors[0]!.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a bad amount, another currency, an unknown SKU and a bad key in userErrors, changing nothing', async () => {
    const { price } = await read('SKU-00007-1');
    const cases: [string, { amount: number; currency: string }, string, string[], string?][] = [
      ['SKU-00007-1', { amount: 0, currency: price.currency }, 'INVALID_AMOUNT', ['input', 'price', 'amount']],
      ['SKU-00007-1', { amount: -500, currency: price.currency }, 'INVALID_AMOUNT', ['input', 'price', 'amount']],
      ['SKU-00007-1', { amount: 100_000_001, currency: price.currency }, 'INVALID_AMOUNT', ['input', 'price', 'amount']],
      ['SKU-00007-1', { amount: 1234, currency: 'USD' }, 'CURRENCY_MISMATCH', ['input', 'price', 'currency']],
      ['SKU-99999-9', { amount: 1234, currency: price.currency }, 'UNKNOWN_SKU', ['input', 'sku']],
      ['SKU-00007-1', { amount: 1234, currency: price.currency }, 'INVALID_IDEMPOTENCY_KEY', ['idempotencyKey'], ''],
    ];
    for (const [sku, money, code, field, key] of cases) {
      const { status, payload } = await update(sku, money, key);
      expect(status).toBe(200);
      expect(payload).toEqual({ variant: null, userErrors: [{ code, field }] });
    }
    expect((await read('SKU-00007-1')).price).toEqual(price);
    expect(audits.filter((audit) => audit.operation === 'updateVariantPrice' && audit.outcome === 'refused').length).toBeGreaterThanOrEqual(cases.length);
  });

  it('runs only for catalog:write: store staff get FORBIDDEN and the price stays', async () => {
    const { price } = await read('SKU-00008-1');
    const { body } = await update('SKU-00008-1', { amount: price.amount + 1, currency: price.currency }, randomUUID(), await asStoreStaff('store-01'));
    expect(body.data?.updateVariantPrice ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await read('SKU-00008-1')).price).toEqual(price);
  });
});
