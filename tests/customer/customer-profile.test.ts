import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerId, locations } from '../../subgraphs/shared/universe.js';
import { ORDERS, errorCodes, startCustomerSubgraph, type TestCustomerSubgraph } from './harness.js';

let customer: TestCustomerSubgraph;
beforeAll(async () => {
  customer = await startCustomerSubgraph();
});
afterAll(() => customer?.close());

const PROFILE = /* GraphQL */ `
  query Profile($id: ID!) {
    customer(id: $id) {
      id firstName lastName email phone
      loyalty { tier points }
      preferredStore { id }
      addresses { line1 line2 postalCode city country }
      consents { email sms personalizedOffers updatedAt }
      wishlist { addedAt variant { sku } }
      supportTickets { id subject status channel openedAt order { id number } }
    }
  }
`;

interface OrderPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

const storeIds = new Set(locations().filter((l) => l.kind === 'STORE').map((l) => l.id));

describe('Query.customer', () => {
  it('returns a showcase customer with a complete profile', async () => {
    const { data, errors } = await customer.query(PROFILE, { id: customerId(1) });
    expect(errors).toBeUndefined();
    const c = data.customer;
    expect(c.id).toBe('cust-00001');
    expect(c.firstName).toMatch(/\S/);
    expect(c.lastName).toMatch(/\S/);
    expect(c.email).toMatch(/^[a-z0-9.]+@example\.(fr|com|net|org)$/);
    expect(c.phone).toMatch(/^\+33[67]\d{8}$/);
    expect(['BASIC', 'SILVER', 'GOLD', 'PLATINUM']).toContain(c.loyalty.tier);
    expect(c.loyalty.points).toBeGreaterThanOrEqual(0);
    expect(storeIds.has(c.preferredStore.id)).toBe(true);
    expect(c.addresses.length).toBeGreaterThanOrEqual(1);
    expect(c.addresses[0]).toMatchObject({ country: 'FR', postalCode: expect.stringMatching(/^\d{5}$/) });
    expect(c.consents).toMatchObject({ email: true, sms: true, personalizedOffers: true });
    expect(Number.isNaN(Date.parse(c.consents.updatedAt))).toBe(false);
  });

  it('returns null for an unknown id, without an error', async () => {
    const body = await customer.query(PROFILE, { id: 'cust-99999' });
    expect(body.errors).toBeUndefined();
    expect(body.data.customer).toBeNull();
  });

  it('lists the wishlist newest first, each item a Variant reference', async () => {
    for (let n = 1; n <= 10; n++) {
      const { data } = await customer.query(PROFILE, { id: customerId(n) });
      const wishlist: { addedAt: string; variant: { sku: string } }[] = data.customer.wishlist;
      expect(wishlist.length).toBeGreaterThanOrEqual(2);
      for (const item of wishlist) expect(item.variant.sku).toMatch(/^SKU-\d{5}-\d$/);
      const dates = wishlist.map((item) => item.addedAt);
      expect(dates).toEqual([...dates].sort().reverse());
    }
  });

  it('lists support tickets newest first; a ticket about an order points at one of the customer\'s orders', async () => {
    let withOrder = 0;
    for (let n = 1; n <= 10; n++) {
      const { data } = await customer.query(PROFILE, { id: customerId(n) });
      const tickets: { openedAt: string; order: { id: string } | null; status: string; channel: string }[] = data.customer.supportTickets;
      expect(tickets.length).toBeGreaterThanOrEqual(1);
      const dates = tickets.map((t) => t.openedAt);
      expect(dates).toEqual([...dates].sort().reverse());
      const own = new Set(ORDERS.filter((o) => o.customerId === customerId(n)).map((o) => o.id));
      for (const ticket of tickets) {
        expect(['OPEN', 'PENDING', 'RESOLVED']).toContain(ticket.status);
        if (ticket.order) {
          withOrder += 1;
          expect(own.has(ticket.order.id)).toBe(true);
        }
      }
    }
    expect(withOrder).toBeGreaterThan(0);
  });

  it('filters support tickets by status', async () => {
    const query = `query ($id: ID!, $status: TicketStatus) { customer(id: $id) { supportTickets(status: $status) { id status } } }`;
    for (let n = 1; n <= 10; n++) {
      const all = (await customer.query(query, { id: customerId(n) })).data.customer.supportTickets as { id: string; status: string }[];
      for (const status of ['OPEN', 'PENDING', 'RESOLVED']) {
        const some = (await customer.query(query, { id: customerId(n), status })).data.customer.supportTickets;
        expect(some).toEqual(all.filter((t) => t.status === status));
      }
    }
  });
});

