/**
 * A promotion's own start and end change prices with nobody calling anything (PROMOTIONS.md §8):
 * each promotions process sleeps until the next boundary not yet announced (a start or an end),
 * claims each due one with a conditional update (so among several processes one announces it,
 * once), appends its price changes to the ledger in the same transaction, and announces the
 * commit. A promotion started or ended anywhere is heard on the bus and the sleep recomputed; a
 * safety net wakes it every few minutes. Prices themselves need no schedule (every request
 * computes them at its own instant); what it keeps true is `priceChanged` and every cache of the
 * promotions' answers.
 */
import type { Kysely } from 'kysely';
import type { EventBus } from '../../platform/events/event-bus.js';
import { GRAPH_CHANGED_TOPIC, type GraphChangedEvent } from '../../platform/events/graph-changes.js';
import { announcePriceChange } from './price-announcements.js';
import { appendPromotionChange } from './price-ledger.js';
import { findPromotions } from './repository.js';
import type { PromotionsDatabase } from './tables.js';

export interface ScheduleOptions {
  now: () => Date;
  /** The longest sleep, in case a change was not heard. @default 300000 */
  maxSleepMs?: number;
}

interface Boundary {
  id: string;
  started: boolean;
  at: string;
}

async function dueBoundaries(db: Kysely<PromotionsDatabase>, now: string): Promise<Boundary[]> {
  const rows = await db
    .selectFrom('promotions')
    .select(['id', 'starts_at', 'ends_at', 'start_announced', 'end_announced'])
    .where((eb) => eb.or([eb.and([eb('start_announced', '=', 0), eb('starts_at', '<=', now)]), eb.and([eb('end_announced', '=', 0), eb('ends_at', '<=', now)])]))
    .execute();
  const due: Boundary[] = [];
  for (const row of rows) {
    if (row.start_announced === 0 && row.starts_at <= now) due.push({ id: row.id, started: true, at: row.starts_at });
    if (row.end_announced === 0 && row.ends_at <= now) due.push({ id: row.id, started: false, at: row.ends_at });
  }
  // In time order; a start before its own end.
  return due.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : Number(b.started) - Number(a.started)));
}

/** Epoch ms of the earliest boundary not yet announced; null when there is none. */
async function nextBoundary(db: Kysely<PromotionsDatabase>): Promise<number | null> {
  const row = await db
    .selectFrom('promotions')
    .select((eb) => [
      eb.fn.min(eb.case().when('start_announced', '=', 0).then(eb.ref('starts_at')).end()).as('start'),
      eb.fn.min(eb.case().when('end_announced', '=', 0).then(eb.ref('ends_at')).end()).as('end'),
    ])
    .executeTakeFirst();
  const instants = [row?.start, row?.end].filter((at): at is string => typeof at === 'string').map((at) => Date.parse(at));
  return instants.length > 0 ? Math.min(...instants) : null;
}

/** Announces one boundary, unless another process claimed it first. */
async function announce(db: Kysely<PromotionsDatabase>, events: EventBus, boundary: Boundary): Promise<void> {
  const flag = boundary.started ? 'start_announced' : 'end_announced';
  const commit = await db.transaction().execute(async (trx) => {
    const claimed = await trx.updateTable('promotions').set({ [flag]: 1 }).where('id', '=', boundary.id).where(flag, '=', 0).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return undefined;
    const [promotion] = await findPromotions(trx, { ids: [boundary.id] });
    return appendPromotionChange(trx, promotion!, boundary.started, new Date(boundary.at));
  });
  if (commit !== undefined) await announcePriceChange(events, commit, [boundary.id]);
}

/** Starts the schedule; resolves to the function that stops it (waiting for a round in progress). */
export async function startPromotionSchedule(db: Kysely<PromotionsDatabase>, events: EventBus, options: ScheduleOptions): Promise<() => Promise<void>> {
  const maxSleepMs = options.maxSleepMs ?? 300_000;
  let round: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const sleepUntilNext = async () => {
    const next = await nextBoundary(db);
    if (stopped) return;
    clearTimeout(timer);
    const wait = next === null ? maxSleepMs : Math.min(Math.max(next - options.now().getTime(), 0), maxSleepMs);
    timer = setTimeout(wake, wait);
    timer.unref();
  };
  const run = async () => {
    try {
      for (const boundary of await dueBoundaries(db, options.now().toISOString())) {
        if (stopped) return;
        await announce(db, events, boundary);
      }
      await sleepUntilNext();
    } catch (error) {
      // Tried again shortly: a boundary is only marked announced with its ledger rows.
      console.error(`promotions: the schedule could not announce a promotion's start or end: ${error instanceof Error ? error.message : String(error)}`);
      if (!stopped) timer = setTimeout(wake, 1_000).unref();
    }
  };
  // One round at a time; a wake during a round runs one more after it.
  function wake() {
    if (stopped) return;
    if (round) {
      again = true;
      return;
    }
    round = run().finally(() => {
      round = undefined;
      if (again) {
        again = false;
        wake();
      }
    });
  }

  // A promotion started or ended by any process may bring a boundary nearer.
  const unsubscribe = await events.onBroadcast(GRAPH_CHANGED_TOPIC, (message) => {
    if ((message as GraphChangedEvent | null)?.subgraph === 'promotions') wake();
  });
  // The first round (what came due while no process ran) is over before the subgraph serves.
  wake();
  await round;
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await unsubscribe();
    await round;
  };
}
