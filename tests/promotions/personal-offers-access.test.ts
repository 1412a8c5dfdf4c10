/**
 * A `customerId` argument follows the customer's own rules wherever it appears: prices and
 * promotions computed for a customer say which personal offers that customer has, so only the
 * customer itself and the call center may ask for them. Anyone else gets FORBIDDEN (UNAUTHORIZED
 * when anonymous) at that field's path, and nothing personal is read — on the subgraph, where the
 * data lives, and through the gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type SubgraphPrincipal } from '../../platform/principal.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { asCallCenter, asCustomer, asStoreStaff } from '../support/tokens.js';
import { NOW, seedFixture } from './fixture.js';
import { errorCodes, startPromotions, type TestPromotions } from './harness.js';

const PRICED_FOR = /* GraphQL */ `
  query PricedFor($reps: [_Any!]!, $customerId: ID) {
    _entities(representations: $reps) {
      ... on Variant {
        sku
        effectivePrice(channel: WEB, customerId: $customerId) { amount }
        activePromotions(channel: WEB, customerId: $customerId) { id }
      }
    }
  }
`;
// In the fixture, p-gold-15 (15% off) is offered to cust-00001 and cust-00002 only; SKU-Z has
// nothing else but the 10% sitewide campaign.
const reps = [{ __typename: 'Variant', sku: 'SKU-Z', price: { amount: 10_000, currency: 'EUR' } }];
const customer = (id: string): SubgraphPrincipal => ({ authenticated: true, subject: id, scopes: ['customer'] });
const callCenter: SubgraphPrincipal = { authenticated: true, subject: 'agent-1', scopes: ['callcenter'] };

describe('on the promotions subgraph', () => {
  let promotions: TestPromotions;
  beforeAll(async () => {
    promotions = await startPromotions({ seed: seedFixture, now: NOW });
  });
  afterAll(() => promotions?.close());

  it.each([
    ['the customer itself', customer('cust-00001')],
    ['the call center', callCenter],
  ] as const)('prices and lists personal offers for %s', async (_who, as) => {
    const body = await promotions.query(PRICED_FOR, { reps, customerId: 'cust-00001' }, { as });
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([{ sku: 'SKU-Z', effectivePrice: { amount: 8_500 }, activePromotions: [{ id: 'p-gold-15' }, { id: 'p-sitewide-10' }] }]);
  });

  it.each([
    ['another customer', 'FORBIDDEN', customer('cust-00002')],
    ['store staff', 'FORBIDDEN', { authenticated: true, subject: 'staff-1', scopes: ['store:staff'], storeId: 'store-01' }],
    ['the back office', 'FORBIDDEN', { authenticated: true, subject: 'backoffice-1', scopes: ['stock:write'] }],
    ['an anonymous caller', 'UNAUTHORIZED', ANONYMOUS],
  ] as const)('refuses %s with %s at each field that names the customer, reading no audience', async (_who, code, as) => {
    const { body, statements } = await promotions.measure(PRICED_FOR, { reps, customerId: 'cust-00001' }, { as });
    expect(body.data._entities).toEqual([{ sku: 'SKU-Z', effectivePrice: null, activePromotions: null }]);
    expect(errorCodes(body)).toEqual([code, code]);
    expect(body.errors!.map((error) => error.path?.map(String))).toEqual([
      ["_entities", "0", "effectivePrice"],
      ["_entities", "0", "activePromotions"],
    ]);
    expect(JSON.stringify(body)).not.toContain('p-gold-15');
    expect(statements).toBe(0);
  });

  it('keeps prices without a customer open to anyone', async () => {
    const body = await promotions.query(PRICED_FOR, { reps }, { as: ANONYMOUS });
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([{ sku: 'SKU-Z', effectivePrice: { amount: 9_000 }, activePromotions: [{ id: 'p-sitewide-10' }] }]);
  });
});

describe('through the gateway', () => {
  let graph: TestGraph;
  let offered: { customerId: string; sku: string; offer: string };
  beforeAll(async () => {
    graph = await startGraph();
    offered = await findPersonalOffer(graph);
  });
  afterAll(() => graph?.close());

  const VARIANT = `query ($sku: ID!, $customerId: ID) {
    variant(sku: $sku) {
      sku
      effectivePrice(channel: CALL_CENTER, customerId: $customerId) { amount }
      activePromotions(channel: CALL_CENTER, customerId: $customerId) { name }
    }
  }`;

  it('gives the customer itself and the call center its personal offer', async () => {
    for (const headers of [await asCustomer(offered.customerId), await asCallCenter()]) {
      const answer = await postGraphQL<{ variant: { activePromotions: { name: string }[] } }>(graph.gatewayUrl, VARIANT, { sku: offered.sku, customerId: offered.customerId }, headers);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data!.variant.activePromotions.map((p) => p.name)).toContain(offered.offer);
    }
  });

  it.each([
    ['an anonymous caller', 'UNAUTHORIZED', async () => ({})],
    ['another customer', 'FORBIDDEN', () => asCustomer('cust-00399')],
    ['store staff', 'FORBIDDEN', () => asStoreStaff('store-01')],
  ] as const)('refuses %s with %s at the paths that name the customer, the rest answered', async (_who, code, headers) => {
    const answer = await postGraphQL(graph.gatewayUrl, VARIANT, { sku: offered.sku, customerId: offered.customerId }, await headers());
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ variant: { sku: offered.sku, effectivePrice: null, activePromotions: null } });
    expect(answer.body.errors?.map((error) => [error.extensions?.code, error.path])).toEqual(
      expect.arrayContaining([
        [code, ['variant', 'effectivePrice']],
        [code, ['variant', 'activePromotions']],
      ]),
    );
    expect(JSON.stringify(answer.body)).not.toContain(offered.offer);
  });
});

/** A customer of the demo data with a personal offer, and a variant that offer applies to. */
async function findPersonalOffer(graph: TestGraph): Promise<{ customerId: string; sku: string; offer: string }> {
  const agent = await asCallCenter();
  for (let n = 1; n <= 400; n += 1) {
    const customerId = `cust-${String(n).padStart(5, '0')}`;
    const answer = await postGraphQL<{ customer: { personalOffers: { name: string; channels: string[] }[] } | null }>(
      graph.gatewayUrl,
      `query ($id: ID!) { customer(id: $id) { personalOffers(channel: CALL_CENTER) { name } } }`,
      { id: customerId },
      agent,
    );
    const offer = answer.body.data?.customer?.personalOffers?.[0]?.name;
    if (!offer) continue;
    // Personal offers of the demo data are sitewide: any variant shows them.
    const listing = await postGraphQL<{ products: { edges: { node: { variants: { sku: string }[] } }[] } }>(
      graph.gatewayUrl,
      '{ products(first: 1) { edges { node { variants { sku } } } } }',
    );
    const sku = listing.body.data!.products.edges[0]!.node.variants[0]!.sku;
    return { customerId, sku, offer };
  }
  throw new Error('the demo data has no personal offer on the call center channel');
}
