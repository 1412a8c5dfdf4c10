/**
 * The promotions subgraph's consumer of the catalog's list price updates (shared/price-updated-event.ts):
 * keeps the list prices the price ledger computes from, and appends each update's effective price
 * changes. Delivery is at least once and may be out of order: an update whose version is not newer
 * than the one kept changes nothing.
 */
import type { Kysely } from 'kysely';
import type { EventBus } from '../../platform/events/event-bus.js';
import { isPostgres } from '../../platform/database.js';
import { PRICE_UPDATED_TOPIC, type PriceUpdatedEvent } from '../shared/price-updated-event.js';
import { announcePriceChange } from './price-announcements.js';
import { appendListPriceChange } from './price-ledger.js';
import type { PromotionsDatabase } from './tables.js';

/** The worker group of every promotions process: each update is handled by one of them. */
export const LIST_PRICES_GROUP = 'promotions-list-prices';

function isPriceUpdated(message: unknown): message is PriceUpdatedEvent {
  const m = message as Partial<PriceUpdatedEvent> | null;
  return (
    typeof m?.sku === 'string' &&
    Number.isInteger(m.price?.amount) &&
    typeof m.price?.currency === 'string' &&
    Number.isInteger(m.version) &&
    typeof m.at === 'string' &&
    !Number.isNaN(Date.parse(m.at))
  );
}

/** Applies one update; resolves once it is committed and announced. */
export async function applyPriceUpdate(db: Kysely<PromotionsDatabase>, events: EventBus, update: PriceUpdatedEvent): Promise<void> {
  const commit = await db.transaction().execute(async (trx) => {
    let read = trx.selectFrom('list_prices').select(['amount', 'currency', 'version']).where('sku', '=', update.sku);
    if (isPostgres(trx)) read = read.forUpdate();
    const kept = await read.executeTakeFirst();
    if (kept && kept.version >= update.version) return undefined;
    if (kept) await trx.updateTable('list_prices').set({ amount: update.price.amount, currency: update.price.currency, version: update.version }).where('sku', '=', update.sku).execute();
    else await trx.insertInto('list_prices').values({ sku: update.sku, amount: update.price.amount, currency: update.price.currency, version: update.version }).execute();
    // A sku never seen before has no earlier price to compare with: nothing changed for its subscribers.
    if (!kept || (kept.amount === update.price.amount && kept.currency === update.price.currency)) return null;
    return appendListPriceChange(trx, update.sku, { amount: kept.amount, currency: kept.currency }, update.price, new Date(update.at));
  });
  if (commit !== undefined) await announcePriceChange(events, commit, null);
}

/** Starts consuming the catalog's price updates; resolves to the function that stops it. */
export function startListPriceUpdates(db: Kysely<PromotionsDatabase>, events: EventBus): Promise<() => Promise<void>> {
  return events.onWork(PRICE_UPDATED_TOPIC, LIST_PRICES_GROUP, async (message) => {
    if (!isPriceUpdated(message)) {
      // Acknowledged all the same: it would be refused again on every redelivery.
      console.error('promotions: a catalog price update without sku, price, version or instant was skipped');
      return;
    }
    await applyPriceUpdate(db, events, message);
  });
}
