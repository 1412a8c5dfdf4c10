/**
 * A till sale that names a customer, through the gateway, shows up in that customer's order
 * history (Customer360, as the call center sees it) exactly once, even when the till retries it.
 * With in-process events always, and through Redis too when REDIS_URL is set.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { generateInventory } from '../../subgraphs/inventory/seed-data.js';
import type { SubgraphRuntimeOptions } from '../../subgraphs/shared/subgraph-server.js';
import { customerId, productId, seedSize } from '../../subgraphs/shared/universe.js';
import type { Customer360Query, RecordSaleMutation } from '../generated/operations.js';
import { postGraphQL, startGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { asCallCenter, asStoreStaff } from '../support/tokens.js';

const SEED_SCALE = 0.02;
const redisUrl = process.env.REDIS_URL || undefined;
/** A seeded stock level in a store: a sale needs the sku stocked where it is sold. */
const LEVEL = generateInventory(seedSize(SEED_SCALE)).levels.find((level) => level.location_id.startsWith('store-'))!;

interface EventsUnderTest {
  name: string;
  subgraph(): Partial<Omit<SubgraphRuntimeOptions, 'port'>>;
  cleanUp(options: Partial<Omit<SubgraphRuntimeOptions, 'port'>>): Promise<void>;
}

const eventsUnderTest: EventsUnderTest[] = [
  { name: 'in-process', subgraph: () => ({}), cleanUp: async () => undefined },
  ...(redisUrl
    ? [
        {
          name: 'Redis',
          subgraph: () => ({ redisUrl, eventChannelPrefix: `test:${randomBytes(6).toString('hex')}:` }),
          async cleanUp(options: Partial<Omit<SubgraphRuntimeOptions, 'port'>>) {
            const admin = new Redis(redisUrl);
            const keys = await admin.keys(`${options.eventChannelPrefix}*`);
            if (keys.length > 0) await admin.del(...keys);
            await admin.quit();
          },
        },
      ]
    : []),
];

describe.each(eventsUnderTest)('a till sale naming a customer ($name events)', ({ subgraph, cleanUp }) => {
  it('joins the customer\'s order history once, however often the till retries it', async () => {
    const options = subgraph();
    const graph = await startGraph({ seedScale: SEED_SCALE, subgraph: options });
    try {
      const buyer = customerId(12);
      const [agent, till] = [await asCallCenter(), await asStoreStaff(LEVEL.location_id)];
      const customer360 = async () => {
        const { body } = await postGraphQL<Customer360Query>(graph.gatewayUrl, operation('Customer360'), { id: buyer }, agent);
        expect(body.errors).toBeUndefined();
        return body.data!.customer!.orders;
      };
      const recordSale = async (quantity: number, idempotencyKey: string) => {
        const { body } = await postGraphQL<RecordSaleMutation>(
          graph.gatewayUrl,
          operation('RecordSale'),
          {
            input: {
              locationId: LEVEL.location_id,
              channel: 'STORE',
              customerId: buyer,
              lines: [{ sku: LEVEL.sku, quantity, unitPrice: { amount: 1999, currency: 'EUR' } }],
            },
            idempotencyKey,
          },
          till,
        );
        expect(body.errors).toBeUndefined();
        expect(body.data!.recordSale.userErrors).toEqual([]);
        return body.data!.recordSale.changes;
      };
      const before = (await customer360()).totalCount;

      const key = randomUUID();
      const changes = await recordSale(2, key);
      const orderId = `ord-sale-${changes[0]!.sequence}`;

      await expect.poll(async () => (await customer360()).edges[0]?.node.id, { timeout: 10_000 }).toBe(orderId);
      const orders = await customer360();
      expect(orders.totalCount).toBe(before + 1);
      expect(orders.edges[0]!.node).toMatchObject({
        channel: 'STORE',
        status: 'COMPLETED',
        fulfillment: 'IN_STORE',
        total: { amount: 2 * 1999, currency: 'EUR' },
        lines: [{ quantity: 2, unitPrice: { amount: 1999, currency: 'EUR' }, variant: { sku: LEVEL.sku, product: { id: productId(Number(LEVEL.sku.split('-')[1])) } } }],
      });
      expect(orders.edges[0]!.node.store?.name).toEqual(expect.any(String));

      // The till did not hear back and sends the same sale again: the inventory answers the
      // original result and announces the sale once more.
      expect(await recordSale(2, key)).toEqual(changes);
      // A later sale of the same customer: once it is in the history, the retry has been handled too.
      const later = `ord-sale-${(await recordSale(1, randomUUID()))[0]!.sequence}`;
      await expect.poll(async () => (await customer360()).edges[0]?.node.id, { timeout: 10_000 }).toBe(later);

      const after = await customer360();
      expect(after.totalCount).toBe(before + 2);
      expect(after.edges.map((edge) => edge.node.id).filter((id) => id === orderId)).toHaveLength(1);
    } finally {
      await graph.close();
      await cleanUp(options);
    }
  });
});
