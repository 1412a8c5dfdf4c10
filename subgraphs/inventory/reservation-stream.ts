/**
 * The stream behind `Subscription.reservationChanged`: the stock ledger's stream (the same topic,
 * sequences and resume rules as `stockChanged`, ../shared/ledger-stream.ts) narrowed to the
 * movements of reservations, so `after` replays without gap or duplicate exactly as stockChanged does.
 *
 * A change carries its reservation as it stands, which the commit event does not hold: a commit that
 * moved a reservation at a wanted location is read back from the ledger (one indexed read); any other
 * commit is passed over without reading.
 */
import type { Kysely } from 'kysely';
import type { EventBus } from '../../platform/events/event-bus.js';
import { streamLedger } from '../shared/ledger-stream.js';
import { findLastSequence } from './ledger-reader.js';
import type { ReservationChangeModel } from './models.js';
import { findReservationChangesBetween, type ReservationChangeFilter } from './reservation-change-reader.js';
import { STOCK_COMMITTED_TOPIC, type StockCommittedEvent } from './stock-events.js';
import type { InventoryDatabase } from './tables.js';

export interface ReservationStreamOptions {
  filter: ReservationChangeFilter;
  /** Replay changes after this sequence first; null = only changes committed from now on. */
  after: number | null;
  /** Rows per ledger read. */
  pageSize?: number;
  /** Commits buffered for a subscriber that does not keep up (then it ends with an error and resumes with `after`). */
  maxBufferedCommits?: number;
}

export function streamReservationChanges(
  db: Kysely<InventoryDatabase>,
  events: EventBus,
  options: ReservationStreamOptions,
): AsyncIterableIterator<ReservationChangeModel> {
  const locationIds = options.filter.locationIds ? new Set(options.filter.locationIds) : null;
  return streamLedger<ReservationChangeModel>(
    events,
    {
      topic: STOCK_COMMITTED_TOPIC,
      commitOf: (message) => {
        const commit = message as StockCommittedEvent;
        const lastSequence = commit.movements.at(-1)?.sequence ?? commit.previousSequence;
        const concerned = commit.movements.some(
          (movement) => movement.reservationId !== undefined && (!locationIds || locationIds.has(movement.locationId)),
        );
        // No rows given: the stream reads the commit's range from the ledger. None to give: nothing to read.
        return concerned ? { previousSequence: commit.previousSequence, lastSequence } : { previousSequence: commit.previousSequence, lastSequence, events: [] };
      },
      head: () => findLastSequence(db),
      read: (after, through, limit) => findReservationChangesBetween(db, { after, through, limit }, options.filter),
      select: (rows) => [...rows],
      sequenceOf: (change) => change.sequence,
    },
    {
      after: options.after,
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      ...(options.maxBufferedCommits === undefined ? {} : { maxBufferedCommits: options.maxBufferedCommits }),
    },
  );
}
