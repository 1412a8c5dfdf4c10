/**
 * A subscriber that stops reading is cut off instead of holding memory for everyone: at the
 * gateway, each client of a shared stream has its own bounded backlog (SUBSCRIBER_TOO_SLOW) while
 * the others go on; in the inventory, a stock stream that falls too many commits behind ends with
 * SubscriberTooSlowError, and resubscribing with `after` replays the rest from the ledger.
 */
import { Repeater, type Push } from '@repeaterjs/repeater';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../gateway/errors.js';
import type { SequencedResult } from '../../gateway/subscriptions/enrich-event.js';
import { createSharedStreams, type SharedSource } from '../../gateway/subscriptions/shared-streams.js';
import { inventorySubgraph } from '../../subgraphs/inventory/index.js';
import type { StockChangeModel } from '../../subgraphs/inventory/models.js';
import { streamStockChanges, SubscriberTooSlowError } from '../../subgraphs/inventory/stock-stream.js';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';
import { createInProcessEventBus } from '../../platform/events/in-process-event-bus.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { startTestSubgraph, type TestSubgraph } from '../support/subgraph.js';
import { SEED_SCALE } from '../inventory/harness.js';
import { adjust, createLevelPicker, ledgerHead, type StockChangeBody } from '../inventory/stock-mutation-support.js';

/** Lets pending promise callbacks (a subscriber leaving, a source returning) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const event = (n: number): ExecutionResult => ({ data: { n } });
const numbers = (results: IteratorResult<ExecutionResult>[]) => results.map((r) => (r.value as ExecutionResult).data?.n);

/**
 * An upstream the test drives, without history (not resumable): `emit` resolves once the shared
 * stream has handed the event to every subscriber.
 */
function createControlledSource() {
  let push: Push<SequencedResult> | undefined;
  const state = { started: false, returned: false };
  const iterator = new Repeater<SequencedResult>(async (p, stop) => {
    push = p;
    state.started = true;
    await stop;
    state.returned = true;
  });
  return {
    iterator: { events: iterator } as SharedSource,
    state,
    async emit(n: number) {
      if (!push) throw new Error('nobody reads the source yet');
      await push({ sequence: undefined, result: event(n) });
    },
  };
}

/** Reads `iterator` to its end in the background, keeping what it got and how it ended. */
function createReader(iterator: AsyncIterableIterator<ExecutionResult>) {
  const reader = { received: [] as number[], error: undefined as unknown, done: false };
  const finished = (async () => {
    try {
      for await (const result of iterator) reader.received.push(result.data?.n as number);
    } catch (error) {
      reader.error = error;
    } finally {
      reader.done = true;
    }
  })();
  return Object.assign(reader, {
    finished,
    /** Unsubscribes, as a client does: a clean end. */
    async stop() {
      await iterator.return?.();
      await finished;
    },
  });
}

