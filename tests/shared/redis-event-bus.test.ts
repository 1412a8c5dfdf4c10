/**
 * The Redis event bus, as processes sharing one Redis see it. Each bus stands for a process; every
 * test has its own key and channel prefix and deletes its keys afterwards.
 */
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../platform/events/create-event-bus.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { EVENT_BUS_ERROR } from '../../platform/event-bus-errors.js';
import { createRedisEventBus, type RedisEventBusOptions } from '../../platform/events/redis-event-bus.js';

const redisUrl = process.env.REDIS_URL || undefined;

describe.skipIf(!redisUrl)('the Redis event bus', () => {
  let admin: Redis;
  let prefix: string;
  let reported: Error[];
  const buses: EventBus[] = [];

  /** A bus as one process would open it, with delays short enough for tests. */
  const openBus = async (options: Partial<RedisEventBusOptions> = {}) => {
    const bus = await createRedisEventBus({
      url: redisUrl!,
      channelPrefix: prefix,
      blockMs: 100,
      retryDelayMs: 100,
      onError: (error) => reported.push(error),
      ...options,
    });
    buses.push(bus);
    return bus;
  };

  const keysOfThisTest = async () => {
    const keys: string[] = [];
    for await (const batch of admin.scanStream({ match: `${prefix}*`, count: 1000 })) keys.push(...(batch as string[]));
    return keys;
  };
  const clientsOfThisTest = async () =>
    String(await admin.call('CLIENT', 'LIST'))
      .split('\n')
      .filter((line) => line.includes(` name=${prefix}`));
  const pendingCount = async (topic: string, group: string) => {
    const [count] = (await admin.call('XPENDING', `${prefix}${topic}`, group)) as [number];
    return Number(count);
  };

  beforeAll(() => {
    admin = new Redis(redisUrl!);
  });
  afterAll(async () => {
    await admin?.quit();
  });
  beforeEach(() => {
    prefix = `test:${randomBytes(6).toString('hex')}:`;
    reported = [];
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
    const keys = await keysOfThisTest();
    if (keys.length > 0) await admin.del(...keys);
  });

  describe('broadcast', () => {
    it('shares broadcasts between two processes, both ways, each subscriber getting every message', async () => {
      const [a, b] = [await openBus(), await openBus()];
      const atA: unknown[] = [];
      const atB: unknown[] = [];
      await a.onBroadcast('stock', (message) => atA.push(message));
      await b.onBroadcast('stock', (message) => atB.push(message));

      await a.broadcast('stock', { from: 'a', n: 1 });
      await b.broadcast('stock', { from: 'b', n: 2 });

      const both = [{ from: 'a', n: 1 }, { from: 'b', n: 2 }];
      await expect.poll(() => atA, { timeout: 2_000 }).toEqual(both);
      await expect.poll(() => atB, { timeout: 2_000 }).toEqual(both);
    });

    it('is subscribed once onBroadcast resolves: a broadcast sent right after it is never missed', async () => {
      // The listener's commands reach Redis late, as over a slow network; the publisher's do not. Had
      // onBroadcast resolved before Redis acknowledged SUBSCRIBE, the PUBLISH would overtake it.
      const slow = await startDelayingProxy(redisUrl!, 50);
      try {
        const [publisher, listener] = [await openBus(), await openBus({ url: slow.url })];
        const received: string[] = [];
        const topics = Array.from({ length: 10 }, (_, i) => `topic-${i}`);
        for (const topic of topics) {
          await listener.onBroadcast(topic, () => received.push(topic));
          await publisher.broadcast(topic, { topic });
        }
        await expect.poll(() => [...received].sort(), { timeout: 2_000 }).toEqual([...topics].sort());
        await listener.close();
      } finally {
        await slow.close();
      }
    });

    it('stops delivering to a handler that left, and unsubscribes from Redis when the last one leaves', async () => {
      const [publisher, listener] = [await openBus(), await openBus()];
      const first: unknown[] = [];
      const second: unknown[] = [];
      const leaveFirst = await listener.onBroadcast('stock', (message) => first.push(message));
      const leaveSecond = await listener.onBroadcast('stock', (message) => second.push(message));
      const subscribers = async () => ((await admin.call('PUBSUB', 'NUMSUB', `${prefix}stock`)) as [string, number])[1];
      expect(await subscribers()).toBe(1);

      await leaveFirst();
      await publisher.broadcast('stock', { n: 1 });
      await expect.poll(() => second, { timeout: 2_000 }).toEqual([{ n: 1 }]);
      expect(first).toEqual([]);

      await leaveSecond();
      await expect.poll(subscribers, { timeout: 2_000 }).toBe(0);
    });

    it('keeps delivering to the other handlers when one handler throws', async () => {
      const [publisher, listener] = [await openBus(), await openBus()];
      const received: unknown[] = [];
      await listener.onBroadcast('stock', () => {
        throw new Error('a broken subscriber');
      });
      await listener.onBroadcast('stock', (message) => received.push(message));

      await publisher.broadcast('stock', { n: 1 });
      await publisher.broadcast('stock', { n: 2 });

      await expect.poll(() => received, { timeout: 2_000 }).toEqual([{ n: 1 }, { n: 2 }]);
      expect(reported.map((error) => error.message)).toContainEqual(expect.stringContaining('a broken subscriber'));
    });
  });

  describe('work', () => {
    it('hands each message to exactly one worker of a group, across two processes', async () => {
      const [a, b] = [await openBus(), await openBus()];
      const handled: number[] = [];
      const worker = async (message: unknown) => {
        handled.push((message as { n: number }).n);
      };
      await a.onWork('sales', 'orders', worker);
      await b.onWork('sales', 'orders', worker);

      const sent = Array.from({ length: 40 }, (_, n) => n);
      await Promise.all(sent.map((n) => a.enqueue('sales', { n })));

      await expect.poll(() => handled.length, { timeout: 5_000 }).toBe(sent.length);
      // Give a duplicate (were there one) time to show up.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect([...handled].sort((x, y) => x - y)).toEqual(sent);
      expect(await pendingCount('sales', 'orders')).toBe(0);
    });

    it('hands each message once to each group', async () => {
      const [a, b] = [await openBus(), await openBus()];
      const byGroup: Record<string, unknown[]> = { orders: [], loyalty: [] };
      await a.onWork('sales', 'orders', async (message) => void byGroup.orders!.push(message));
      await b.onWork('sales', 'loyalty', async (message) => void byGroup.loyalty!.push(message));

      for (let n = 0; n < 5; n++) await a.enqueue('sales', { n });

      const sent = Array.from({ length: 5 }, (_, n) => ({ n }));
      await expect.poll(() => byGroup, { timeout: 5_000 }).toEqual({ orders: sent, loyalty: sent });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(byGroup).toEqual({ orders: sent, loyalty: sent });
    });

    it('hands a message whose handler failed to it again, until the handler succeeds', async () => {
      const bus = await openBus();
      let attempts = 0;
      const handled: unknown[] = [];
      await bus.onWork('sales', 'orders', async (message) => {
        attempts += 1;
        if (attempts < 3) throw new Error('database unavailable');
        handled.push(message);
      });

      await bus.enqueue('sales', { saleId: 'sale-1' });

      await expect.poll(() => handled, { timeout: 5_000 }).toEqual([{ saleId: 'sale-1' }]);
      expect(attempts).toBe(3);
      expect(await pendingCount('sales', 'orders')).toBe(0);
      expect(reported.filter((error) => error.message.includes('database unavailable'))).toHaveLength(2);
    });

    it('keeps a message enqueued while no worker runs, and delivers it when one starts', async () => {
      const producer = await openBus();
      await producer.enqueue('sales', { n: 1 });
      await producer.enqueue('sales', { n: 2 });
      await producer.close();

      const consumer = await openBus();
      const handled: unknown[] = [];
      await consumer.onWork('sales', 'orders', async (message) => void handled.push(message));

      await expect.poll(() => handled, { timeout: 5_000 }).toEqual([{ n: 1 }, { n: 2 }]);
    });

    it('takes over the messages a dead worker received but never acknowledged', async () => {
      const producer = await openBus();
      await producer.enqueue('sales', { n: 1 });
      // A worker of another process read the message, then died before acknowledging it.
      await admin.call('XGROUP', 'CREATE', `${prefix}sales`, 'orders', '0');
      await admin.call('XREADGROUP', 'GROUP', 'orders', 'crashed-process', 'COUNT', 10, 'STREAMS', `${prefix}sales`, '>');
      expect(await pendingCount('sales', 'orders')).toBe(1);

      const survivor = await openBus({ claimIdleMs: 200 });
      const handled: unknown[] = [];
      await survivor.onWork('sales', 'orders', async (message) => void handled.push(message));

      await expect.poll(() => handled, { timeout: 5_000 }).toEqual([{ n: 1 }]);
      expect(await pendingCount('sales', 'orders')).toBe(0);
    });

    it('stops one worker with the function onWork resolved to, leaving the next message to a new worker', async () => {
      const bus = await openBus();
      const first: unknown[] = [];
      const stop = await bus.onWork('sales', 'orders', async (message) => void first.push(message));
      await stop();

      await bus.enqueue('sales', { n: 1 });
      const second: unknown[] = [];
      await bus.onWork('sales', 'orders', async (message) => void second.push(message));

      await expect.poll(() => second, { timeout: 5_000 }).toEqual([{ n: 1 }]);
      expect(first).toEqual([]);
    });
  });

  describe('close()', () => {
    it('stops workers and subscriptions, quits every connection, and refuses later use with EVENT_BUS_CLOSED', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        const bus = await openBus();
        const handled: unknown[] = [];
        await bus.onBroadcast('stock', () => undefined);
        await bus.onWork('sales', 'orders', async (message) => void handled.push(message));
        expect((await clientsOfThisTest()).length).toBe(3);

        const startedAt = Date.now();
        await bus.close();
        expect(Date.now() - startedAt).toBeLessThan(2_000);

        await expect.poll(clientsOfThisTest, { timeout: 2_000 }).toEqual([]);
        await expect(bus.broadcast('stock', {})).rejects.toMatchObject({ code: EVENT_BUS_ERROR.CLOSED });
        await expect(bus.enqueue('sales', {})).rejects.toMatchObject({ code: EVENT_BUS_ERROR.CLOSED });
        await expect(bus.onWork('sales', 'orders', async () => undefined)).rejects.toMatchObject({ code: EVENT_BUS_ERROR.CLOSED });
        await bus.close();

        // Work enqueued afterwards waits for the next worker instead of reaching the closed one.
        const other = await openBus();
        await other.enqueue('sales', { n: 1 });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(handled).toEqual([]);
        expect(unhandled).toEqual([]);
        expect(reported).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });
  });
});

