import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerId } from '../../subgraphs/shared/universe.js';
import { ORDERS, startCustomerSubgraph, type TestCustomerSubgraph } from './harness.js';

let customer: TestCustomerSubgraph;
beforeAll(async () => {
  customer = await startCustomerSubgraph();
});
afterAll(() => customer?.close());

const STATE = /* GraphQL */ `
  query ($id: ID!) {
    customer(id: $id) {
      consents { email sms personalizedOffers updatedAt }
      wishlist { addedAt variant { sku } }
      supportTickets { id subject body status channel openedAt order { id } }
    }
  }
`;
const stateOf = async (id: string) => (await customer.query(STATE, { id })).data.customer;

const ADD = `mutation ($c: ID!, $s: ID!) { addToWishlist(customerId: $c, sku: $s) { wishlist { addedAt variant { sku } } userErrors { code message field } } }`;
const REMOVE = `mutation ($c: ID!, $s: ID!) { removeFromWishlist(customerId: $c, sku: $s) { wishlist { variant { sku } } userErrors { code message field } } }`;
const OPEN = /* GraphQL */ `
  mutation ($input: TicketInput!) {
    openSupportTicket(input: $input) {
      ticket { id subject body status channel openedAt order { id } }
      userErrors { code message field }
    }
  }
`;
const CONSENTS = /* GraphQL */ `
  mutation ($c: ID!, $input: ConsentsInput!) {
    updateConsents(customerId: $c, input: $input) {
      customer { id consents { email sms personalizedOffers updatedAt } }
      userErrors { code message field }
    }
  }
`;

const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);

describe('addToWishlist', () => {
  const id = customerId(21);

  it('saves a SKU at the top of the wishlist', async () => {
    const { data } = await customer.query(ADD, { c: id, s: 'SKU-00007-1' });
    expect(data.addToWishlist.userErrors).toEqual([]);
    expect(data.addToWishlist.wishlist[0].variant).toEqual({ sku: 'SKU-00007-1' });
    expect((await stateOf(id)).wishlist).toEqual(data.addToWishlist.wishlist);
  });

  it('is idempotent: saving the same SKU twice keeps one entry and its first date', async () => {
    const once = (await customer.query(ADD, { c: id, s: 'SKU-00008-2' })).data.addToWishlist.wishlist;
    const twice = (await customer.query(ADD, { c: id, s: 'SKU-00008-2' })).data.addToWishlist;
    expect(twice.userErrors).toEqual([]);
    expect(twice.wishlist).toEqual(once);
    expect(twice.wishlist.filter((i: { variant: { sku: string } }) => i.variant.sku === 'SKU-00008-2')).toHaveLength(1);
  });

  it('refuses an unknown customer with CUSTOMER_NOT_FOUND and changes nothing', async () => {
    const before = await customer.snapshot();
    const { data } = await customer.query(ADD, { c: 'cust-unknown', s: 'SKU-00007-1' });
    expect(data.addToWishlist).toMatchObject({ wishlist: null, userErrors: [{ code: 'CUSTOMER_NOT_FOUND', field: ['customerId'] }] });
    expect(await customer.snapshot()).toEqual(before);
  });

  it('refuses something that is not a SKU with INVALID_SKU and changes nothing', async () => {
    const before = await customer.snapshot();
    for (const sku of ['', 'sku-1', 'SKU 1', 'SKU--1', `SKU-${'9'.repeat(70)}`]) {
      const { data } = await customer.query(ADD, { c: id, s: sku });
      expect(data.addToWishlist).toMatchObject({ wishlist: null, userErrors: [{ code: 'INVALID_SKU', field: ['sku'] }] });
    }
    expect(await customer.snapshot()).toEqual(before);
  });

  it('reports every problem at once', async () => {
    const { data } = await customer.query(ADD, { c: 'cust-unknown', s: 'not a sku' });
    expect(codes(data.addToWishlist)).toEqual(['CUSTOMER_NOT_FOUND', 'INVALID_SKU']);
  });
});

describe('removeFromWishlist', () => {
  const id = customerId(22);

  it('removes a saved SKU', async () => {
    await customer.query(ADD, { c: id, s: 'SKU-00009-1' });
    const { data } = await customer.query(REMOVE, { c: id, s: 'SKU-00009-1' });
    expect(data.removeFromWishlist.userErrors).toEqual([]);
    expect(data.removeFromWishlist.wishlist.map((i: { variant: { sku: string } }) => i.variant.sku)).not.toContain('SKU-00009-1');
    expect((await stateOf(id)).wishlist.map((i: { variant: { sku: string } }) => i.variant.sku)).not.toContain('SKU-00009-1');
  });

  it('refuses a SKU that is not in the wishlist with NOT_IN_WISHLIST and changes nothing', async () => {
    const before = await customer.snapshot();
    const { data } = await customer.query(REMOVE, { c: id, s: 'SKU-00010-9' });
    expect(data.removeFromWishlist).toMatchObject({ wishlist: null, userErrors: [{ code: 'NOT_IN_WISHLIST', field: ['sku'] }] });
    expect(await customer.snapshot()).toEqual(before);
  });

  it('refuses an unknown customer with CUSTOMER_NOT_FOUND and changes nothing', async () => {
    const before = await customer.snapshot();
    const { data } = await customer.query(REMOVE, { c: 'cust-unknown', s: 'SKU-00010-9' });
    expect(codes(data.removeFromWishlist)).toEqual(['CUSTOMER_NOT_FOUND']);
    expect(await customer.snapshot()).toEqual(before);
  });
});

