/**
 * The customer subgraph's own ownership rules, straight against it (as a request around the
 * gateway would come): a customer sees and changes only itself, the call center everyone, store
 * staff the personal fields (not the addresses) of customers who consented to personalised
 * service, and the orders, wishlist... of someone the caller may not see are never even read (SQL
 * statements counted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type SubgraphPrincipal } from '../../platform/principal.js';
import { demoCustomers } from '../../subgraphs/customer/demo-customers.js';
import { customerId, locations, products } from '../../subgraphs/shared/universe.js';
import { ORDERS, SIZE, errorCodes, startCustomerSubgraph, type GraphQLBody, type TestCustomerSubgraph } from './harness.js';

let customer: TestCustomerSubgraph;
beforeAll(async () => {
  customer = await startCustomerSubgraph();
});
afterAll(() => customer?.close());

const asCustomer = (id: string): SubgraphPrincipal => ({ authenticated: true, subject: id, scopes: ['customer'] });
const CALL_CENTER: SubgraphPrincipal = { authenticated: true, subject: 'agent-7', scopes: ['callcenter'] };
const STORE_STAFF: SubgraphPrincipal = {
  authenticated: true,
  subject: 'staff-3',
  scopes: ['store:staff'],
  storeId: locations().find((l) => l.kind === 'STORE')!.id,
};

// Two customers with orders, tickets and a wishlist in the seed (cust-00001.. are showcase customers).
const OWNER = customerId(1);
const OTHER = customerId(2);
const ownOrder = ORDERS.find((o) => o.customerId === OWNER)!;
const othersOrder = ORDERS.find((o) => o.customerId === OTHER)!;
// A customer of the seed who did not consent to personalised service, with orders to protect.
const UNCONSENTED = demoCustomers(SIZE, products(SIZE), ORDERS).customers.find(
  (c) => c.consents_personalized === 0 && ORDERS.some((o) => o.customerId === c.id),
)!.id;

const PERSONAL_FIELDS = ['lastName', 'email', 'phone', 'loyalty', 'preferredStore', 'addresses', 'consents', 'orders', 'wishlist', 'supportTickets'];
const EVERYTHING = /* GraphQL */ `
  query ($id: ID!) {
    customer(id: $id) {
      id firstName lastName email phone
      loyalty { tier points }
      preferredStore { id }
      addresses { city }
      consents { email sms personalizedOffers updatedAt }
      orders(first: 3) { totalCount edges { node { id number lines { quantity } } } }
      wishlist { addedAt variant { sku } }
      supportTickets { id subject order { id } }
    }
  }
`;
const PUBLIC_ONLY = `query ($id: ID!) { customer(id: $id) { id firstName } }`;
const FIELD_SELECTIONS: Record<string, string> = {
  lastName: 'lastName',
  email: 'email',
  phone: 'phone',
  loyalty: 'loyalty { tier }',
  preferredStore: 'preferredStore { id }',
  addresses: 'addresses { city }',
  consents: 'consents { email }',
  orders: 'orders(first: 3) { totalCount edges { node { id } } }',
  wishlist: 'wishlist { addedAt }',
  supportTickets: 'supportTickets { id }',
};

/** The top-level field name of each error's path, with its code. */
const refusals = (body: GraphQLBody<unknown>) =>
  (body.errors ?? []).map((e) => `${String(e.path?.at(-1))}:${String(e.extensions?.code)}`).sort();

