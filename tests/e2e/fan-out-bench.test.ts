/**
 * The fan-out benchmark's instrument (bench/fan-out.ts) against the real graph, small: with either
 * kind of subscriber every timed change reaches every subscriber, and the figures it reports are
 * the ones it measured (the bench's 10,000 are the same code with a larger N).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_CENTER, mintBenchToken, storeStaff } from '../../bench/development-token.js';
import { measureFanOut, residentBytes } from '../../bench/fan-out.js';
import { startGraph, type TestGraph } from '../support/graph.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.close();
});

describe('the fan-out benchmark', () => {
  it.each(['minimal', 'graphql-ws'] as const)('delivers every change to every %s subscriber and times each', async (subscriberClient) => {
    const figures = await measureFanOut({
      gatewayUrl: graph.gatewayUrl,
      gatewayRss: () => residentBytes(process.pid),
      subscribers: 40,
      subscriberClient,
      changes: 3,
      stockWatch: readFileSync(join(import.meta.dirname, '../operations/StockWatch.graphql'), 'utf8'),
      sku: subscriberClient === 'minimal' ? 'SKU-00002-1' : 'SKU-00002-2',
      locationId: 'store-02',
      tokens: { watch: await mintBenchToken(CALL_CENTER), write: await mintBenchToken(storeStaff('store-02')) },
    });
    expect(figures).toMatchObject({ subscribers: 40, subscriberClient, missed: 0 });
    for (const figure of [figures.deliveryP50, figures.deliveryP99, figures.lastDeliveryP50, figures.lastDeliveryP99]) {
      expect(Number.isFinite(figure) && figure >= 0).toBe(true);
    }
    expect(figures.deliveryP50).toBeLessThanOrEqual(figures.deliveryP99);
    expect(figures.deliveryP99).toBeLessThanOrEqual(figures.lastDeliveryP99);
  });
});
