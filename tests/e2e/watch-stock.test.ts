/**
 * `npm run watch:stock` against the real graph: one line per change, and when the connection
 * drops (cut here by a TCP proxy between the watcher and the gateway) it resumes after the last
 * sequence it printed, so the changes made meanwhile arrive once, in order.
 */
import { randomUUID } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_CENTER, mintBenchToken } from '../../bench/development-token.js';
import { StockWatchError, watchStock, type StockChangedEvent, type StockWatchOptions } from '../../bench/stock-watch/resumable-stock-watch.js';
import { formatMoney, formatStockEvent } from '../../bench/stock-watch/stock-event-line.js';
import { parseWatchOptions } from '../../bench/stock-watch/watch-options.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { asStoreStaff } from '../support/tokens.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.close();
});

/** A delivery, booked by the store's staff. */
async function restock(sku: string, locationId: string, delta: number): Promise<number> {
  const response = await postGraphQL<{ adjustStock: { changes: { sequence: number }[]; userErrors: unknown[] } }>(
    graph.gatewayUrl,
    operation('AdjustStock'),
    { input: { sku, locationId, delta, reason: 'RESTOCK' }, idempotencyKey: randomUUID() },
    await asStoreStaff(locationId),
  );
  expect(response.body.data!.adjustStock.userErrors).toEqual([]);
  return response.body.data!.adjustStock.changes[0]!.sequence;
}

/** Waits until `predicate` holds, checking every 20 ms. */
async function until(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Starts a watch that records what it would print, from a change made just before it (so the
 * watch is known to be live once that change shows, and nothing after it can be missed).
 */
async function startWatch(gatewayUrl: string, filters: { skus: [string]; locationIds: [string] }, token?: StockWatchOptions['token']) {
  const marker = await restock(filters.skus[0], filters.locationIds[0], 1);
  const stop = new AbortController();
  const events: StockChangedEvent[] = [];
  const lines: string[] = [];
  const notices: string[] = [];
  const done = watchStock(
    { gatewayUrl, ...filters, after: marker - 1, signal: stop.signal, retryDelayMs: 100, maxRetryDelayMs: 400, ...(token === undefined ? {} : { token }) },
    {
      event: (change, errors) => {
        events.push(change);
        lines.push(formatStockEvent(change, errors));
      },
      notice: (message) => notices.push(message),
    },
  );
  await until(() => events.some((e) => e.sequence === marker), 'the watch to be live');
  return {
    marker,
    events,
    lines,
    notices,
    done,
    async stop() {
      stop.abort();
      await done;
    },
  };
}

/** A TCP proxy in front of the gateway whose connections can be cut and refused, like a network outage. */
async function startCuttableProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    /** Drops every connection and refuses new ones. */
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    async restore() {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async close() {
      await this.cut().catch(() => {});
    },
  };
}