describe('starting without a reachable Redis', () => {
  let silent: Server;
  const open = new Set<Socket>();
  beforeAll(async () => {
    // Accepts connections, reads and never answers: a hung server, or the wrong service on that port.
    silent = createServer((socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of open) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('fails at once, naming REDIS_URL but not its password, when nothing listens at the address', async () => {
    const startedAt = Date.now();
    const failure = createEventBus({ redisUrl: 'redis://:secret@127.0.0.1:1', channelPrefix: 'test:' });
    await expect(failure).rejects.toMatchObject({ code: EVENT_BUS_ERROR.UNAVAILABLE, message: expect.stringContaining('REDIS_URL') });
    await expect(failure).rejects.toThrow(/127\.0\.0\.1:1/);
    await expect(failure).rejects.not.toThrow(/secret/);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });

  it('gives up after the connect timeout when the server never answers, leaving no connection behind', async () => {
    const { port } = silent.address() as { port: number };
    const startedAt = Date.now();
    await expect(
      createRedisEventBus({ url: `redis://127.0.0.1:${port}`, channelPrefix: 'test:', connectTimeoutMs: 300 }),
    ).rejects.toMatchObject({ code: EVENT_BUS_ERROR.UNAVAILABLE, message: expect.stringContaining('REDIS_URL') });
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    await expect.poll(() => open.size, { timeout: 2_000 }).toBe(0);
  });
});

/** A TCP proxy to Redis that holds every chunk the client sends for `delayMs` (order kept). */
async function startDelayingProxy(redisUrl: string, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(redisUrl);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('close', end);
      socket.on('error', end);
    }
    client.on('data', (chunk) => setTimeout(() => upstream.destroyed || upstream.write(chunk), delayMs));
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(redisUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as { port: number }).port);
  return {
    url: proxied.toString(),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
