/**
 * Store staff and the customer in front of them, through the real gateway over HTTP (DOMAIN.md:
 * "Store staff may read a customer's profile, orders, wishlist, tickets and personal offers only
 * when that customer consented, each read audited; the call center keeps its wider rights").
 * Staff find customers by name, e-mail or loyalty card number, open those who consented to
 * personalised service (`consents.personalizedOffers`), get CONSENT_REQUIRED and no data for the
 * others — also on paths that reach personal offers without the customer subgraph's own root
 * field — never see addresses, and leave one audit line per customer and request.
 * The customers are picked from the seed by asking as the call center, not hard-coded.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../subgraphs/shared/audit.js';
import { operation } from '../support/operations.js';
import { postGraphQL, startGraph, type GraphQLResponse, type TestGraph } from '../support/graph.js';
import { asCallCenter, asStoreStaff } from '../support/tokens.js';

const STORE = 'store-01';

interface SeedCustomer {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  consents: { personalizedOffers: boolean };
  orders: { totalCount: number; edges: { node: { id: string } }[] };
  wishlist: unknown[];
  supportTickets: unknown[];
  addresses: { line1: string }[];
  personalOffers: { id: string }[];
}

const SEED_VIEW = /* GraphQL */ `
  query SeedView($search: String!) {
    customers(search: $search, first: 50) {
      id firstName lastName email
      consents { personalizedOffers }
      orders(first: 1) { totalCount edges { node { id } } }
      wishlist { addedAt }
      supportTickets { id }
      addresses { line1 }
      personalOffers { id }
    }
  }
`;

/** Everything staff may read of a customer, in one request. */
const OPEN_CUSTOMER = /* GraphQL */ `
  query OpenCustomer($id: ID!) {
    customer(id: $id) {
      id firstName lastName email phone
      loyalty { tier points }
      preferredStore { id name }
      consents { email sms personalizedOffers updatedAt }
      orders(first: 5) { totalCount edges { node { id number status total { amount currency } } } }
      wishlist { addedAt variant { sku } }
      supportTickets { id subject status }
      personalOffers { id name }
    }
  }
`;

const SEARCH = `query ($search: String!) { customers(search: $search, first: 10) { id firstName } }`;

let graph: TestGraph;
const audits: AuditEntry[] = [];
let consenting: SeedCustomer;
let unconsenting: SeedCustomer;
let staff: Record<string, string>;
let agent: Record<string, string>;

beforeAll(async () => {
  graph = await startGraph({ subgraph: { audit: (entry: AuditEntry) => void audits.push(entry) } });
  [staff, agent] = await Promise.all([asStoreStaff(STORE), asCallCenter()]);
  // Every seeded e-mail is at an example.* domain: the call center's search lists the first 50.
  const seen = await postGraphQL<{ customers: SeedCustomer[] }>(graph.gatewayUrl, SEED_VIEW, { search: 'example' }, agent);
  expect(seen.body.errors).toBeUndefined();
  const customers = seen.body.data!.customers;
  const rich = (c: SeedCustomer) =>
    c.orders.totalCount > 0 && c.wishlist.length > 0 && c.supportTickets.length > 0 && c.personalOffers.length > 0 && c.addresses.length > 0;
  consenting = customers.find((c) => c.consents.personalizedOffers && rich(c))!;
  unconsenting = customers.find((c) => !c.consents.personalizedOffers && c.orders.totalCount > 0 && c.addresses.length > 0)!;
  expect(consenting, 'a consenting customer with orders, wishlist, tickets and offers').toBeDefined();
  expect(unconsenting, 'a customer who did not consent, with orders').toBeDefined();
});
afterAll(() => graph?.close());

/** Posts as store staff of STORE (or `headers`) and returns the body. */
async function ask<TData = any>(query: string, variables: Record<string, unknown>, headers = staff): Promise<GraphQLResponse<TData>['body']> {
  const answer = await postGraphQL<TData>(graph.gatewayUrl, query, variables, headers);
  expect(answer.status).toBe(200);
  return answer.body;
}

const codes = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => [...new Set((body.errors ?? []).map((e) => String(e.extensions?.code)))];

/** What `act` left in the audit trail. */
async function auditedBy(act: () => Promise<unknown>): Promise<AuditEntry[]> {
  const from = audits.length;
  await act();
  return audits.slice(from);
}

/** The secrets of a customer that no refused answer may hold. */
const secretsOf = (c: SeedCustomer) => [c.lastName, c.email, c.addresses[0]!.line1, ...c.orders.edges.map((e) => e.node.id), ...c.personalOffers.map((o) => o.id)];