describe('shared subscription streams without history: slow subscribers', () => {
  it('ends a subscriber that leaves more than maxBacklog events unread with SUBSCRIBER_TOO_SLOW, while a reading subscriber of the same stream gets every event', async () => {
    const shared = createSharedStreams({ maxBacklog: 5 });
    const source = createControlledSource();
    const open = vi.fn(() => source.iterator);
    const slow = shared.join('key', open);
    const reader = createReader(shared.join('key', open));
    // A Repeater runs on its first next(): the slow client asks for one event, then stops reading.
    const first = slow.next();
    await settle();
    expect(open).toHaveBeenCalledTimes(1);
    expect(shared.stats()).toEqual({ streams: 1, subscribers: 2 });

    await source.emit(1);
    expect((await first).value).toEqual(event(1));
    // Events 2..6: exactly maxBacklog unread, still allowed.
    for (let n = 2; n <= 6; n += 1) await source.emit(n);
    await settle();
    expect(shared.stats()).toEqual({ streams: 1, subscribers: 2 });

    // Event 7 would be the sixth unread one: the slow client is cut off and leaves the stream.
    await source.emit(7);
    await settle();
    expect(shared.stats()).toEqual({ streams: 1, subscribers: 1 });
    for (let n = 8; n <= 20; n += 1) await source.emit(n);

    // It still gets what was queued before the cut-off, then the error; it resumes with `after`.
    const queued: IteratorResult<ExecutionResult>[] = [];
    let failure: unknown;
    try {
      for (;;) {
        const next = await slow.next();
        if (next.done) break;
        queued.push(next);
      }
    } catch (error) {
      failure = error;
    }
    expect(numbers(queued)).toEqual([2, 3, 4, 5, 6]);
    expect(failure).toBeInstanceOf(GraphQLError);
    expect((failure as GraphQLError).extensions).toMatchObject({ code: ErrorCode.SubscriberTooSlow, limit: 5 });

    await settle();
    expect(reader.received).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(reader.error).toBeUndefined();
    expect(source.state.returned).toBe(false);
    await shared.close();
  });

  it('cuts off each slow subscriber on its own backlog, not on the stream’s', async () => {
    const shared = createSharedStreams({ maxBacklog: 3 });
    const source = createControlledSource();
    const early = shared.join('key', () => source.iterator);
    const earlyFirst = early.next();
    await settle();
    await source.emit(1);
    await earlyFirst;
    await source.emit(2);
    // A client joining late starts with an empty backlog, however far behind the first one is.
    const late = shared.join('key', () => source.iterator);
    const lateFirst = late.next();
    await settle();
    for (let n = 3; n <= 5; n += 1) await source.emit(n);
    await settle();
    expect(shared.stats().subscribers).toBe(1);
    expect((await lateFirst).value).toEqual(event(3));
    for (const n of [2, 3, 4]) await expect(early.next()).resolves.toMatchObject({ value: event(n) });
    await expect(early.next()).rejects.toMatchObject({ extensions: { code: ErrorCode.SubscriberTooSlow } });
    await late.return?.();
    await settle();
    expect(shared.stats()).toEqual({ streams: 0, subscribers: 0 });
    expect(source.state.returned).toBe(true);
  });

  it('returns the shared source once its last subscriber leaves, and opens a new one for the next subscriber', async () => {
    const shared = createSharedStreams({ maxBacklog: 5 });
    const sources = [createControlledSource(), createControlledSource()];
    const open = vi.fn(() => sources[open.mock.calls.length - 1]!.iterator);
    const a = createReader(shared.join('key', open));
    const b = createReader(shared.join('key', open));
    await settle();
    await sources[0]!.emit(1);
    expect(shared.stats()).toEqual({ streams: 1, subscribers: 2 });

    await a.stop();
    await settle();
    expect(shared.stats()).toEqual({ streams: 1, subscribers: 1 });
    expect(sources[0]!.state.returned).toBe(false);
    await sources[0]!.emit(2);
    await b.stop();
    await settle();
    expect(shared.stats()).toEqual({ streams: 0, subscribers: 0 });
    expect(sources[0]!.state.returned).toBe(true);
    expect([a.received, a.error]).toEqual([[1], undefined]);
    expect([b.received, b.error]).toEqual([[1, 2], undefined]);

    const c = createReader(shared.join('key', open));
    await settle();
    expect(open).toHaveBeenCalledTimes(2);
    await sources[1]!.emit(3);
    await settle();
    expect(c.received).toEqual([3]);
    await shared.close();
    await c.finished;
    expect(c.error).toBeUndefined();
  });

  it('ends every subscriber cleanly on close, returns every source and refuses later joins', async () => {
    const shared = createSharedStreams({ maxBacklog: 5 });
    const first = createControlledSource();
    const second = createControlledSource();
    const readers = [
      createReader(shared.join('first', () => first.iterator)),
      createReader(shared.join('first', () => first.iterator)),
      createReader(shared.join('second', () => second.iterator)),
    ];
    await settle();
    expect(shared.stats()).toEqual({ streams: 2, subscribers: 3 });
    await first.emit(1);
    await second.emit(2);

    await shared.close();
    await Promise.all(readers.map((reader) => reader.finished));
    await settle();
    expect(readers.map((reader) => [reader.received, reader.error])).toEqual([
      [[1], undefined],
      [[1], undefined],
      [[2], undefined],
    ]);
    expect(first.state.returned && second.state.returned).toBe(true);
    expect(shared.stats()).toEqual({ streams: 0, subscribers: 0 });

    const open = vi.fn(() => createControlledSource().iterator);
    await expect(shared.join('first', open).next()).resolves.toMatchObject({ done: true });
    expect(open).not.toHaveBeenCalled();
    expect(shared.stats()).toEqual({ streams: 0, subscribers: 0 });
  });
});

