/**
 * The per-subscriber queue of shared streams (gateway/subscriptions/subscriber-channel.ts): order,
 * ending after what is queued, the reader leaving, and what counts as unread.
 */
import { describe, expect, it } from 'vitest';
import { createSubscriberChannel } from '../../gateway/subscriptions/subscriber-channel.js';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('subscriber channel', () => {
  it('hands values over in order, to a waiting reader or from the queue', async () => {
    const channel = createSubscriberChannel<number>();
    const waiting = channel.iterator.next();
    channel.push(1);
    channel.push(2);
    channel.push(3);
    expect(await waiting).toEqual({ done: false, value: 1 });
    expect(await channel.iterator.next()).toEqual({ done: false, value: 2 });
    expect(await channel.iterator.next()).toEqual({ done: false, value: 3 });
  });

  it('ends after the queued values, with its error once, then done', async () => {
    const channel = createSubscriberChannel<number>();
    channel.push(1);
    channel.push(2);
    channel.end(new Error('too slow'));
    channel.push(3);
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const value of channel.iterator) got.push(value);
      })(),
    ).rejects.toThrow('too slow');
    expect(got).toEqual([1, 2]);
    expect(await channel.iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('ends a waiting reader cleanly, and resolves stopped', async () => {
    const channel = createSubscriberChannel<number>();
    let stopped = false;
    void channel.stopped.then(() => (stopped = true));
    const waiting = channel.iterator.next();
    channel.end();
    expect(await waiting).toEqual({ done: true, value: undefined });
    await settle();
    expect(stopped).toBe(true);
  });

  it('drops what is queued when the reader leaves, and wakes whoever waits for it to drain', async () => {
    const channel = createSubscriberChannel<number>();
    channel.push(1);
    channel.push(2);
    let drained = false;
    void channel.drained().then(() => (drained = true));
    let stopped = false;
    void channel.stopped.then(() => (stopped = true));
    await channel.iterator.return!();
    await settle();
    expect([drained, stopped, channel.unread]).toEqual([true, true, 0]);
    expect(await channel.iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('counts as unread what is queued and the value the reader holds until it asks for the next', async () => {
    const channel = createSubscriberChannel<number>();
    channel.push(1);
    channel.push(2);
    expect(channel.unread).toBe(2);
    await channel.iterator.next();
    expect(channel.unread).toBe(2);
    const second = channel.iterator.next();
    expect(channel.unread).toBe(1);
    await second;
    const third = channel.iterator.next();
    expect(channel.unread).toBe(0);
    channel.push(3);
    expect(channel.unread).toBe(1);
    expect(await third).toEqual({ done: false, value: 3 });
  });

  it('keeps order across a long queue read slowly', async () => {
    const channel = createSubscriberChannel<number>();
    for (let i = 0; i < 5_000; i += 1) channel.push(i);
    const got: number[] = [];
    for (let i = 0; i < 2_500; i += 1) got.push((await channel.iterator.next()).value as number);
    for (let i = 5_000; i < 6_000; i += 1) channel.push(i);
    channel.end();
    for await (const value of channel.iterator) got.push(value);
    expect(got).toEqual(Array.from({ length: 6_000 }, (_, i) => i));
  });
});

describe('subscriber channel with a direct sink', () => {
  it('gives the sink a value only while the reader waits with nothing queued, and keeps the order when the sink declines', async () => {
    const direct: number[] = [];
    let accepting = true;
    const channel = createSubscriberChannel<number>((value) => {
      if (!accepting) return false;
      direct.push(value);
      return true;
    });
    // No reader waiting yet: queued for the reader.
    channel.push(1);
    expect(await channel.iterator.next()).toEqual({ done: false, value: 1 });
    // The reader has not asked again (it may still be writing 1): queued, not written past it.
    channel.push(2);
    expect(direct).toEqual([]);
    expect(await channel.iterator.next()).toEqual({ done: false, value: 2 });
    // The reader waits with nothing queued: the sink takes it, the reader keeps waiting.
    const waiting = channel.iterator.next();
    channel.push(3);
    channel.push(4);
    expect(direct).toEqual([3, 4]);
    expect(channel.unread).toBe(0);
    // The sink declines: that value and the ones after it go to the reader, in order.
    accepting = false;
    channel.push(5);
    accepting = true;
    channel.push(6);
    expect(await waiting).toEqual({ done: false, value: 5 });
    expect(await channel.iterator.next()).toEqual({ done: false, value: 6 });
    const next = channel.iterator.next();
    channel.push(7);
    expect(direct).toEqual([3, 4, 7]);
    channel.end();
    expect(await next).toEqual({ done: true, value: undefined });
    channel.push(8);
    expect(direct).toEqual([3, 4, 7]);
  });
});