describe('searching as store staff', () => {
  it('finds the customer in front of them by name, e-mail or loyalty card number, with the public fields only', async () => {
    const ids = async (search: string) => ((await ask<{ customers: { id: string }[] }>(SEARCH, { search })).data?.customers ?? []).map((c) => c.id);
    for (const who of [consenting, unconsenting]) {
      expect(await ids(`${who.firstName} ${who.lastName}`), `name of ${who.id}`).toContain(who.id);
      expect(await ids(who.email.toUpperCase()), `e-mail of ${who.id}`).toEqual([who.id]);
      // The loyalty card carries the customer number: the id, or its digits with or without zeros.
      const digits = who.id.replace(/^cust-/, '');
      // (A search has at least two characters: customer 1's card is typed "cust-00001" or "00001".)
      const cards = [who.id, digits, String(Number(digits))].filter((card) => card.length >= 2);
      for (const card of cards) expect((await ids(card))[0], `card ${card}`).toBe(who.id);
    }
    const found = await ask(SEARCH, { search: unconsenting.id });
    expect(found).toEqual({ data: { customers: [{ id: unconsenting.id, firstName: unconsenting.firstName }] } });
  });

  it('answers CONSENT_REQUIRED, and no data, when the search asks for personal fields of a customer who did not consent', async () => {
    const body = await ask(`query ($search: String!) { customers(search: $search) { id lastName email } }`, { search: unconsenting.id });
    expect(body.data).toBeNull();
    expect(codes(body)).toEqual(['CONSENT_REQUIRED']);
    for (const secret of secretsOf(unconsenting)) expect(JSON.stringify(body)).not.toContain(secret);
  });

  it('gives the personal fields of a customer who consented in the results', async () => {
    const body = await ask(`query ($search: String!) { customers(search: $search) { id lastName email loyalty { tier } } }`, { search: consenting.email });
    expect(body.errors).toBeUndefined();
    expect(body.data.customers).toEqual([{ id: consenting.id, lastName: consenting.lastName, email: consenting.email, loyalty: { tier: expect.any(String) } }]);
  });
});

describe('opening a customer as store staff', () => {
  it('shows a customer who consented: profile, loyalty, orders, wishlist, tickets and personal offers, as the call center sees them', async () => {
    const body = await ask(OPEN_CUSTOMER, { id: consenting.id });
    expect(body.errors).toBeUndefined();
    const customer = body.data.customer;
    expect(customer).toMatchObject({ id: consenting.id, lastName: consenting.lastName, email: consenting.email, consents: { personalizedOffers: true } });
    expect(customer.orders.totalCount).toBe(consenting.orders.totalCount);
    expect(customer.wishlist.length).toBe(consenting.wishlist.length);
    expect(customer.supportTickets.length).toBe(consenting.supportTickets.length);
    expect(customer.personalOffers.map((o: { id: string }) => o.id)).toEqual(consenting.personalOffers.map((o) => o.id));
    expect(await ask(OPEN_CUSTOMER, { id: consenting.id }, agent)).toEqual(body);
  });

  it('runs the call center\'s Customer360 unchanged for a customer who consented', async () => {
    const body = await ask(operation('Customer360'), { id: consenting.id });
    expect(body.errors).toBeUndefined();
    expect(body).toEqual(await ask(operation('Customer360'), { id: consenting.id }, agent));
  });

  it('answers null with CONSENT_REQUIRED, and no personal data, for a customer who did not consent', async () => {
    const body = await ask(OPEN_CUSTOMER, { id: unconsenting.id });
    expect(body.data).toEqual({ customer: null });
    expect(codes(body)).toEqual(['CONSENT_REQUIRED']);
    expect(body.errors![0]!.message).toMatch(/has not consented to personalised service in store/);
    for (const secret of secretsOf(unconsenting)) expect(JSON.stringify(body)).not.toContain(secret);
    // The public fields alone stay open: staff can tell whom they have found.
    expect(await ask(`query ($id: ID!) { customer(id: $id) { id firstName } }`, { id: unconsenting.id })).toEqual({
      data: { customer: { id: unconsenting.id, firstName: unconsenting.firstName } },
    });
  });

  it('refuses personal offers alone for a customer who did not consent', async () => {
    const body = await ask(`query ($id: ID!) { customer(id: $id) { id personalOffers { id } } }`, { id: unconsenting.id });
    expect(body.data?.customer ?? null).toBeNull();
    expect(codes(body)).toEqual(['CONSENT_REQUIRED']);
    for (const secret of secretsOf(unconsenting)) expect(JSON.stringify(body)).not.toContain(secret);
  });

  it('never shows addresses, even of a customer who consented', async () => {
    for (const who of [consenting, unconsenting]) {
      const body = await ask(`query ($id: ID!) { customer(id: $id) { id addresses { line1 } } }`, { id: who.id });
      expect(body.data?.customer ?? null).toBeNull();
      expect(codes(body)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(body)).not.toContain(who.addresses[0]!.line1);
    }
  });
});

