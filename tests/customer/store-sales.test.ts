/**
 * Sales recorded by the inventory join the customer's order history: the customer subgraph alone,
 * fed through the event bus it is given, read back over HTTP. On the in-process bus always, and on
 * Redis too when REDIS_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerSubgraph } from '../../subgraphs/customer/index.js';
import { SALE_RECORDED_TOPIC, type SaleRecordedEvent } from '../../subgraphs/inventory/stock-events.js';
import type { EventBus, WorkHandler } from '../../platform/events/event-bus.js';
import { createInProcessEventBus } from '../../platform/events/in-process-event-bus.js';
import { createRedisEventBus } from '../../platform/events/redis-event-bus.js';
import { customerId, productId, skuOf } from '../../subgraphs/shared/universe.js';
import { startTestSubgraph, type TestSubgraph } from '../support/subgraph.js';
import { ORDERS, SEED_SCALE } from './harness.js';

const redisUrl = process.env.REDIS_URL || undefined;

interface BusUnderTest {
  name: string;
  open(): Promise<{ bus: EventBus; cleanUp(): Promise<void> }>;
}

const busesUnderTest: BusUnderTest[] = [
  { name: 'in-process', open: async () => ({ bus: createInProcessEventBus({ retryDelayMs: 50 }), cleanUp: async () => undefined }) },
  ...(redisUrl
    ? [
        {
          name: 'Redis',
          async open() {
            const channelPrefix = `test:${randomBytes(6).toString('hex')}:`;
            const bus = await createRedisEventBus({ url: redisUrl, channelPrefix, blockMs: 100, retryDelayMs: 100 });
            return {
              bus,
              async cleanUp() {
                const admin = new Redis(redisUrl);
                const keys = await admin.keys(`${channelPrefix}*`);
                if (keys.length > 0) await admin.del(...keys);
                await admin.quit();
              },
            };
          },
        },
      ]
    : []),
];

/**
 * The bus as the subgraph sees it, plus a record of every work message its handler settled:
 * the test knows when the consumer has dealt with what it enqueued, and whether it acknowledged it.
 */
function observeWork(inner: EventBus) {
  const settled: { message: unknown; acknowledged: boolean }[] = [];
  const observe = (handler: WorkHandler): WorkHandler => async (message) => {
    try {
      await handler(message);
      settled.push({ message, acknowledged: true });
    } catch (error) {
      settled.push({ message, acknowledged: false });
      throw error;
    }
  };
  const bus: EventBus = {
    broadcast: (topic, message) => inner.broadcast(topic, message),
    onBroadcast: (topic, handler) => inner.onBroadcast(topic, handler),
    enqueue: (topic, message) => inner.enqueue(topic, message),
    onWork: (topic, group, handler) => inner.onWork(topic, group, observe(handler)),
    close: () => inner.close(),
  };
  return { bus, settled };
}

const ORDERS_QUERY = `query ($id: ID!) {
  customer(id: $id) {
    orders(first: 50) {
      totalCount
      edges { node {
        id number channel placedAt status fulfillment store { id } total { amount currency }
        lines { variant { sku } quantity unitPrice { amount currency } }
      } }
    }
  }
}`;

interface OrderNode {
  id: string;
  number: string;
  channel: string;
  placedAt: string;
  status: string;
  fulfillment: string;
  store: { id: string } | null;
  total: { amount: number; currency: string };
  lines: { variant: { sku: string }; quantity: number; unitPrice: { amount: number; currency: string } }[];
}