describe('npm run watch:stock', () => {
  it('prints one line per change with its sequence, reason, delta, availability, store, product and store price', async () => {
    const watch = await startWatch(graph.gatewayUrl, { skus: ['SKU-00003-1'], locationIds: ['store-05'] });
    try {
      // A change at another store is filtered out by the subscription.
      await restock('SKU-00003-1', 'store-04', 1);
      const sequence = await restock('SKU-00003-1', 'store-05', 3);
      await until(() => watch.events.length > 1, 'the change');
      expect(watch.events.map((e) => e.sequence)).toEqual([watch.marker, sequence]);
      const line = watch.lines[1]!;
      expect(line).toMatch(new RegExp(`^#${sequence}  \\d\\d:\\d\\d:\\d\\d  RESTOCK +\\+3  available \\d+ `));
      expect(line).toContain('Store ');
      expect(line).toContain(`${watch.events[1]!.variant!.product!.name} (SKU-00003-1)`);
      expect(line).toMatch(/\d+\.\d\d EUR$/);
    } finally {
      await watch.stop();
    }
  });

  it('resumes after the last sequence it printed when the connection drops: the changes made meanwhile arrive once, in order', async () => {
    const proxy = await startCuttableProxy(Number(new URL(graph.gatewayUrl).port));
    const watch = await startWatch(proxy.url, { skus: ['SKU-00004-1'], locationIds: ['store-06'] });
    try {
      const before = await restock('SKU-00004-1', 'store-06', 1);
      await until(() => watch.events.length === 2, 'the first change');

      await proxy.cut();
      await until(() => watch.notices.some((n) => n.startsWith('connection lost')), 'the drop to be noticed');
      expect(watch.notices.find((n) => n.startsWith('connection lost'))).toContain(`resuming after #${before}`);
      const missed = [await restock('SKU-00004-1', 'store-06', 2), await restock('SKU-00004-1', 'store-06', 3)];

      await proxy.restore();
      await until(() => watch.notices.some((n) => n.startsWith('reconnected')), 'the reconnection');
      const after = await restock('SKU-00004-1', 'store-06', 4);
      await until(() => watch.events.length >= 5, 'the missed and new changes');
      // Give a duplicate the time to show up, if there were one.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(watch.events.map((e) => e.sequence)).toEqual([watch.marker, before, ...missed, after]);
      expect(watch.events.map((e) => e.delta)).toEqual([1, 1, 2, 3, 4]);
    } finally {
      await watch.stop();
      await proxy.close();
    }
  });

  it('goes on past its token\'s expiry with a fresh token, resuming after the last sequence it printed', async () => {
    // Tokens of two seconds: the gateway closes the connection (4401) when each one expires.
    const watch = await startWatch(graph.gatewayUrl, { skus: ['SKU-00005-1'], locationIds: ['store-07'] }, () => mintBenchToken(CALL_CENTER, '2s'));
    try {
      await until(() => watch.notices.some((n) => n.startsWith('connection lost (closed 4401')), 'the expiry', 5_000);
      const meanwhile = await restock('SKU-00005-1', 'store-07', 2);
      await until(() => watch.notices.some((n) => n.startsWith('reconnected')), 'the reconnection');
      await until(() => watch.events.length >= 2, 'the change made at the expiry');
      expect(watch.events.map((e) => e.sequence)).toEqual([watch.marker, meanwhile]);
    } finally {
      await watch.stop();
    }
  });

  it('ends, saying how to resume, when a token it was given expires', async () => {
    const watch = await startWatch(graph.gatewayUrl, { skus: ['SKU-00006-1'], locationIds: ['store-07'] }, await mintBenchToken(CALL_CENTER, '2s'));
    const ended = await watch.done.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(ended).toBeInstanceOf(StockWatchError);
    expect(ended).toMatchObject({ code: 'TOKEN_REFUSED', message: expect.stringContaining(`--after ${watch.marker}`) });
  });

  it('stops at once, naming the token, when the gateway refuses it', async () => {
    const attempt = watchStock({ gatewayUrl: graph.gatewayUrl, token: 'not.a.token', retryDelayMs: 100 }, { event: () => {}, notice: () => {} });
    await expect(attempt).rejects.toMatchObject({ code: 'TOKEN_REFUSED', message: expect.stringContaining('refused the token') });
  });

  it('shows money from integer minor units, with the digits of each currency', () => {
    expect(formatMoney(1999, 'EUR')).toBe('19.99 EUR');
    expect(formatMoney(5, 'EUR')).toBe('0.05 EUR');
    expect(formatMoney(-250, 'EUR')).toBe('-2.50 EUR');
    expect(formatMoney(1500, 'JPY')).toBe('1500 JPY');
  });

  it('reads repeatable --sku and --location, and names the flag it cannot use', () => {
    expect(parseWatchOptions(['--sku', 'SKU-00001-1', '--location', 'store-01', '--location', 'store-02', '--after', '42'], {})).toEqual({
      gatewayUrl: 'http://127.0.0.1:4000/graphql',
      skus: ['SKU-00001-1'],
      locationIds: ['store-01', 'store-02'],
      after: 42,
    });
    expect(() => parseWatchOptions(['--after', '-1'], {})).toThrow(/--after/);
    expect(() => parseWatchOptions(['--gateway', 'localhost'], {})).toThrow(/--gateway/);
    expect(parseWatchOptions(['--token', 'a.b.c'], { TOKEN: 'd.e.f' })).toMatchObject({ token: 'a.b.c' });
    expect(parseWatchOptions([], { TOKEN: 'd.e.f' })).toMatchObject({ token: 'd.e.f' });
    expect(() => parseWatchOptions(['--token', 'Bearer a.b.c'], {})).toThrow(/--token/);
  });
});
