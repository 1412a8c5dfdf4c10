import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerId } from '../../subgraphs/shared/universe.js';
import { ORDERS, errorCodes, startCustomerSubgraph, type TestCustomerSubgraph } from './harness.js';

let customer: TestCustomerSubgraph;
beforeAll(async () => {
  customer = await startCustomerSubgraph();
});
afterAll(() => customer?.close());

const review = (id: string, authorId: string | null, productId: string) => ({
  __typename: 'Review',
  id,
  author: authorId === null ? null : { id: authorId },
  product: { id: productId },
});

/** Products each customer bought, counting only orders that are not cancelled, and only cancelled ones. */
const bought = new Map<string, Set<string>>();
const boughtCancelled = new Map<string, Set<string>>();
for (const order of ORDERS) {
  const target = order.status === 'CANCELLED' ? boughtCancelled : bought;
  for (const line of order.lines) {
    const set = target.get(order.customerId) ?? new Set<string>();
    set.add(line.productId);
    target.set(order.customerId, set);
  }
}

describe('entity references', () => {
  it('resolves Customer, Order and SupportTicket references, and null for unknown ids', async () => {
    const order = ORDERS.find((o) => o.customerId === customerId(2))!;
    const ticketId = (await customer.query(`{ customer(id: "${customerId(2)}") { supportTickets { id } } }`)).data.customer.supportTickets[0].id;
    const body = await customer.entities(
      [
        { __typename: 'Customer', id: customerId(2) },
        { __typename: 'Customer', id: 'cust-unknown' },
        { __typename: 'Order', id: order.id },
        { __typename: 'Order', id: 'ord-unknown' },
        { __typename: 'SupportTicket', id: ticketId },
        { __typename: 'SupportTicket', id: 'tkt-unknown' },
      ],
      `... on Customer { id firstName } ... on Order { id number total { amount currency } } ... on SupportTicket { id subject }`,
    );
    expect(body.errors).toBeUndefined();
    const [c, unknownCustomer, o, unknownOrder, t, unknownTicket] = body.data!._entities;
    expect(c).toMatchObject({ id: customerId(2), firstName: expect.any(String) });
    expect(o).toEqual({ id: order.id, number: order.number, total: { amount: order.total, currency: 'EUR' } });
    expect(t).toMatchObject({ id: ticketId });
    expect([unknownCustomer, unknownOrder, unknownTicket]).toEqual([null, null, null]);
  });
});

describe('Review.verifiedPurchase (@requires author { id } product { id })', () => {
  it('is true when the author has a non-cancelled order with the product, false otherwise', async () => {
    const author = customerId(1);
    const productBought = [...bought.get(author)!][0]!;
    const productNotBought = 'prod-99999';
    const body = await customer.entities(
      [review('rev-1', author, productBought), review('rev-2', author, productNotBought)],
      `... on Review { id verifiedPurchase }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toEqual([
      { id: 'rev-1', verifiedPurchase: true },
      { id: 'rev-2', verifiedPurchase: false },
    ]);
  });

  it('does not count a product bought only in cancelled orders', async () => {
    const pair = [...boughtCancelled].flatMap(([c, ps]) => [...ps].filter((p) => !bought.get(c)?.has(p)).map((p) => [c, p] as const))[0];
    expect(pair, 'the seed has a product bought only in a cancelled order').toBeDefined();
    const body = await customer.entities([review('rev-c', pair![0], pair![1])], `... on Review { verifiedPurchase }`);
    expect(body.data!._entities).toEqual([{ verifiedPurchase: false }]);
  });

  it('is false for a review without an author or by an unknown customer', async () => {
    const body = await customer.entities(
      [review('rev-a', null, 'prod-00001'), review('rev-b', 'cust-unknown', 'prod-00001')],
      `... on Review { verifiedPurchase }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toEqual([{ verifiedPurchase: false }, { verifiedPurchase: false }]);
  });

  it('answers 50 reviews with one SQL statement', async () => {
    const reviews = Array.from({ length: 50 }, (_, i) => {
      const author = customerId(i + 1);
      const products = [...(bought.get(author) ?? [])];
      return review(`rev-${i}`, author, i % 2 === 0 && products.length > 0 ? products[0]! : 'prod-99999');
    });
    const { body, statements } = await customer.measure(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Review { verifiedPurchase } } }`,
      { r: reviews },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data._entities.map((e: { verifiedPurchase: boolean }) => e.verifiedPurchase)).toEqual(
      reviews.map((r) => bought.get(r.author!.id)?.has(r.product.id) ?? false),
    );
    expect(statements).toBe(1);
  });
});

describe('Reservation.customer (@requires customerId)', () => {
  it('resolves the customer the units are held for', async () => {
    const body = await customer.entities(
      [{ __typename: 'Reservation', id: 'res-1', customerId: customerId(4) }],
      `... on Reservation { id customer { id firstName lastName } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities[0]).toMatchObject({ id: 'res-1', customer: { id: customerId(4), firstName: expect.any(String) } });
  });

  it('keeps the id of a customer this subgraph does not know, and refuses its profile with CUSTOMER_NOT_FOUND', async () => {
    const idOnly = await customer.entities(
      [{ __typename: 'Reservation', id: 'res-2', customerId: 'cust-unknown' }],
      `... on Reservation { customer { id orders { totalCount } } }`,
    );
    expect(idOnly.errors).toBeUndefined();
    expect(idOnly.data!._entities).toEqual([{ customer: { id: 'cust-unknown', orders: { totalCount: 0 } } }]);

    const profile = await customer.entities(
      [{ __typename: 'Reservation', id: 'res-2', customerId: 'cust-unknown' }],
      `... on Reservation { customer { id firstName } }`,
    );
    expect(errorCodes(profile)).toEqual(['CUSTOMER_NOT_FOUND']);
  });

  it('loads the customers of 50 reservations with one SQL statement', async () => {
    const reservations = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Reservation', id: `res-${i}`, customerId: customerId(i + 1) }));
    const { body, statements } = await customer.measure(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reservation { customer { id email } } } }`,
      { r: reservations },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data._entities.map((e: { customer: { id: string } }) => e.customer.id)).toEqual(reservations.map((r) => r.customerId));
    expect(statements).toBe(1);
  });
});