/**
 * A resumable source: the test emits live events with their sequences, and every event emitted is
 * in its "ledger" too, which `history` reads by pages.
 */
function createSourceWithHistory(pageSize = 4) {
  const ledger: number[] = [];
  let push: Push<SequencedResult> | undefined;
  const pages: number[] = [];
  const events = new Repeater<SequencedResult>(async (p, stop) => {
    push = p;
    await stop;
  });
  const item = (sequence: number): SequencedResult => ({ sequence, result: event(sequence) });
  const source: SharedSource = {
    events,
    started: Promise.resolve(),
    async history(cursor) {
      pages.push(cursor);
      const rows = ledger.filter((sequence) => sequence > cursor).slice(0, pageSize);
      return { items: rows.map(item), last: rows.length < pageSize };
    },
  };
  return {
    source,
    pages,
    /** Commits `sequence` to the ledger and sends it live. */
    async emit(sequence: number) {
      ledger.push(sequence);
      if (!push) throw new Error('nobody reads the source yet');
      await push(item(sequence));
    },
    commitOnly(sequence: number) {
      ledger.push(sequence);
    },
  };
}

describe('shared subscription streams with history: each subscriber has its own cursor', () => {
  it('sends a subscriber that falls more than maxBacklog events behind back to the history, and it still gets every event once, in order', async () => {
    const shared = createSharedStreams({ maxBacklog: 3 });
    const source = createSourceWithHistory();
    const slow = shared.join('key', () => source.source);
    const reader = createReader(shared.join('key', () => source.source));
    const first = slow.next();
    await settle();
    await source.emit(1);
    expect((await first).value).toEqual(event(1));
    // The slow client reads nothing while 2..30 arrive: far over its backlog, yet it is not ended.
    for (let n = 2; n <= 30; n += 1) await source.emit(n);
    await settle();
    expect(shared.stats()).toEqual({ streams: 1, subscribers: 2 });
    const received = [1];
    while (received.length < 30) received.push(((await slow.next()).value as ExecutionResult).data?.n as number);
    expect(received).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // It read the ledger after the last event handed to it (at most maxBacklog + 1 are held for a
    // client that reads nothing: 1 to 4 here), then joined the live events again.
    expect(source.pages[0]).toBeLessThanOrEqual(4);
    await source.emit(31);
    expect((await slow.next()).value).toEqual(event(31));
    await settle();
    expect(reader.received).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    await slow.return?.();
    await shared.close();
  });

  it('gives a subscriber joining with a cursor the events after it from the history, then the live ones, without gap or duplicate', async () => {
    const shared = createSharedStreams({ maxBacklog: 100 });
    const source = createSourceWithHistory();
    const early = createReader(shared.join('key', () => source.source));
    await settle();
    for (let n = 1; n <= 10; n += 1) await source.emit(n);
    // Committed but not yet seen live by the stream: the history has it, the live event comes later.
    source.commitOnly(11);
    const late = createReader(shared.join('key', () => source.source, { after: 3 }));
    const fresh = createReader(shared.join('key', () => source.source));
    await settle();
    await settle();
    for (let n = 12; n <= 14; n += 1) await source.emit(n);
    await settle();
    expect(early.received).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14]);
    expect(late.received).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(fresh.received).toEqual([12, 13, 14]);
    await shared.close();
  });
});

/** The bus as the stream sees it, counting the broadcast listeners it has not yet removed. */
function countListeners(events: EventBus) {
  let listeners = 0;
  const bus: EventBus = {
    ...events,
    async onBroadcast(topic, handler) {
      const unsubscribe = await events.onBroadcast(topic, handler);
      listeners += 1;
      return async () => {
        listeners -= 1;
        await unsubscribe();
      };
    },
  };
  return { bus, count: () => listeners };
}

