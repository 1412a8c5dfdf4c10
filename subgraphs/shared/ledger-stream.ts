/**
 * A subscription over an append-only ledger whose commits are broadcast after they commit:
 * replay from the ledger after a cursor, then live commits, with no gap and no duplicate (the
 * contract of inventory/EVENTS.md). Used by the stock ledger (stockChanged) and the price ledger
 * (priceChanged); each says how its commit messages read (`commitOf`) and how its ledger is read.
 *
 * It listens before it reads, so nothing committed during the switch is lost, and tracks
 * `seenThrough`, the position up to which every commit has been handled. Writers are serialised,
 * so a commit whose `previousSequence` is beyond `seenThrough` means commits were missed (another
 * process, a lost or reordered message): they are read from the ledger before going on.
 */
import { Repeater } from '@repeaterjs/repeater';
import type { EventBus } from '../../platform/events/event-bus.js';

export interface LedgerCommitMessage<Row> {
  previousSequence: number;
  lastSequence: number;
  /** The commit's rows in sequence order; absent when the commit was too large to carry them. */
  events?: Row[];
}

export interface LedgerSource<Row> {
  topic: string;
  /** A broadcast message of the topic as a commit. */
  commitOf(message: unknown): LedgerCommitMessage<Row>;
  /** The last committed sequence. */
  head(): Promise<number>;
  /** The matching rows in (after, through], oldest first, at most `limit`. */
  read(after: number, through: number, limit: number): Promise<Row[]>;
  /** The matching rows of a commit whose rows came with it. */
  select(rows: readonly Row[]): Row[];
  sequenceOf(row: Row): number;
}

export interface LedgerStreamOptions {
  /** Replay rows after this sequence first; null = only what is committed from now on. */
  after: number | null;
  /** Rows per ledger read. @default 500 */
  pageSize?: number;
  /** Commits buffered for a subscriber that does not keep up; beyond, the stream ends with an error (resume with `after`). @default 10000 */
  maxBufferedCommits?: number;
}

export class LedgerSubscriberTooSlowError extends Error {
  constructor(limit: number) {
    super(`The subscriber fell more than ${limit} commits behind; resubscribe with \`after\` to resume`);
  }
}

export function streamLedger<Row>(events: EventBus, source: LedgerSource<Row>, options: LedgerStreamOptions): AsyncIterableIterator<Row> {
  const pageSize = options.pageSize ?? 500;
  const maxBuffered = options.maxBufferedCommits ?? 10_000;

  return new Repeater<Row>(async (push, stop) => {
    const pending: LedgerCommitMessage<Row>[] = [];
    let wake: (() => void) | undefined;
    let overflowed = false;
    const unsubscribe = await events.onBroadcast(source.topic, (message) => {
      if (pending.length >= maxBuffered) overflowed = true;
      else pending.push(source.commitOf(message));
      wake?.();
    });
    let stopped = false;
    void stop.then(() => {
      stopped = true;
      wake?.();
    });

    let seenThrough = 0;
    const readThrough = async (through: number) => {
      while (!stopped && seenThrough < through) {
        const rows = await source.read(seenThrough, through, pageSize);
        for (const row of rows) await push(row);
        seenThrough = rows.length < pageSize ? through : source.sequenceOf(rows[rows.length - 1]!);
      }
    };

    try {
      const last = await source.head();
      seenThrough = options.after ?? last;
      if (options.after !== null && options.after < last) await readThrough(last);
      while (!stopped) {
        if (overflowed) throw new LedgerSubscriberTooSlowError(maxBuffered);
        const commit = pending.shift();
        if (!commit) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        if (commit.lastSequence <= seenThrough) continue;
        if (commit.previousSequence > seenThrough) await readThrough(commit.previousSequence);
        if (commit.events) {
          for (const row of source.select(commit.events)) if (source.sequenceOf(row) > seenThrough) await push(row);
          seenThrough = commit.lastSequence;
        } else {
          await readThrough(commit.lastSequence);
        }
      }
    } finally {
      await unsubscribe();
    }
  });
}
