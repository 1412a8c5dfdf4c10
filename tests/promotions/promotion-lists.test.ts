import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPromotions, errorCodes, type TestPromotions } from './harness.js';
import { CAMPAIGNS, NOW, seedFixture } from './fixture.js';

let promotions: TestPromotions;

beforeAll(async () => {
  promotions = await startPromotions({ seed: seedFixture, now: NOW });
});
afterAll(async () => {
  await promotions?.close();
});

const LIST = /* GraphQL */ `
  query List($channel: Channel, $activeAt: String) {
    promotions(channel: $channel, activeAt: $activeAt) { id }
  }
`;
const ids = async (variables: Record<string, unknown>) => {
  const body = await promotions.query<{ promotions: { id: string }[] }>(LIST, variables);
  expect(body.errors).toBeUndefined();
  return body.data!.promotions.map((p) => p.id);
};

describe('Query.promotions', () => {
  it('lists every promotion, past and future included, by id', async () => {
    expect(await ids({})).toEqual(CAMPAIGNS.map((c) => c.id).sort());
  });

  it('keeps those of a channel', async () => {
    expect(await ids({ channel: 'APP' })).toEqual(['p-app-30', 'p-expired-50', 'p-future-40', 'p-gold-15', 'p-items-1000-off', 'p-items-25', 'p-sitewide-10']);
  });

  it('keeps those active at an instant, with any offset', async () => {
    expect(await ids({ activeAt: '2026-06-01' })).toEqual(['p-expired-50']);
    expect(await ids({ activeAt: '2027-12-31T23:59:59.999Z' })).not.toContain('p-future-40');
    expect(await ids({ activeAt: '2028-01-01T01:00:00+01:00' })).toEqual(['p-future-40']);
    expect(await ids({ activeAt: '2027-06-01T12:00:00Z', channel: 'CALL_CENTER' })).toEqual([
      'p-gold-15',
      'p-goodwill-500-off',
      'p-items-1000-off',
      'p-sitewide-10',
    ]);
  });

  it('refuses a malformed activeAt with BAD_USER_INPUT', async () => {
    for (const activeAt of ['yesterday', '2027-02-30', '2027-06-01T25:00Z', '']) {
      const body = await promotions.query(LIST, { activeAt });
      expect(errorCodes(body), activeAt).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0]!.message).toMatch(/activeAt/);
    }
  });

  it('describes each promotion: discount, channels, window, stores and segment', async () => {
    const body = await promotions.query(/* GraphQL */ `
      {
        promotions {
          id name description channels startsAt endsAt storeIds segment
          discount { percentOff amountOff { amount currency } }
        }
      }
    `);
    const byId = new Map<string, any>(body.data!.promotions.map((p: any) => [p.id, p]));
    expect(byId.get('p-stores-20')).toMatchObject({
      channels: ['STORE'],
      storeIds: ['store-01', 'store-02'],
      segment: null,
      discount: { percentOff: 20, amountOff: null },
      startsAt: '2027-01-01T00:00:00.000Z',
      endsAt: '2028-01-01T00:00:00.000Z',
    });
    expect(byId.get('p-goodwill-500-off')).toMatchObject({
      channels: ['CALL_CENTER'],
      storeIds: null,
      segment: 'service-recovery',
      discount: { percentOff: null, amountOff: { amount: 500, currency: 'EUR' } },
    });
    expect(byId.get('p-sitewide-10').channels).toEqual(['WEB', 'APP', 'STORE', 'CALL_CENTER', 'MARKETPLACE']);
  });
});

describe('Promotion entity', () => {
  it('resolves promotions by id and null for an unknown id', async () => {
    const body = await promotions.query(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Promotion { id name discount { percentOff } } } }`,
      { reps: [{ __typename: 'Promotion', id: 'p-app-30' }, { __typename: 'Promotion', id: 'promo-nope' }] },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toEqual([{ id: 'p-app-30', name: 'Campaign p-app-30', discount: { percentOff: 30 } }, null]);
  });
});

describe('Customer.personalOffers', () => {
  const OFFERS = `query ($reps: [_Any!]!, $channel: Channel) {
    _entities(representations: $reps) { ... on Customer { id personalOffers(channel: $channel) { id } } }
  }`;
  const offers = async (customerId: string, channel?: string) => {
    const body = await promotions.query(OFFERS, { reps: [{ __typename: 'Customer', id: customerId }], channel });
    expect(body.errors).toBeUndefined();
    return body.data!._entities[0].personalOffers.map((p: { id: string }) => p.id);
  };

  it('lists the active personal offers of a customer in their audience', async () => {
    expect(await offers('cust-00001')).toEqual(['p-gold-15']);
    expect(await offers('cust-00003')).toEqual(['p-goodwill-500-off']);
    expect(await offers('cust-00009')).toEqual([]);
  });

  it('keeps only the offers of the channel given', async () => {
    expect(await offers('cust-00003', 'CALL_CENTER')).toEqual(['p-goodwill-500-off']);
    expect(await offers('cust-00003', 'WEB')).toEqual([]);
  });
});