describe('reading a customer', () => {
  it('shows a customer every personal field of its own record, as the call center sees it', async () => {
    const own = await customer.query(EVERYTHING, { id: OWNER }, { as: asCustomer(OWNER) });
    expect(own.errors).toBeUndefined();
    expect(own.data.customer.orders.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(ownOrder.id);
    const byCallCenter = await customer.query(EVERYTHING, { id: OWNER }, { as: CALL_CENTER });
    expect(byCallCenter.errors).toBeUndefined();
    expect(own.data).toEqual(byCallCenter.data);
  });

  it('refuses every personal field of another customer with FORBIDDEN, and never reads their orders, wishlist or tickets', async () => {
    const baseline = await customer.measure(PUBLIC_ONLY, { id: OTHER }, { as: asCustomer(OWNER) });
    expect(baseline.body.errors).toBeUndefined();
    expect(baseline.body.data.customer).toEqual({ id: OTHER, firstName: expect.any(String) });
    const allowed = await customer.query(EVERYTHING, { id: OTHER }, { as: CALL_CENTER });

    for (const field of PERSONAL_FIELDS) {
      const selection = FIELD_SELECTIONS[field]!;
      const query = `query ($id: ID!) { customer(id: $id) { id firstName ${selection} } }`;
      const { body, statements } = await customer.measure(query, { id: OTHER }, { as: asCustomer(OWNER) });
      expect(refusals(body), field).toEqual([`${field}:FORBIDDEN`]);
      // Only the public profile row was read: no order, line, address, wishlist or ticket statement.
      expect(statements, field).toBe(baseline.statements);
      const text = JSON.stringify(body);
      for (const secret of [othersOrder.id, allowed.data.customer.email, allowed.data.customer.lastName]) expect(text).not.toContain(secret);
      // The call center's same request does read them: the count above would have shown it.
      if (['addresses', 'orders', 'wishlist', 'supportTickets'].includes(field)) {
        expect((await customer.measure(query, { id: OTHER }, { as: CALL_CENTER })).statements, field).toBeGreaterThan(baseline.statements);
      }
    }

    const { body, statements } = await customer.measure(EVERYTHING, { id: OTHER }, { as: asCustomer(OWNER) });
    expect(new Set(errorCodes(body))).toEqual(new Set(['FORBIDDEN']));
    expect(statements).toBe(baseline.statements);
  });

  it('shows store staff every personal field but the addresses of a customer who consented (OWNER is a showcase customer)', async () => {
    const staffFields = PERSONAL_FIELDS.filter((field) => field !== 'addresses');
    const query = `query ($id: ID!) { customer(id: $id) { id firstName ${staffFields.map((f) => FIELD_SELECTIONS[f]).join(' ')} } }`;
    const byStaff = await customer.query(query, { id: OWNER }, { as: STORE_STAFF });
    expect(byStaff.errors).toBeUndefined();
    expect(byStaff.data).toEqual((await customer.query(query, { id: OWNER }, { as: CALL_CENTER })).data);
    expect(byStaff.data.customer.consents.email).toEqual(expect.any(Boolean));
    const addresses = await customer.measure(`query ($id: ID!) { customer(id: $id) { id addresses { city } } }`, { id: OWNER }, { as: STORE_STAFF });
    expect(errorCodes(addresses.body)).toEqual(['FORBIDDEN']);
  });

  it('refuses store staff every personal field of a customer who did not consent with CONSENT_REQUIRED, reading nothing more', async () => {
    const baseline = await customer.measure(PUBLIC_ONLY, { id: UNCONSENTED }, { as: STORE_STAFF });
    expect(baseline.body.errors).toBeUndefined();
    expect(baseline.body.data.customer).toEqual({ id: UNCONSENTED, firstName: expect.any(String) });
    const allowed = await customer.query(EVERYTHING, { id: UNCONSENTED }, { as: CALL_CENTER });
    for (const field of PERSONAL_FIELDS) {
      const query = `query ($id: ID!) { customer(id: $id) { id firstName ${FIELD_SELECTIONS[field]!} } }`;
      const { body, statements } = await customer.measure(query, { id: UNCONSENTED }, { as: STORE_STAFF });
      expect(refusals(body), field).toEqual([`${field}:${field === 'addresses' ? 'FORBIDDEN' : 'CONSENT_REQUIRED'}`]);
      expect(statements, field).toBe(baseline.statements);
      const text = JSON.stringify(body);
      for (const secret of [allowed.data.customer.email, allowed.data.customer.lastName, allowed.data.customer.orders.edges[0].node.id]) {
        expect(text, field).not.toContain(secret);
      }
    }
  });

  it('refuses an anonymous lookup with UNAUTHORIZED before reading anything', async () => {
    const { body, statements } = await customer.measure(PUBLIC_ONLY, { id: OWNER }, { as: ANONYMOUS });
    expect(errorCodes(body)).toEqual(['UNAUTHORIZED']);
    expect(body.data?.customer ?? null).toBeNull();
    expect(statements).toBe(0);
  });

  it('guards the personal fields of an entity reference the same way', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id firstName orders { totalCount } } } }`;
    const representations = [{ __typename: 'Customer', id: OTHER }];
    const baseline = await customer.measure(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id firstName } } }`, { r: representations }, { as: asCustomer(OWNER) });
    const { body, statements } = await customer.measure(query, { r: representations }, { as: asCustomer(OWNER) });
    expect(errorCodes(body)).toEqual(['FORBIDDEN']);
    expect(statements).toBe(baseline.statements);
    const own = await customer.query(query, { r: [{ __typename: 'Customer', id: OWNER }] }, { as: asCustomer(OWNER) });
    expect(own.errors).toBeUndefined();
    expect(own.data._entities[0].orders.totalCount).toBe(ORDERS.filter((o) => o.customerId === OWNER).length);
  });
});

describe('customer search', () => {
  const SEARCH = `{ customers(search: "ma", first: 3) { id lastName } }`;

  it('is open to the call center', async () => {
    const body = await customer.query(SEARCH, {}, { as: CALL_CENTER });
    expect(body.errors).toBeUndefined();
    expect(body.data.customers.length).toBeGreaterThan(0);
  });

  it('is open to store staff, who get the public fields of every match', async () => {
    const body = await customer.query(`{ customers(search: "ma", first: 50) { id firstName } }`, {}, { as: STORE_STAFF });
    expect(body.errors).toBeUndefined();
    expect(body.data.customers).toEqual((await customer.query(`{ customers(search: "ma", first: 50) { id firstName } }`, {}, { as: CALL_CENTER })).data.customers);
  });

  it.each([
    ['a customer', 'FORBIDDEN', asCustomer(OWNER)],
    ['an anonymous caller', 'UNAUTHORIZED', ANONYMOUS],
  ] as const)('refuses %s with %s before searching', async (_who, code, as) => {
    const { body, statements } = await customer.measure(SEARCH, {}, { as });
    expect(errorCodes(body)).toEqual([code]);
    expect(statements).toBe(0);
  });
});