describe('openSupportTicket', () => {
  const id = customerId(23);
  const ownOrder = ORDERS.find((o) => o.customerId === id)!;
  const otherOrder = ORDERS.find((o) => o.customerId !== id)!;
  const input = (extra: Record<string, unknown> = {}) => ({
    customerId: id,
    subject: '  Parcel not received  ',
    body: 'The tracking says delivered but nothing arrived.',
    channel: 'CALL_CENTER',
    ...extra,
  });

  it('opens a ticket about one of the customer\'s orders, newest first in their tickets', async () => {
    const { data } = await customer.query(OPEN, { input: input({ orderId: ownOrder.id }) });
    const { ticket, userErrors } = data.openSupportTicket;
    expect(userErrors).toEqual([]);
    expect(ticket).toMatchObject({ subject: 'Parcel not received', body: 'The tracking says delivered but nothing arrived.', status: 'OPEN', channel: 'CALL_CENTER', order: { id: ownOrder.id } });
    expect(Date.now() - Date.parse(ticket.openedAt)).toBeLessThan(60_000);
    expect((await stateOf(id)).supportTickets[0]).toEqual(ticket);
    const reference = await customer.entities([{ __typename: 'SupportTicket', id: ticket.id }], '... on SupportTicket { id subject }');
    expect(reference.data!._entities).toEqual([{ id: ticket.id, subject: 'Parcel not received' }]);
  });

  it('opens a ticket about no order', async () => {
    const { data } = await customer.query(OPEN, { input: input() });
    expect(data.openSupportTicket.userErrors).toEqual([]);
    expect(data.openSupportTicket.ticket.order).toBeNull();
  });

  it.each([
    ['another customer\'s order', { orderId: otherOrder.id }, ['ORDER_NOT_FOUND']],
    ['an unknown order', { orderId: 'ord-unknown' }, ['ORDER_NOT_FOUND']],
    ['an empty subject', { subject: '   ' }, ['INVALID_SUBJECT']],
    ['a subject over 200 characters', { subject: 'x'.repeat(201) }, ['INVALID_SUBJECT']],
    ['an empty body', { body: '' }, ['INVALID_BODY']],
    ['a body over 5000 characters', { body: 'x'.repeat(5001) }, ['INVALID_BODY']],
    ['an unknown customer', { customerId: 'cust-unknown' }, ['CUSTOMER_NOT_FOUND']],
    ['an empty subject and body for an unknown customer', { customerId: 'cust-unknown', subject: '', body: '' }, ['INVALID_SUBJECT', 'INVALID_BODY', 'CUSTOMER_NOT_FOUND']],
  ])('refuses %s and changes nothing', async (_name, extra, expected) => {
    const before = await customer.snapshot();
    const { data } = await customer.query(OPEN, { input: input(extra) });
    expect(data.openSupportTicket.ticket).toBeNull();
    expect(codes(data.openSupportTicket)).toEqual(expected);
    expect(await customer.snapshot()).toEqual(before);
  });
});

describe('updateConsents', () => {
  const id = customerId(24);

  it('changes the consents given, keeps the others, and sets updatedAt', async () => {
    const before = (await stateOf(id)).consents;
    const { data } = await customer.query(CONSENTS, { c: id, input: { sms: !before.sms } });
    const { customer: updated, userErrors } = data.updateConsents;
    expect(userErrors).toEqual([]);
    expect(updated.consents).toMatchObject({ email: before.email, sms: !before.sms, personalizedOffers: before.personalizedOffers });
    expect(Date.now() - Date.parse(updated.consents.updatedAt)).toBeLessThan(60_000);
    expect((await stateOf(id)).consents).toEqual(updated.consents);
  });

  it('changes nothing, updatedAt included, when no consent is given', async () => {
    const consents = (await stateOf(id)).consents;
    const before = await customer.snapshot();
    const { data } = await customer.query(CONSENTS, { c: id, input: { email: null } });
    expect(data.updateConsents).toEqual({ customer: { id, consents }, userErrors: [] });
    expect(await customer.snapshot()).toEqual(before);
  });

  it('refuses an unknown customer with CUSTOMER_NOT_FOUND and changes nothing', async () => {
    const before = await customer.snapshot();
    const { data } = await customer.query(CONSENTS, { c: 'cust-unknown', input: { email: false } });
    expect(data.updateConsents).toMatchObject({ customer: null, userErrors: [{ code: 'CUSTOMER_NOT_FOUND', field: ['customerId'] }] });
    expect(await customer.snapshot()).toEqual(before);
  });

  it('shows the new consents to later fields of the same request', async () => {
    const both = await customer.query(
      `mutation ($c: ID!) {
        off: updateConsents(customerId: $c, input: { email: false }) { customer { consents { email } } }
        on: updateConsents(customerId: $c, input: { email: true }) { customer { consents { email } } }
      }`,
      { c: id },
    );
    expect(both.data).toEqual({ off: { customer: { consents: { email: false } } }, on: { customer: { consents: { email: true } } } });
  });
});
