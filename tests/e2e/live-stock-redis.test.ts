/**
 * Scale-out: two complete graphs (gateway + subgraphs, as two deployments would run them) on one
 * database and one Redis. A sale made through gateway A reaches a subscriber of gateway B.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniquePrefix } from '../support/database.js';
import { postGraphQL, startGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { deleteRedisKeys } from '../support/redis.js';
import { subscribeOverWebSocket } from '../support/subscribers.js';
import { asCallCenter, asStoreStaff } from '../support/tokens.js';

const redisUrl = process.env.REDIS_URL || undefined;

describe.skipIf(!redisUrl)('live stock across processes through Redis', () => {
  it('delivers a sale made through gateway A to a subscriber of gateway B', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'two-gateways-'));
    const shared = {
      dataDir,
      pgSchemaPrefix: uniquePrefix(),
      redisUrl,
      eventChannelPrefix: `test:${randomBytes(6).toString('hex')}:`,
    };
    const a = await startGraph({ subgraph: shared });
    const b = await startGraph({ subgraph: shared });
    const sku = 'SKU-00010-1';
    const till = await asStoreStaff('store-10');
    const sellThroughA = async () => {
      const response = await postGraphQL<{ recordSale: { changes: { sequence: number }[]; userErrors: unknown[] } }>(
        a.gatewayUrl,
        operation('RecordSale'),
        { input: { locationId: 'store-10', channel: 'STORE', lines: [{ sku, quantity: 1 }] }, idempotencyKey: randomUUID() },
        till,
      );
      expect(response.body.data?.recordSale.userErrors).toEqual([]);
      return response.body.data!.recordSale.changes[0]!.sequence;
    };
    const start = await sellThroughA();
    const subscriber = subscribeOverWebSocket<{ stockChanged: { sequence: number; reason: string; location: { id: string } } }>(
      b.gatewayUrl,
      operation('StockWatch'),
      { skus: [sku], locationIds: ['store-10'], after: start },
      { connectionParams: await asCallCenter() },
    );
    const received = (sequence: number) =>
      subscriber.waitFor((results) => results.some((r) => r.data?.stockChanged.sequence === sequence));
    try {
      await expect.poll(() => b.subgraphs.inventory.stats.subscriptions, { timeout: 5_000 }).toBe(1);
      // The first sale may race B's subscription and come from its ledger replay (after `start`);
      // once it has arrived, B's stream is live, so the second can only come through Redis.
      await received(await sellThroughA());
      const sequence = await sellThroughA();
      const results = await received(sequence);
      expect(results.find((r) => r.data?.stockChanged.sequence === sequence)!.data!.stockChanged).toMatchObject({
        reason: 'SALE',
        location: { id: 'store-10' },
      });
      expect(a.subgraphs.inventory.stats.subscriptions).toBe(0);
    } finally {
      await subscriber.stop();
      await b.close();
      await a.close();
      rmSync(dataDir, { recursive: true, force: true });
      await deleteRedisKeys(redisUrl!, shared.eventChannelPrefix);
    }
  });
});
