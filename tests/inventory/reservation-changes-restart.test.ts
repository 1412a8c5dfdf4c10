/**
 * `reservationChanged` through the gateway across an inventory restart: the gateway resubscribes
 * after the last sequence it saw (it knows reservationChanged's head and history fields,
 * gateway/subscriptions/resumable-operation.ts), so its client gets every change once, in order,
 * even those committed by another inventory process while the first was down.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startSubgraphByName } from '../../subgraphs/registry.js';
import type { SubgraphRuntimeOptions } from '../../subgraphs/shared/subgraph-server.js';
import { generateInventory } from '../../subgraphs/inventory/seed-data.js';
import { seedSize } from '../../subgraphs/shared/universe.js';
import { databaseUrl, uniquePrefix } from '../support/database.js';
import { postGraphQL, startGraph } from '../support/graph.js';
import { TEST_OPERATOR, vouchFor } from '../support/subgraph.js';
import { subscribeOverWebSocket, type Received } from '../support/subscribers.js';
import { asStoreStaff } from '../support/tokens.js';
import { PICKUP_STORES } from './stock-mutation-support.js';

const STORE = PICKUP_STORES[2]!.id;
const SKU = generateInventory(seedSize(0.02)).levels.find((l) => l.location_id === STORE && l.on_hand - l.reserved >= 10)!.sku;

type Event = { reservationChanged: { sequence: number; status: string; reservation: { id: string; variant: { sku: string } | null } } };
const seen = (results: Received<Event>[]) =>
  results.flatMap((r) => (r.data ? [`${r.data.reservationChanged.reservation.id}:${r.data.reservationChanged.status}`] : []));

async function reserve(url: string, headers: Record<string, string>): Promise<string> {
  const { body } = await postGraphQL<{ reserveForPickup: { reservation: { id: string } | null; userErrors: unknown[] } }>(
    url,
    'mutation($input: ReserveInput!, $key: String!) { reserveForPickup(input: $input, idempotencyKey: $key) { reservation { id } userErrors { code } } }',
    { input: { sku: SKU, locationId: STORE, quantity: 1, customerId: 'cust-00002' }, key: randomUUID() },
    headers,
  );
  expect(body.data?.reserveForPickup.userErrors).toEqual([]);
  return body.data!.reserveForPickup.reservation!.id;
}

async function collect(url: string, id: string, headers: Record<string, string>): Promise<void> {
  const { body } = await postGraphQL<{ collectReservation: { userErrors: unknown[] } }>(
    url,
    'mutation($id: ID!) { collectReservation(id: $id) { userErrors { code } } }',
    { id },
    headers,
  );
  expect(body.data?.collectReservation.userErrors).toEqual([]);
}

describe('reservationChanged across an inventory restart', () => {
  it('delivers every change once, in order, to a subscriber that came without `after`', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'reservation-restart-'));
    const pgSchemaPrefix = uniquePrefix();
    const graph = await startGraph({ subgraph: { dataDir, pgSchemaPrefix } });
    const { internalTokenSecret } = graph;
    const shared: Omit<SubgraphRuntimeOptions, 'port'> = { host: '127.0.0.1', databaseUrl, dataDir, pgSchemaPrefix, seedScale: 0.02, internalTokenSecret, audit: () => {} };
    const staff = await asStoreStaff(STORE);
    const upstreamBefore = graph.subgraphs.inventory.stats.subscriptions;
    const subscriber = subscribeOverWebSocket<Event>(
      graph.gatewayUrl,
      'subscription($at: [ID!]) { reservationChanged(locationIds: $at) { sequence status reservation { id variant { sku } } } }',
      { at: [STORE] },
      { connectionParams: staff },
    );
    let restarted: Awaited<ReturnType<typeof startSubgraphByName>> | undefined;
    try {
      await vi.waitFor(() => expect(graph.subgraphs.inventory.stats.subscriptions).toBeGreaterThan(upstreamBefore), { timeout: 10_000 });
      const first = await reserve(graph.gatewayUrl, staff);
      await subscriber.waitFor((r) => seen(r).length === 1);

      const inventoryPort = Number(new URL(graph.subgraphs.inventory.url).port);
      await graph.subgraphs.inventory.close();
      // While it is down, another inventory process on the same database takes and hands over pick-ups.
      const other = await startSubgraphByName('inventory', { ...shared, port: 0 });
      const vouching = await vouchFor(TEST_OPERATOR, internalTokenSecret);
      const second = await reserve(other.url, vouching);
      await collect(other.url, first, vouching);
      await other.close();

      restarted = await startSubgraphByName('inventory', { ...shared, port: inventoryPort, events: graph.events });
      await subscriber.waitFor((r) => seen(r).length === 3, 15_000);
      await collect(graph.gatewayUrl, second, staff);
      const results = await subscriber.waitFor((r) => seen(r).length === 4, 15_000);
      expect(seen(results)).toEqual([`${first}:ACTIVE`, `${second}:ACTIVE`, `${first}:COLLECTED`, `${second}:COLLECTED`]);
      const sequences = results.map((r) => r.data!.reservationChanged.sequence);
      expect(sequences).toEqual([...new Set(sequences)].sort((a, b) => a - b));
      expect(results.every((r) => r.errors === undefined && r.data!.reservationChanged.reservation.variant?.sku === SKU)).toBe(true);
    } finally {
      await subscriber.stop();
      await graph.close();
      await restarted?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