describe('personal offers reached through a reservation', () => {
  // `reservation(id) { customer { personalOffers } }` reaches the promotions subgraph with a
  // Customer representation: the consent it needs comes from the customer subgraph on the way.
  const RESERVATION = `query ($id: ID!) { reservation(id: $id) { id customer { id personalOffers { id } } } }`;

  async function reserveFor(customerId: string): Promise<string> {
    const sku = (await ask<{ products: { edges: { node: { variants: { sku: string }[] } }[] } }>('{ products(first: 1) { edges { node { variants { sku } } } } }', {})).data!.products.edges[0]!.node.variants[0]!.sku;
    const body = await ask(operation('ReserveForPickup'), { input: { sku, locationId: STORE, quantity: 1, customerId }, idempotencyKey: randomUUID() });
    expect(body.data?.reserveForPickup.userErrors).toEqual([]);
    return body.data!.reserveForPickup.reservation.id;
  }

  it('refuses them for a customer who did not consent, in the promotions subgraph too', async () => {
    const id = await reserveFor(unconsenting.id);
    const promotionsBefore = graph.subgraphs.promotions.stats.requests;
    const body = await ask(RESERVATION, { id });
    expect(body.data.reservation.id).toBe(id);
    // The refusal of the consent it requires leaves personalOffers unresolved (and, as Apollo's
    // planner fetches the consent with the customer, the customer null): null, CONSENT_REQUIRED.
    expect(body.data.reservation.customer?.personalOffers ?? null).toBeNull();
    expect(codes(body)).toEqual(['CONSENT_REQUIRED']);
    for (const secret of secretsOf(unconsenting)) expect(JSON.stringify(body)).not.toContain(secret);
    // Without the customer's consent the gateway has no representation to send: promotions is not asked.
    expect(graph.subgraphs.promotions.stats.requests).toBe(promotionsBefore);
    // The call center sees them.
    const byAgent = await ask(RESERVATION, { id }, agent);
    expect(byAgent.errors).toBeUndefined();
    expect(byAgent.data.reservation.customer.id).toBe(unconsenting.id);
  });

  it('gives them for a customer who consented', async () => {
    const id = await reserveFor(consenting.id);
    const body = await ask(RESERVATION, { id });
    expect(body.errors).toBeUndefined();
    expect(body.data.reservation.customer).toEqual({ id: consenting.id, personalOffers: consenting.personalOffers });
  });
});

describe('the audit trail of store staff reads', () => {
  const staffPrincipal = { subject: `staff-${STORE}`, scopes: ['store:staff'], storeId: STORE };

  it('records one line per customer and request, however many fields and aliases read it', async () => {
    const query = `query ($id: ID!) { a: customer(id: $id) { lastName email orders { totalCount } } b: customer(id: $id) { wishlist { addedAt } personalOffers { id } } }`;
    const left = await auditedBy(() => ask(query, { id: consenting.id }));
    expect(left).toEqual([
      { audit: true, subgraph: 'customer', operation: 'readCustomer', principal: staffPrincipal, outcome: 'succeeded', target: { customerId: consenting.id } },
    ]);
  });

  it('records a read refused for want of consent as forbidden', async () => {
    const left = await auditedBy(() => ask(OPEN_CUSTOMER, { id: unconsenting.id }));
    expect(left).toEqual([
      { audit: true, subgraph: 'customer', operation: 'readCustomer', principal: staffPrincipal, outcome: 'forbidden', target: { customerId: unconsenting.id } },
    ]);
  });

  it('records each customer of a search whose personal fields are read, and none for the public fields', async () => {
    expect(await auditedBy(() => ask(SEARCH, { search: consenting.email }))).toEqual([]);
    const left = await auditedBy(() => ask(`query ($search: String!) { customers(search: $search) { id email } }`, { search: consenting.email }));
    expect(left.map((e) => [e.operation, e.outcome, e.target])).toEqual([['readCustomer', 'succeeded', { customerId: consenting.id }]]);
  });

  it('records nothing for the call center, who keeps its wider rights', async () => {
    const left = await auditedBy(async () => {
      for (const who of [consenting, unconsenting]) {
        const body = await ask(`query ($id: ID!) { customer(id: $id) { id lastName addresses { line1 } personalOffers { id } } }`, { id: who.id }, agent);
        expect(body.errors).toBeUndefined();
        expect(body.data.customer).toEqual({ id: who.id, lastName: who.lastName, addresses: who.addresses, personalOffers: who.personalOffers });
      }
    });
    expect(left.filter((e) => e.operation.startsWith('read'))).toEqual([]);
  });
});
