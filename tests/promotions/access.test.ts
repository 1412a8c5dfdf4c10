/**
 * Customer.personalOffers says which offers were chosen for someone: the customer themselves and
 * the call center see it; anybody else is refused before the promotions are read.
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

describe('Customer.personalOffers', () => {
  it('shows a customer its own offers, as the call center sees them', async () => {
    const own = await promotions.query(OFFERS, { reps }, { as: asCustomer('cust-00001') });
    expect(own.errors).toBeUndefined();
    expect(own.data._entities).toEqual([{ id: 'cust-00001', personalOffers: [{ id: 'p-gold-15' }] }]);
    const callCenter = await promotions.query(OFFERS, { reps }, { as: { authenticated: true, subject: 'agent-1', scopes: ['callcenter'] } });
    expect(callCenter.data).toEqual(own.data);
  });

  it.each([
    ['another customer', 'FORBIDDEN', asCustomer('cust-00002')],
    ['store staff', 'FORBIDDEN', { authenticated: true, subject: 'staff-1', scopes: ['store:staff'], storeId: 'store-01' }],
    ['an anonymous caller', 'UNAUTHORIZED', ANONYMOUS],
  ] as const)('refuses %s with %s before reading any promotion', async (_who, code, as) => {
    const { body, statements } = await promotions.measure(OFFERS, { reps }, { as });
    expect(errorCodes(body)).toEqual([code]);
    expect(JSON.stringify(body)).not.toContain('p-gold-15');
    expect(statements).toBe(0);
  });
});
