/**
 * The stream behind `Subscription.stockChanged`: replay from the ledger, then live events, with no
 * gap and no duplicate (the contract is in EVENTS.md). The mechanism — listen before reading,
 * track how far every commit has been handled, read from the ledger what was missed — is the
 * shared ledger stream's (../shared/ledger-stream.ts); this file says how the stock ledger is read
 * and what its commit events hold.
 */
import type { Kysely } from 'kysely';
import type { EventBus } from '../../platform/events/event-bus.js';
import { LedgerSubscriberTooSlowError, streamLedger } from '../shared/ledger-stream.js';
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

/** The error a subscriber that fell too far behind ends with. */
export { LedgerSubscriberTooSlowError as SubscriberTooSlowError };

export function streamStockChanges(
  db: Kysely<InventoryDatabase>,
  events: EventBus,
  options: StockStreamOptions,
): AsyncIterableIterator<StockChangeModel> {
  const skus = options.filter.skus ? new Set(options.filter.skus) : null;
  const locationIds = options.filter.locationIds ? new Set(options.filter.locationIds) : null;
  const matches = (m: { sku: string; locationId: string }) =>
    (!skus || skus.has(m.sku)) && (!locationIds || locationIds.has(m.locationId));

  return streamLedger<StockChangeModel>(
    events,
    {
      topic: STOCK_COMMITTED_TOPIC,
      // A stock commit names its movements; the last one's sequence is the commit's last.
      commitOf: (message) => {
        const commit = message as StockCommittedEvent;
        return { previousSequence: commit.previousSequence, lastSequence: commit.movements.at(-1)?.sequence ?? commit.previousSequence, events: commit.movements };
      },
      head: () => findLastSequence(db),
      read: (after, through, limit) => findMovementsBetween(db, { after, through, limit }, options.filter),
      select: (movements) => movements.filter(matches),
      sequenceOf: (change) => change.sequence,
    },
    { after: options.after, ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }), ...(options.maxBufferedCommits === undefined ? {} : { maxBufferedCommits: options.maxBufferedCommits }) },
  );
}
