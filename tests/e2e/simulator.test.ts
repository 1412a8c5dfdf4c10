/**
 * `npm run simulate` against the real graph: its traffic goes through the gateway, is accepted
 * without errors, and reaches a StockWatch subscriber on the stores GraphiQL's live tab watches.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulationState } from '../../bench/simulation/simulation-state.js';
import { parseSimulateOptions } from '../../bench/simulation/simulate-options.js';
import { createGatewayClient } from '../../bench/simulation/gateway-client.js';
import { runSimulation, SimulatorStartError } from '../../bench/simulation/run-simulation.js';
import { developmentCredentials, DISCOVERY_ACTOR } from '../../bench/simulation/simulator-identity.js';
import { planOperation, WATCHED_STORES } from '../../bench/simulation/traffic-plan.js';
import { discoverWorld } from '../../bench/simulation/world.js';
import { createRandom } from '../../subgraphs/shared/universe.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { subscribeOverWebSocket, type Received } from '../support/subscribers.js';
import { asCallCenter, asCustomer, asStoreStaff } from '../support/tokens.js';

type StockWatchEvent = { stockChanged: { sequence: number; reason: string; location: { id: string } } };

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.close();
});

const receivedSequences = (results: Received<StockWatchEvent>[]) => new Set(results.flatMap((r) => (r.data ? [r.data.stockChanged.sequence] : [])));

describe('npm run simulate', () => {
  it('makes sales, reservations and deliveries through the gateway without errors, and a StockWatch on the watched stores sees them', async () => {
    // A change made now marks where the watch starts: subscribing after it replays nothing and misses nothing.
    const probe = await postGraphQL<{ adjustStock: { changes: { sequence: number }[] } }>(
      graph.gatewayUrl,
      operation('AdjustStock'),
      { input: { sku: 'SKU-00001-1', locationId: 'store-01', delta: 1, reason: 'RESTOCK' }, idempotencyKey: randomUUID() },
      await asStoreStaff('store-01'),
    );
    const probeSequence = probe.body.data!.adjustStock.changes[0]!.sequence;
    const watcher = subscribeOverWebSocket<StockWatchEvent>(
      graph.gatewayUrl,
      operation('StockWatch'),
      { locationIds: [...WATCHED_STORES], after: probeSequence - 1 },
      { connectionParams: await asCallCenter() },
    );
    try {
      await watcher.waitFor((results) => receivedSequences(results).has(probeSequence));

      const lines: string[] = [];
      const summary = await runSimulation({ gatewayUrl: graph.gatewayUrl, rate: 20, durationSeconds: 2, seed: 2024, print: (line) => lines.push(line) });

      expect(summary.errors).toBe(0);
      expect(summary.byKind.sale.done).toBeGreaterThan(0);
      expect(summary.byKind.reservation.done).toBeGreaterThan(0);
      expect(summary.byKind.restock.done).toBeGreaterThan(0);
      expect(summary.operations).toBeGreaterThanOrEqual(30);
      // One readable line per operation, e.g. "08:01:02  SALE        store-02  SKU-00042-1 x2  available 13  seq 301124".
      const operationLines = lines.filter((line) => /^\d\d:\d\d:\d\d {2}[A-Z]+ +\S+ +SKU-/.test(line));
      expect(operationLines).toHaveLength(summary.operations);
      expect(operationLines.some((line) => /^\S+ {2}SALE {8}store-\d\d {2}SKU-\d{5}-\d x\d.* available -?\d+.* seq \d+/.test(line))).toBe(true);

      const watched = (locationId: string) => (WATCHED_STORES as readonly string[]).includes(locationId);
      const expected = summary.changes.filter((c) => watched(c.locationId)).map((c) => c.sequence);
      expect(expected.length).toBeGreaterThan(0);
      const results = await watcher.waitFor((r) => expected.every((sequence) => receivedSequences(r).has(sequence)), 5000);
      if (summary.reservations.some((r) => watched(r.locationId))) {
        expect(results.some((r) => r.data?.stockChanged.reason === 'RESERVATION')).toBe(true);
      }
      expect(results.every((r) => r.errors === undefined && watched(r.data!.stockChanged.location.id))).toBe(true);
    } finally {
      await watcher.stop();
    }
  });

  it('stops when its signal aborts (Ctrl-C) and counts the calls that were in flight', async () => {
    const stop = new AbortController();
    const started = Date.now();
    setTimeout(() => stop.abort(), 800);
    const summary = await runSimulation({ gatewayUrl: graph.gatewayUrl, rate: 20, durationSeconds: undefined, seed: 7, quiet: true, signal: stop.signal, print: () => {} });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(summary.operations).toBeGreaterThan(0);
    const counted = Object.values(summary.byKind).reduce((sum, k) => sum + k.done + k.refused + k.failed, 0);
    expect(counted).toBe(summary.operations);
    expect(summary.errors).toBe(0);
  });

  it('repeats the same mix of operations for the same seed', async () => {
    const world = await discoverWorld(createGatewayClient(graph.gatewayUrl), await developmentCredentials().tokenFor(DISCOVERY_ACTOR));
    const plan = (seed: number) => {
      const random = createRandom(seed);
      const state = new SimulationState(world.initialAvailable);
      return Array.from({ length: 60 }, () => planOperation(random, world, state));
    };
    expect(plan(11)).toEqual(plan(11));
    expect(plan(11)).not.toEqual(plan(12));
    // The customers it names exist: the demo has cust-00001..cust-00400 at this seed scale.
    expect(world.customerCount).toBe(400);
  });

  it('sends the given token with every operation: one that may not move stock has each of them refused', async () => {
    // A shopper's token: the gateway lets it look itself up, but no till, delivery or count.
    const shopper = (await asCustomer('cust-00001')).authorization!.replace(/^Bearer /, '');
    const lines: string[] = [];
    const summary = await runSimulation({ gatewayUrl: graph.gatewayUrl, token: shopper, rate: 20, durationSeconds: 1, seed: 5, print: (line) => lines.push(line) });
    expect(summary.operations).toBeGreaterThan(0);
    expect(summary.errors).toBe(summary.operations);
    expect(summary.changes).toEqual([]);
    expect(lines.filter((line) => /^\d\d:\d\d:\d\d /.test(line)).every((line) => line.includes('FORBIDDEN'))).toBe(true);
  });

  it('refuses to start, saying so, when the gateway refuses the given token', async () => {
    const attempt = runSimulation({ gatewayUrl: graph.gatewayUrl, token: 'not.a.token', rate: 5, durationSeconds: 1, seed: 1, print: () => {} });
    await expect(attempt).rejects.toMatchObject({ code: 'TOKEN_REFUSED', message: expect.stringContaining('UNAUTHENTICATED') });
  });

  it('refuses to start, with a message naming the gateway, when the gateway cannot be reached', async () => {
    const unreachable = 'http://127.0.0.1:9/graphql';
    const attempt = runSimulation({ gatewayUrl: unreachable, rate: 5, durationSeconds: 1, seed: 1, print: () => {} });
    await expect(attempt).rejects.toBeInstanceOf(SimulatorStartError);
    await expect(attempt).rejects.toMatchObject({ code: 'GATEWAY_UNREACHABLE', message: expect.stringContaining(unreachable) });
  });

  it('reads its flags with their defaults and names the flag it cannot use', () => {
    expect(parseSimulateOptions(['--seed', '3'], {})).toEqual({
      gatewayUrl: 'http://127.0.0.1:4000/graphql',
      rate: 5,
      durationSeconds: undefined,
      seed: 3,
      quiet: false,
    });
    expect(parseSimulateOptions(['--rate', '20', '--duration', '2', '--quiet', '--seed', '1'], { SIMULATE_GATEWAY_URL: 'http://gw:4000/graphql' })).toMatchObject({
      gatewayUrl: 'http://gw:4000/graphql',
      rate: 20,
      durationSeconds: 2,
      quiet: true,
    });
    expect(() => parseSimulateOptions(['--rate', '0'], {})).toThrow(/--rate/);
    expect(() => parseSimulateOptions(['--seed', 'abc'], {})).toThrow(/--seed/);
    expect(() => parseSimulateOptions(['--speed', '3'], {})).toThrow(/--speed/);
    expect(parseSimulateOptions(['--token', 'a.b.c'], { TOKEN: 'd.e.f' })).toMatchObject({ token: 'a.b.c' });
    expect(parseSimulateOptions([], { TOKEN: 'd.e.f' })).toMatchObject({ token: 'd.e.f' });
    expect(() => parseSimulateOptions(['--token', 'Bearer a.b.c'], {})).toThrow(/--token/);
    expect(parseSimulateOptions(['--help'], {})).toBe('help');
  });
});
