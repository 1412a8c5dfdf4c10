/**
 * Customer.personalOffers says which offers were chosen for someone: the customer themselves and
 * the call center see it, store staff when the representation the gateway sends says the customer
 * consented to personalised service; anybody else is refused before the promotions are read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type SubgraphPrincipal } from '../../platform/principal.js';
import { NOW, seedFixture } from './fixture.js';
import { errorCodes, startPromotions, type TestPromotions } from './harness.js';

let promotions: TestPromotions;
beforeAll(async () => {
  promotions = await startPromotions({ seed: seedFixture, now: NOW });
});
afterAll(() => promotions?.close());

const OFFERS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id personalOffers { id } } } }`;
// In the fixture, p-gold-15 is offered to cust-00001 and cust-00002 only.
const reps = [{ __typename: 'Customer', id: 'cust-00001' }];
const asCustomer = (id: string): SubgraphPrincipal => ({ authenticated: true, subject: id, scopes: ['customer'] });
const STAFF: SubgraphPrincipal = { authenticated: true, subject: 'staff-1', scopes: ['store:staff'], storeId: 'store-01' };

describe('Customer.personalOffers', () => {
  it('shows a customer its own offers, as the call center sees them', async () => {
    const own = await promotions.query(OFFERS, { reps }, { as: asCustomer('cust-00001') });
    expect(own.errors).toBeUndefined();
    expect(own.data._entities).toEqual([{ id: 'cust-00001', personalOffers: [{ id: 'p-gold-15' }] }]);
    const callCenter = await promotions.query(OFFERS, { reps }, { as: { authenticated: true, subject: 'agent-1', scopes: ['callcenter'] } });
    expect(callCenter.data).toEqual(own.data);
  });

  it.each([
    ['another customer', 'FORBIDDEN', asCustomer('cust-00002'), reps],
    ['store staff, without the consent in the representation', 'CONSENT_REQUIRED', STAFF, reps],
    ['store staff, for a customer who did not consent', 'CONSENT_REQUIRED', STAFF, [{ ...reps[0], consents: { personalizedOffers: false } }]],
    ['an anonymous caller', 'UNAUTHORIZED', ANONYMOUS, reps],
  ] as const)('refuses %s with %s before reading any promotion', async (_who, code, as, representations) => {
    const { body, statements } = await promotions.measure(OFFERS, { reps: representations }, { as });
    expect(errorCodes(body)).toEqual([code]);
    expect(JSON.stringify(body)).not.toContain('p-gold-15');
    expect(statements).toBe(0);
  });

  it('shows store staff the offers of a customer who consented, as the call center sees them', async () => {
    const consented = [{ ...reps[0], consents: { personalizedOffers: true } }];
    const body = await promotions.query(OFFERS, { reps: consented }, { as: STAFF });
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([{ id: 'cust-00001', personalOffers: [{ id: 'p-gold-15' }] }]);
  });
});