describe('orders and tickets looked up by their own id', () => {
  const ORDER = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id number } } }`;

  it('shows a customer its own order and refuses another customer\'s with FORBIDDEN', async () => {
    const own = await customer.query(ORDER, { r: [{ __typename: 'Order', id: ownOrder.id }] }, { as: asCustomer(OWNER) });
    expect(own.errors).toBeUndefined();
    expect(own.data._entities).toEqual([{ id: ownOrder.id, number: ownOrder.number }]);
    const others = await customer.query(ORDER, { r: [{ __typename: 'Order', id: othersOrder.id }] }, { as: asCustomer(OWNER) });
    expect(errorCodes(others)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(others)).not.toContain(othersOrder.number);
  });

  it('refuses store staff and anonymous callers before reading the order', async () => {
    for (const [as, code] of [[STORE_STAFF, 'FORBIDDEN'], [ANONYMOUS, 'UNAUTHORIZED']] as const) {
      const { body, statements } = await customer.measure(ORDER, { r: [{ __typename: 'Order', id: ownOrder.id }] }, { as });
      expect(errorCodes(body)).toEqual([code]);
      expect(statements).toBe(0);
    }
  });

  it('shows a ticket to its customer only', async () => {
    const ticketId = (await customer.query(`{ customer(id: "${OTHER}") { supportTickets { id } } }`, {}, { as: CALL_CENTER })).data.customer.supportTickets[0].id;
    const TICKET = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on SupportTicket { id subject } } }`;
    const r = [{ __typename: 'SupportTicket', id: ticketId }];
    expect((await customer.query(TICKET, { r }, { as: asCustomer(OTHER) })).data._entities).toEqual([{ id: ticketId, subject: expect.any(String) }]);
    expect(errorCodes(await customer.query(TICKET, { r }, { as: asCustomer(OWNER) }))).toEqual(['FORBIDDEN']);
  });
});

describe('changing a customer', () => {
  const ADD = `mutation ($c: ID!, $s: ID!) { addToWishlist(customerId: $c, sku: $s) { wishlist { variant { sku } } userErrors { code } } }`;
  const REMOVE = `mutation ($c: ID!, $s: ID!) { removeFromWishlist(customerId: $c, sku: $s) { wishlist { variant { sku } } userErrors { code } } }`;
  const CONSENTS = `mutation ($c: ID!) { updateConsents(customerId: $c, input: { sms: false }) { customer { id } userErrors { code } } }`;
  const OPEN = `mutation ($input: TicketInput!) { openSupportTicket(input: $input) { ticket { id } userErrors { code } } }`;
  const ticketFor = (id: string) => ({ customerId: id, subject: 'Where is my parcel?', body: 'Ordered last week.', channel: 'WEB' });

  it('lets a customer change its own wishlist, consents and tickets', async () => {
    const me = customerId(31);
    const as = asCustomer(me);
    const added = await customer.query(ADD, { c: me, s: 'SKU-00011-1' }, { as });
    expect(added.data.addToWishlist.userErrors).toEqual([]);
    expect((await customer.query(REMOVE, { c: me, s: 'SKU-00011-1' }, { as })).data.removeFromWishlist.userErrors).toEqual([]);
    expect((await customer.query(CONSENTS, { c: me }, { as })).data.updateConsents).toEqual({ customer: { id: me }, userErrors: [] });
    expect((await customer.query(OPEN, { input: ticketFor(me) }, { as })).data.openSupportTicket.userErrors).toEqual([]);
  });

  it('lets the call center change any customer', async () => {
    const body = await customer.query(ADD, { c: customerId(32), s: 'SKU-00012-1' }, { as: CALL_CENTER });
    expect(body.data.addToWishlist.userErrors).toEqual([]);
  });

  it.each([
    ['another customer', 'FORBIDDEN', asCustomer(customerId(34))],
    ['store staff', 'FORBIDDEN', STORE_STAFF],
    ['an anonymous caller', 'UNAUTHORIZED', ANONYMOUS],
  ] as const)('refuses %s every change with %s, reading and changing nothing', async (_who, code, as) => {
    const target = customerId(33);
    const before = await customer.snapshot();
    const attempts = [
      customer.measure(ADD, { c: target, s: 'SKU-00013-1' }, { as }),
      customer.measure(REMOVE, { c: target, s: 'SKU-00013-1' }, { as }),
      customer.measure(CONSENTS, { c: target }, { as }),
      customer.measure(OPEN, { input: ticketFor(target) }, { as }),
    ];
    for (const { body } of await Promise.all(attempts)) {
      expect(errorCodes(body)).toEqual([code]);
      expect(body.data).toBeNull();
    }
    expect(await customer.snapshot()).toEqual(before);
    // Checked before the command's transaction: not one statement for any of the four.
    const { statements } = await customer.measure(ADD, { c: target, s: 'SKU-00013-1' }, { as });
    expect(statements).toBe(0);
  });
});
