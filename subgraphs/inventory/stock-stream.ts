/**
 * The stream behind `Subscription.stockChanged`: replay from the ledger, then live events, with no
 * gap and no duplicate (the contract is in EVENTS.md).
 *
 * It listens before it reads, so nothing committed during the switch is lost, and it tracks
 * `seenThrough`, the ledger position up to which every commit has been handled. Writers are
 * serialised, so each commit event names the sequence committed just before it
 * (`previousSequence`); when that is beyond `seenThrough`, commits were missed (another process,
 * an event lost or reordered on the way) and are read from the ledger before going on.
 */
import { Repeater } from '@repeaterjs/repeater';
import type { Kysely } from 'kysely';
import type { EventBus } from '../../platform/events/event-bus.js';
import { findLastSequence, findMovementsBetween, type LedgerFilter } from './ledger-reader.js';
import type { StockChangeModel } from './models.js';
import { STOCK_COMMITTED_TOPIC, type StockCommittedEvent } from './stock-events.js';
import type { InventoryDatabase } from './tables.js';

export interface StockStreamOptions {
  filter: LedgerFilter;
  /** Replay changes after this sequence first; null = only changes committed from now on. */
  after: number | null;
  /** Rows per ledger read. */
  pageSize?: number;
  /**
   * Commits buffered for a subscriber that does not keep up; beyond it the stream ends with an
   * error and the subscriber resumes with `after`, reading the ledger at its own pace.
   */
  maxBufferedCommits?: number;
}

export class SubscriberTooSlowError extends Error {
  constructor(limit: number) {
    super(`The subscriber fell more than ${limit} commits behind; resubscribe with \`after\` to resume`);
  }
}

export function streamStockChanges(
  db: Kysely<InventoryDatabase>,
  events: EventBus,
  options: StockStreamOptions,
): AsyncIterableIterator<StockChangeModel> {
  const pageSize = options.pageSize ?? 500;
  const maxBuffered = options.maxBufferedCommits ?? 10_000;
  const skus = options.filter.skus ? new Set(options.filter.skus) : null;
  const locationIds = options.filter.locationIds ? new Set(options.filter.locationIds) : null;
  const matches = (m: { sku: string; locationId: string }) =>
    (!skus || skus.has(m.sku)) && (!locationIds || locationIds.has(m.locationId));

  return new Repeater<StockChangeModel>(async (push, stop) => {
    const pending: StockCommittedEvent[] = [];
    let wake: (() => void) | undefined;
    let overflowed = false;
    const unsubscribe = await events.onBroadcast(STOCK_COMMITTED_TOPIC, (message) => {
      if (pending.length >= maxBuffered) overflowed = true;
      else pending.push(message as StockCommittedEvent);
      wake?.();
    });
    let stopped = false;
    void stop.then(() => {
      stopped = true;
      wake?.();
    });

    let seenThrough = 0;
    // Pushes every matching ledger row in (seenThrough, through], page by page.
    const readLedgerThrough = async (through: number) => {
      while (!stopped && seenThrough < through) {
        const rows = await findMovementsBetween(db, { after: seenThrough, through, limit: pageSize }, options.filter);
        for (const row of rows) await push(row);
        seenThrough = rows.length < pageSize ? through : rows[rows.length - 1]!.sequence;
      }
    };

    try {
      const last = await findLastSequence(db);
      if (options.after === null || options.after >= last) {
        seenThrough = options.after === null ? last : options.after;
      } else {
        seenThrough = options.after;
        await readLedgerThrough(last);
      }
      while (!stopped) {
        if (overflowed) throw new SubscriberTooSlowError(maxBuffered);
        const commit = pending.shift();
        if (!commit) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        const lastOfCommit = commit.movements[commit.movements.length - 1]?.sequence ?? 0;
        if (lastOfCommit <= seenThrough) continue;
        if (commit.previousSequence > seenThrough) await readLedgerThrough(commit.previousSequence);
        for (const movement of commit.movements) {
          if (movement.sequence <= seenThrough) continue;
          if (matches(movement)) await push(movement);
          seenThrough = movement.sequence;
        }
      }
    } finally {
      await unsubscribe();
    }
  });
}
