/**
 * The embedded default bus: the same contract as the Redis bus (tests/shared/redis-event-bus.test.ts)
 * within one process. It keeps nothing across processes or restarts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus } from '../../platform/events/event-bus.js';
import { createInProcessEventBus } from '../../platform/events/in-process-event-bus.js';

const buses: EventBus[] = [];
const openBus = () => {
  const bus = createInProcessEventBus({ retryDelayMs: 20 });
  buses.push(bus);
  return bus;
};
afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});

describe('broadcast', () => {
  it('gives every subscriber of the topic every message, each its own copy', async () => {
    const bus = openBus();
    const first: { n: number }[] = [];
    const second: { n: number }[] = [];
    const elsewhere: unknown[] = [];
    await bus.onBroadcast('stock', (message) => {
      const received = message as { n: number };
      first.push(received);
      // A subscriber that changes what it got must not change what the others get.
      received.n = -1;
    });
    await bus.onBroadcast('stock', (message) => second.push(message as { n: number }));
    await bus.onBroadcast('prices', (message) => elsewhere.push(message));

    await bus.broadcast('stock', { n: 1 });

    expect(second).toEqual([{ n: 1 }]);
    expect(first).toHaveLength(1);
    expect(elsewhere).toEqual([]);
  });

  it('is subscribed once onBroadcast resolves: a broadcast sent right after it arrives', async () => {
    const bus = openBus();
    const received: unknown[] = [];
    await bus.onBroadcast('stock', (message) => received.push(message));
    await bus.broadcast('stock', { n: 1 });
    expect(received).toEqual([{ n: 1 }]);
  });

  it('stops delivering to a handler that left, and only to it', async () => {
    const bus = openBus();
    const first: unknown[] = [];
    const second: unknown[] = [];
    const leaveFirst = await bus.onBroadcast('stock', (message) => first.push(message));
    await bus.onBroadcast('stock', (message) => second.push(message));

    await leaveFirst();
    await bus.broadcast('stock', { n: 1 });

    expect(first).toEqual([]);
    expect(second).toEqual([{ n: 1 }]);
  });
});

describe('work', () => {
  it('hands each message to exactly one worker of a group', async () => {
    const bus = openBus();
    const handled: number[] = [];
    const worker = async (message: unknown) => {
      handled.push((message as { n: number }).n);
    };
    await bus.onWork('sales', 'orders', worker);
    await bus.onWork('sales', 'orders', worker);

    for (let n = 0; n < 10; n++) await bus.enqueue('sales', { n });

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...handled].sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, n) => n));
  });

  it('hands each message once to each group', async () => {
    const bus = openBus();
    const byGroup: Record<string, unknown[]> = { orders: [], loyalty: [] };
    await bus.onWork('sales', 'orders', async (message) => void byGroup.orders!.push(message));
    await bus.onWork('sales', 'loyalty', async (message) => void byGroup.loyalty!.push(message));

    await bus.enqueue('sales', { n: 1 });

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(byGroup).toEqual({ orders: [{ n: 1 }], loyalty: [{ n: 1 }] });
  });

  it('hands a message whose handler failed to it again, until the handler succeeds', async () => {
    const bus = openBus();
    let attempts = 0;
    const handled: unknown[] = [];
    await bus.onWork('sales', 'orders', async (message) => {
      attempts += 1;
      if (attempts < 3) throw new Error('database unavailable');
      handled.push(message);
    });

    await bus.enqueue('sales', { saleId: 'sale-1' });

    await expect.poll(() => handled, { timeout: 2_000 }).toEqual([{ saleId: 'sale-1' }]);
    expect(attempts).toBe(3);
  });

  it('keeps a message enqueued while no worker runs, and delivers it when one starts', async () => {
    const bus = openBus();
    await bus.enqueue('sales', { n: 1 });
    await bus.enqueue('sales', { n: 2 });

    const handled: unknown[] = [];
    await bus.onWork('sales', 'orders', async (message) => void handled.push(message));

    await expect.poll(() => handled, { timeout: 2_000 }).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('stops one worker with the function onWork resolved to, leaving the next message to a new worker', async () => {
    const bus = openBus();
    const first: unknown[] = [];
    const stop = await bus.onWork('sales', 'orders', async (message) => void first.push(message));
    await stop();

    await bus.enqueue('sales', { n: 1 });
    const second: unknown[] = [];
    await bus.onWork('sales', 'orders', async (message) => void second.push(message));

    await expect.poll(() => second, { timeout: 2_000 }).toEqual([{ n: 1 }]);
    expect(first).toEqual([]);
  });
});

describe('close()', () => {
  it('stops retrying failed work and delivering broadcasts', async () => {
    const bus = openBus();
    let attempts = 0;
    const received: unknown[] = [];
    await bus.onBroadcast('stock', (message) => received.push(message));
    await bus.onWork('sales', 'orders', async () => {
      attempts += 1;
      throw new Error('database unavailable');
    });
    await bus.enqueue('sales', { n: 1 });
    expect(attempts).toBe(1);

    await bus.close();
    await bus.broadcast('stock', { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(attempts).toBe(1);
    expect(received).toEqual([]);
  });
});