describe('Customer.orders', () => {
  const ORDERS_PAGE = /* GraphQL */ `
    query ($id: ID!, $first: Int, $after: String) {
      customer(id: $id) {
        orders(first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges {
            cursor
            node {
              id number channel placedAt status fulfillment
              store { id }
              total { amount currency }
              lines { quantity unitPrice { amount currency } variant { sku } }
            }
          }
        }
      }
    }
  `;

  it('shows customer 1 orders from at least three channels', async () => {
    const { data } = await customer.query(ORDERS_PAGE, { id: customerId(1), first: 100 });
    const channels = new Set(data.customer.orders.edges.map((e: { node: { channel: string } }) => e.node.channel));
    expect(channels.size).toBeGreaterThanOrEqual(3);
  });

  it('returns orders newest first with a total equal to the sum of quantity x unit price', async () => {
    const { data, errors } = await customer.query(ORDERS_PAGE, { id: customerId(1), first: 100 });
    expect(errors).toBeUndefined();
    const nodes = data.customer.orders.edges.map((e: { node: any }) => e.node);
    const expected = ORDERS.filter((o) => o.customerId === customerId(1));
    expect(data.customer.orders.totalCount).toBe(expected.length);
    expect(nodes.map((o: { id: string }) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
    const keys = nodes.map((o: { placedAt: string; id: string }) => `${o.placedAt} ${o.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    for (const order of nodes) {
      const sum = order.lines.reduce((acc: number, l: any) => acc + l.quantity * l.unitPrice.amount, 0);
      expect(order.total).toEqual({ amount: sum, currency: 'EUR' });
      expect(order.lines.length).toBeGreaterThan(0);
      if (order.fulfillment === 'DELIVERY') expect(order.store).toBeNull();
      else expect(storeIds.has(order.store.id)).toBe(true);
    }
  });

  it('defaults to 10 orders and pages through them all with cursors, without gaps or repeats', async () => {
    const id = customerId(3);
    const all = ORDERS.filter((o) => o.customerId === id);
    const first = await customer.query(ORDERS_PAGE, { id });
    expect(first.data.customer.orders.edges.length).toBe(Math.min(10, all.length));
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { data, errors } = await customer.query<{ customer: { orders: OrderPage } }>(ORDERS_PAGE, { id, first: 2, after });
      expect(errors).toBeUndefined();
      const connection: OrderPage = data!.customer.orders;
      expect(connection.totalCount).toBe(all.length);
      seen.push(...connection.edges.map((e) => e.node.id));
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all.map((o) => o.id).sort());
  });

  it('answers first: 0 with no edges but the total and whether orders exist', async () => {
    const { data } = await customer.query(ORDERS_PAGE, { id: customerId(1), first: 0 });
    expect(data.customer.orders).toMatchObject({ edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
    expect(data.customer.orders.totalCount).toBeGreaterThan(0);
  });

  it.each([
    ['a negative first', { first: -1 }],
    ['first above 100', { first: 101 }],
    ['a malformed cursor', { after: 'not-a-cursor' }],
    ['a cursor of another kind', { after: Buffer.from('product:["x"]').toString('base64url') }],
  ])('refuses %s with BAD_USER_INPUT', async (_name, args) => {
    const body = await customer.query(ORDERS_PAGE, { id: customerId(1), ...args });
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
  });
});