describe.each(busesUnderTest)('sales into order histories, on the $name bus', ({ open }) => {
  let customer: TestSubgraph;
  let events: ReturnType<typeof observeWork>;
  let cleanUp: () => Promise<void>;
  let nextSequence = 1_000;

  beforeAll(async () => {
    const opened = await open();
    cleanUp = opened.cleanUp;
    events = observeWork(opened.bus);
    customer = await startTestSubgraph(customerSubgraph, SEED_SCALE, { events: events.bus });
  });
  afterAll(async () => {
    await customer?.close();
    await events?.bus.close();
    await cleanUp?.();
  });

  /** A sale as the inventory announces it: two lines, at store-03, for `buyer`. */
  const saleOf = (buyer: string, overrides: Partial<SaleRecordedEvent> = {}): SaleRecordedEvent => ({
    saleId: `sale-${nextSequence++}`,
    customerId: buyer,
    locationId: 'store-03',
    channel: 'STORE',
    at: '2026-11-20T10:15:00.000Z',
    lines: [
      { sku: skuOf(3, 1), quantity: 2, unitPrice: { amount: 1999, currency: 'EUR' } },
      { sku: skuOf(7, 2), quantity: 1, unitPrice: { amount: 500, currency: 'EUR' } },
    ],
    ...overrides,
  });

  /** Enqueues the messages and waits until the consumer has settled each of them. */
  const deliver = async (...messages: unknown[]) => {
    const before = events.settled.length;
    for (const message of messages) await events.bus.enqueue(SALE_RECORDED_TOPIC, message);
    await expect.poll(() => events.settled.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + messages.length);
    return events.settled.slice(before);
  };

  const ordersOf = async (id: string) => {
    const body = await customer.query<{ customer: { orders: { totalCount: number; edges: { node: OrderNode }[] } } | null }>(ORDERS_QUERY, { id });
    expect(body.errors).toBeUndefined();
    return body.data!.customer?.orders ?? null;
  };

  const orderById = async (id: string) => {
    const body = await customer.query(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id } } }`, {
      r: [{ __typename: 'Order', id }],
    });
    expect(body.errors).toBeUndefined();
    return body.data._entities[0] as { id: string } | null;
  };

  it('adds a till sale to the customer\'s orders: channel STORE, paid and taken in store, with its lines and total', async () => {
    const buyer = customerId(3);
    const before = await ordersOf(buyer);
    const sale = saleOf(buyer);

    const [settled] = await deliver(sale);

    expect(settled!.acknowledged).toBe(true);
    const after = await ordersOf(buyer);
    expect(after!.totalCount).toBe(before!.totalCount + 1);
    expect(after!.edges.map((edge) => edge.node).find((order) => order.id === `ord-${sale.saleId}`)).toEqual({
      id: `ord-${sale.saleId}`,
      number: `S000${sale.saleId.slice('sale-'.length)}`,
      channel: 'STORE',
      placedAt: sale.at,
      status: 'COMPLETED',
      fulfillment: 'IN_STORE',
      store: { id: 'store-03' },
      total: { amount: 2 * 1999 + 500, currency: 'EUR' },
      lines: [
        { variant: { sku: skuOf(3, 1) }, quantity: 2, unitPrice: { amount: 1999, currency: 'EUR' } },
        { variant: { sku: skuOf(7, 2) }, quantity: 1, unitPrice: { amount: 500, currency: 'EUR' } },
      ],
    });
  });

  it('records a sale through another channel as shipped from the location, with no store', async () => {
    const buyer = customerId(4);
    const sale = saleOf(buyer, { channel: 'WEB', locationId: 'wh-1' });

    await deliver(sale);

    const order = (await ordersOf(buyer))!.edges.map((edge) => edge.node).find((o) => o.id === `ord-${sale.saleId}`);
    expect(order).toMatchObject({ channel: 'WEB', status: 'SHIPPED', fulfillment: 'DELIVERY', store: null });
  });

  it('makes the buyer a verified purchaser of the products sold (the product follows from the sku)', async () => {
    const buyer = customerId(5);
    const bought = new Set(ORDERS.filter((order) => order.customerId === buyer).flatMap((order) => order.lines.map((line) => line.productId)));
    const product = Array.from({ length: 40 }, (_, i) => i + 1).find((n) => !bought.has(productId(n)))!;
    const verified = async () => {
      const body = await customer.query(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Review { verifiedPurchase } } }`, {
        r: [{ __typename: 'Review', id: 'rev-test', author: { id: buyer }, product: { id: productId(product) } }],
      });
      expect(body.errors).toBeUndefined();
      return body.data._entities[0].verifiedPurchase as boolean;
    };
    expect(await verified()).toBe(false);

    await deliver(saleOf(buyer, { lines: [{ sku: skuOf(product, 2), quantity: 1, unitPrice: { amount: 2500, currency: 'EUR' } }] }));

    expect(await verified()).toBe(true);
  });

  it('records a sale delivered twice as one order', async () => {
    const buyer = customerId(6);
    const before = await ordersOf(buyer);
    const sale = saleOf(buyer);

    const settled = await deliver(sale, sale);

    expect(settled.map((s) => s.acknowledged)).toEqual([true, true]);
    const after = await ordersOf(buyer);
    expect(after!.totalCount).toBe(before!.totalCount + 1);
    expect(after!.edges.filter((edge) => edge.node.id === `ord-${sale.saleId}`)).toHaveLength(1);
  });

  it('acknowledges a malformed event without an order, and goes on with the next sale', async () => {
    const buyer = customerId(7);
    const before = await ordersOf(buyer);
    const withoutPrice = saleOf(buyer, { lines: [{ sku: skuOf(3, 1), quantity: 1 } as SaleRecordedEvent['lines'][number]] });
    const good = saleOf(buyer);

    const settled = await deliver('not a sale', { saleId: 42 }, withoutPrice, good);

    expect(settled.map((s) => s.acknowledged)).toEqual([true, true, true, true]);
    expect(await orderById(`ord-${withoutPrice.saleId}`)).toBeNull();
    const after = await ordersOf(buyer);
    expect(after!.totalCount).toBe(before!.totalCount + 1);
    expect(after!.edges.some((edge) => edge.node.id === `ord-${good.saleId}`)).toBe(true);
  });

  it('acknowledges a sale whose lines are in several currencies without an order', async () => {
    const buyer = customerId(8);
    const before = await ordersOf(buyer);
    const sale = saleOf(buyer, {
      lines: [
        { sku: skuOf(3, 1), quantity: 1, unitPrice: { amount: 1999, currency: 'EUR' } },
        { sku: skuOf(7, 2), quantity: 1, unitPrice: { amount: 2100, currency: 'USD' } },
      ],
    });

    const [settled] = await deliver(sale);

    expect(settled!.acknowledged).toBe(true);
    expect(await orderById(`ord-${sale.saleId}`)).toBeNull();
    expect((await ordersOf(buyer))!.totalCount).toBe(before!.totalCount);
  });

  it('acknowledges a sale naming a customer it does not know without creating that customer or an order', async () => {
    const stranger = 'cust-99999';
    const sale = saleOf(stranger);

    const [settled] = await deliver(sale);

    expect(settled!.acknowledged).toBe(true);
    expect(await orderById(`ord-${sale.saleId}`)).toBeNull();
    expect(await ordersOf(stranger)).toBeNull();
  });
});
