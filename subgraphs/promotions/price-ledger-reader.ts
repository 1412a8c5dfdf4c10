/**
 * Reads of the price ledger: its head, and the changes a subscriber of (skus, channel, storeId)
 * sees, by pages. A store's subscriber sees the store's own rows, and the channel's rows of the
 * changes that have no row for that store (PRICES.md §2); rows that are no news are never shown.
 */
import type { Kysely } from 'kysely';
import { isNews } from './price-changes.js';
import type { PriceEventModel } from './price-events.js';
import type { ChannelCode } from './models.js';
import type { PromotionsDatabase } from './tables.js';

export interface PriceFilter {
  /** null: every sku. */
  skus: readonly string[] | null;
  channel: ChannelCode;
  storeId: string | null;
}

export async function findLastPriceSequence(db: Kysely<PromotionsDatabase>): Promise<number> {
  const head = await db.selectFrom('price_events').select((eb) => eb.fn.max('sequence').as('last')).executeTakeFirst();
  return Number(head?.last ?? 0);
}

/** The changes in (after, through] the filter shows, oldest first, at most `limit`. */
export async function findPriceChanges(
  db: Kysely<PromotionsDatabase>,
  range: { after: number; through?: number; limit: number },
  filter: PriceFilter,
): Promise<PriceEventModel[]> {
  let query = db
    .selectFrom('price_events as e')
    .selectAll('e')
    .where('e.sequence', '>', range.after)
    .where('e.channel', '=', filter.channel)
    // No news (a store's shadow of its channel's row, §2) is never shown: isNews in SQL.
    .where((eb) => eb.or([eb('e.reason', '=', 'PRICE_UPDATED'), eb('e.previous_amount', '<>', eb.ref('e.effective_amount'))]))
    .orderBy('e.sequence')
    .limit(range.limit);
  if (range.through !== undefined) query = query.where('e.sequence', '<=', range.through);
  if (filter.skus) query = query.where('e.sku', 'in', [...filter.skus]);
  const storeId = filter.storeId;
  if (storeId === null) {
    query = query.where('e.store_id', 'is', null);
  } else {
    query = query.where((eb) =>
      eb.or([
        eb('e.store_id', '=', storeId),
        eb.and([
          eb('e.store_id', 'is', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('price_events as s')
                .select('s.sequence')
                .whereRef('s.change_id', '=', 'e.change_id')
                .whereRef('s.sku', '=', 'e.sku')
                .whereRef('s.channel', '=', 'e.channel')
                .where('s.store_id', '=', storeId),
            ),
          ),
        ]),
      ]),
    );
  }
  return (await query.execute()).map(toPriceEvent);
}

/** The rows of one commit the filter shows (the same rules, on rows already in hand). */
export function selectPriceChanges(events: readonly PriceEventModel[], filter: PriceFilter): PriceEventModel[] {
  const skus = filter.skus ? new Set(filter.skus) : null;
  const storeId = filter.storeId;
  const ownRows = new Set<string>();
  if (storeId !== null) for (const e of events) if (e.storeId === storeId) ownRows.add(`${e.changeId}\u0000${e.sku}\u0000${e.channel}`);
  return events.filter((e) => {
    if (e.channel !== filter.channel || (skus && !skus.has(e.sku)) || !isNews(e)) return false;
    if (storeId === null) return e.storeId === null;
    if (e.storeId === storeId) return true;
    return e.storeId === null && !ownRows.has(`${e.changeId}\u0000${e.sku}\u0000${e.channel}`);
  });
}

type PriceEventRecord = PromotionsDatabase['price_events'] extends infer T ? { [K in keyof T]: K extends 'sequence' ? number : T[K] } : never;

export function toPriceEvent(row: PriceEventRecord): PriceEventModel {
  return {
    sequence: Number(row.sequence),
    changeId: Number(row.change_id),
    sku: row.sku,
    channel: row.channel as PriceEventModel['channel'],
    storeId: row.store_id,
    previous: row.previous_amount,
    effective: row.effective_amount,
    currency: row.currency,
    reason: row.reason as PriceEventModel['reason'],
    promotionId: row.promotion_id,
    at: row.at,
  };
}