describe('inventory stock stream: slow subscribers', () => {
  const pick = createLevelPicker();
  let events: EventBus;
  let inventory: TestSubgraph;
  let store: { db: Kysely<InventoryDatabase>; close(): Promise<void> };
  beforeAll(async () => {
    events = createInProcessEventBus();
    inventory = await startTestSubgraph(inventorySubgraph, SEED_SCALE, { events });
    store = await inventory.openStore<InventoryDatabase>();
  });
  afterAll(async () => {
    await store?.close();
    await inventory?.close();
    await events?.close();
  });

  /** One committed RESTOCK through HTTP, with a fresh idempotency key: one commit, one movement. */
  const restock = async (level: { sku: string; locationId: string }) => {
    const { changes, userErrors } = await adjust(inventory, { ...level, delta: 1, reason: 'RESTOCK' });
    expect(userErrors).toEqual([]);
    return changes as StockChangeBody[];
  };

  it('ends a consumer that stops pulling while more than maxBufferedCommits commits arrive, and `after` its last sequence replays the rest without gap or duplicate', async () => {
    const level = pick('any');
    const filter = { skus: [level.sku], locationIds: [level.locationId] };
    const { last: start } = await ledgerHead(store.db);
    const listening = countListeners(events);
    const stream = streamStockChanges(store.db, listening.bus, { filter, after: start, maxBufferedCommits: 5, pageSize: 4 });

    // It takes the first change, then stops pulling while twelve more commits are announced.
    const first = stream.next();
    const committed = await restock(level);
    const received: StockChangeModel[] = [(await first).value as StockChangeModel];
    for (let i = 0; i < 12; i += 1) committed.push(...(await restock(level)));

    expect(listening.count()).toBe(1);
    let failure: unknown;
    try {
      while (received.length < committed.length) {
        const next = await stream.next();
        if (next.done) break;
        received.push(next.value);
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(SubscriberTooSlowError);
    expect(listening.count()).toBe(0);
    // What it got before the cut-off is the start of the ledger, in order.
    expect(received.map((c) => c.sequence)).toEqual(committed.slice(0, received.length).map((c) => c.sequence));

    // Resuming from its last sequence reads the missed commits from the ledger, then goes live.
    const resumed = streamStockChanges(store.db, events, {
      filter,
      after: received[received.length - 1]!.sequence,
      maxBufferedCommits: 5,
      pageSize: 4,
    });
    try {
      const missed: StockChangeModel[] = [];
      while (missed.length < committed.length - received.length) missed.push((await resumed.next()).value as StockChangeModel);
      const live = resumed.next();
      committed.push(...(await restock(level)));
      missed.push((await live).value as StockChangeModel);

      const all = [...received, ...missed];
      expect(all.map((c) => c.sequence)).toEqual(committed.map((c) => c.sequence));
      expect(all.map((c) => c.version)).toEqual(committed.map((c) => c.version));
      expect(all.map((c) => c.onHand)).toEqual(committed.map((c) => c.onHand));
      expect(new Set(all.map((c) => c.sequence)).size).toBe(all.length);
    } finally {
      await resumed.return?.();
    }
  });

  it('keeps a consumer that pulls as commits arrive, however many there are', async () => {
    const level = pick('any');
    const { last: start } = await ledgerHead(store.db);
    const stream = streamStockChanges(store.db, events, {
      filter: { skus: [level.sku], locationIds: [level.locationId] },
      after: start,
      maxBufferedCommits: 2,
    });
    try {
      const committed: StockChangeBody[] = [];
      const received: StockChangeModel[] = [];
      for (let i = 0; i < 8; i += 1) {
        const next = stream.next();
        committed.push(...(await restock(level)));
        received.push((await next).value as StockChangeModel);
      }
      expect(received.map((c) => c.sequence)).toEqual(committed.map((c) => c.sequence));
    } finally {
      await stream.return?.();
    }
  });
});
