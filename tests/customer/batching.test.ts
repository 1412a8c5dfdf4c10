import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerId } from '../../subgraphs/shared/universe.js';
import { ORDERS, startCustomerSubgraph, type TestCustomerSubgraph } from './harness.js';

let customer: TestCustomerSubgraph;
beforeAll(async () => {
  customer = await startCustomerSubgraph();
});
afterAll(() => customer?.close());

/** What the gateway asks of the customer subgraph for a list of customers (Customer360-like). */
const CUSTOMER_360 = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Customer {
        id firstName addresses { city }
        orders(first: 5) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { node { id number store { id } total { amount } lines { quantity variant { sku } } } }
        }
        wishlist { addedAt variant { sku } }
        supportTickets { id status order { id number } }
      }
    }
  }
`;

const customers = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => ({ __typename: 'Customer', id: customerId(from + i) }));

async function statementsFor(count: number, from = 1) {
  const { body, statements } = await customer.measure(CUSTOMER_360, { representations: customers(count, from) });
  expect(body.errors).toBeUndefined();
  expect(body.data._entities).toHaveLength(count);
  return { statements, entities: body.data._entities };
}

describe('DataLoader batching', () => {
  it('runs the same, small number of SQL statements for 5 and for 50 customers', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50, 100);
    // customers, addresses, order pages, order counts, order lines, wishlists, tickets, ticket orders
    expect(fifty.statements).toBeLessThanOrEqual(8);
    expect(fifty.statements).toBe(five.statements);
  });

  it('gives each customer their own first page of orders', async () => {
    const { entities } = await statementsFor(50, 1);
    for (const entity of entities) {
      const own = ORDERS.filter((o) => o.customerId === entity.id)
        .sort((a, b) => (a.placedAt === b.placedAt ? b.id.localeCompare(a.id) : b.placedAt.localeCompare(a.placedAt)));
      expect(entity.orders.totalCount).toBe(own.length);
      expect(entity.orders.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(own.slice(0, 5).map((o) => o.id));
      expect(entity.orders.pageInfo.hasNextPage).toBe(own.length > 5);
      for (const edge of entity.orders.edges) {
        const seed = own.find((o) => o.id === edge.node.id)!;
        expect(edge.node.lines.map((l: { variant: { sku: string } }) => l.variant.sku)).toEqual(seed.lines.map((l) => l.sku));
      }
    }
  });

  it('pages the orders of many customers after a cursor with one statement per argument set', async () => {
    const first = await customer.query(`{ customer(id: "${customerId(1)}") { orders(first: 2) { pageInfo { endCursor } } } }`);
    const after = first.data.customer.orders.pageInfo.endCursor as string;
    const query = `query ($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Customer { orders(first: 3, after: $after) { edges { node { id } } } } } }`;
    const small = await customer.measure(query, { r: customers(5), after });
    const large = await customer.measure(query, { r: customers(50), after });
    expect(large.body.errors).toBeUndefined();
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(2);
  });
});
