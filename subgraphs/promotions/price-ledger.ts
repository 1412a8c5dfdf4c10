/**
 * The price ledger (PRICES.md): rows of effective price changes, appended by one writer at a time
 * (PostgreSQL: a transaction-scoped advisory lock; SQLite: one writing transaction at a time), so
 * sequences are committed in order and each commit knows the sequence committed just before it.
 * The commit is then announced on the bus (price-events.ts), after the transaction.
 */
import { sql, type Transaction } from 'kysely';
import { isPostgres } from '../../platform/database.js';
import { findLastPriceSequence, toPriceEvent } from './price-ledger-reader.js';
import type { Money, PromotionModel } from './models.js';
import { listPriceChanges, promotionChanges, type PriceChangeRow, type PricingFacts } from './price-changes.js';
import { MAX_ROWS_IN_MESSAGE, type PriceLedgerCommit } from './price-events.js';
import { findPromotions } from './repository.js';
import type { PromotionsDatabase } from './tables.js';

/** Advisory lock class of the price ledger (two-key form: class, hash of the schema). */
const PRICE_LEDGER_LOCK_CLASS = 7_340_001;

type Trx = Transaction<PromotionsDatabase>;

/**
 * Takes the ledger's lock for the rest of the transaction (PostgreSQL; SQLite has one writer) and
 * reads the last sequence. Also what serialises the back office's changes that must see each other
 * (two promotions started at once, each checking that the other does not overlap it).
 */
export async function lockPriceLedger(trx: Trx): Promise<number> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${PRICE_LEDGER_LOCK_CLASS}::int4, hashtext(current_schema()))`.execute(trx);
  return findLastPriceSequence(trx);
}

/** The promotions in force at `at` other than `exceptId`, without personal offers, and which of them list each sku. */
async function pricingFacts(trx: Trx, at: Date, exceptId: string | null, skus: readonly string[] | 'all'): Promise<PricingFacts> {
  const active = (await findPromotions(trx, { activeAt: at.getTime() })).filter((p) => !p.personal && p.id !== exceptId);
  const ids = exceptId ? [...active.map((p) => p.id), exceptId] : active.map((p) => p.id);
  const targetingOf = new Map<string, Set<string>>();
  if (ids.length > 0) {
    let query = trx.selectFrom('promotion_targets').select(['sku', 'promotion_id']).where('promotion_id', 'in', ids);
    if (skus !== 'all') query = query.where('sku', 'in', [...skus]);
    for (const row of await query.execute()) {
      let set = targetingOf.get(row.sku);
      if (!set) targetingOf.set(row.sku, (set = new Set()));
      set.add(row.promotion_id);
    }
  }
  return { others: active, targetingOf };
}

async function append(trx: Trx, previousSequence: number, rows: readonly PriceChangeRow[], at: Date): Promise<PriceLedgerCommit | null> {
  if (rows.length === 0) return null;
  const changeId = previousSequence + 1;
  const iso = at.toISOString();
  const records = rows.map((row) => ({
    change_id: changeId,
    sku: row.sku,
    channel: row.channel,
    store_id: row.storeId,
    previous_amount: row.previous,
    effective_amount: row.effective,
    currency: row.currency,
    reason: row.reason,
    promotion_id: row.promotionId,
    at: iso,
  }));
  if (records.length <= MAX_ROWS_IN_MESSAGE) {
    const inserted = await trx.insertInto('price_events').values(records).returningAll().execute();
    const events = inserted.map(toPriceEvent).sort((a, b) => a.sequence - b.sequence);
    return { previousSequence, lastSequence: events[events.length - 1]!.sequence, events };
  }
  for (let i = 0; i < records.length; i += 500) await trx.insertInto('price_events').values(records.slice(i, i + 500)).execute();
  return { previousSequence, lastSequence: await findLastPriceSequence(trx) };
}

/** A list price update of one sku, at `at`: appended in the caller's transaction. */
export async function appendListPriceChange(trx: Trx, sku: string, previous: Money, price: Money, at: Date): Promise<PriceLedgerCommit | null> {
  const previousSequence = await lockPriceLedger(trx);
  const facts = await pricingFacts(trx, at, null, [sku]);
  return append(trx, previousSequence, listPriceChanges(sku, previous, price, facts), at);
}

/** A promotion started (or ended) at `at`: appended in the caller's transaction. */
export async function appendPromotionChange(trx: Trx, promotion: PromotionModel, started: boolean, at: Date): Promise<PriceLedgerCommit | null> {
  const previousSequence = await lockPriceLedger(trx);
  if (promotion.personal) return null;
  let skus: string[];
  if (promotion.sitewide) {
    skus = (await trx.selectFrom('list_prices').select('sku').orderBy('sku').execute()).map((r) => r.sku);
  } else {
    skus = (await trx.selectFrom('promotion_targets').select('sku').where('promotion_id', '=', promotion.id).orderBy('sku').execute()).map((r) => r.sku);
  }
  if (skus.length === 0) return null;
  const facts = await pricingFacts(trx, at, promotion.id, promotion.sitewide ? 'all' : skus);
  const listPrices = new Map<string, Money>();
  const chunk = 500;
  for (let i = 0; i < skus.length; i += chunk) {
    const rows = await trx.selectFrom('list_prices').select(['sku', 'amount', 'currency']).where('sku', 'in', skus.slice(i, i + chunk)).execute();
    for (const row of rows) listPrices.set(row.sku, { amount: row.amount, currency: row.currency });
  }
  return append(trx, previousSequence, promotionChanges(promotion, started, listPrices, skus, facts), at);
}
