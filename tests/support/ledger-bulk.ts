/**
 * Long ledgers for stream tests, fast: `count` RESTOCK movements of one level appended in a few
 * multi-row INSERTs, with the level moved to match (the ledger invariant of tables.ts holds:
 * sum(delta) = on_hand, versions gapless, the last one the level's). No event is published: a
 * stream reads these from the ledger, which is what a replay does.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../platform/database.js';
import { STOCK_LEDGER_LOCK_CLASS } from '../../subgraphs/inventory/ledger-writer.js';
import type { InventoryDatabase } from '../../subgraphs/inventory/tables.js';

const ROWS_PER_INSERT = 1_000;

/** Appends the movements; resolves to the ledger's last sequence after them. */
export async function appendRestocks(db: Kysely<InventoryDatabase>, level: { sku: string; locationId: string }, count: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${STOCK_LEDGER_LOCK_CLASS}::int4, hashtext(current_schema()))`.execute(trx);
    const current = await trx
      .selectFrom('stock_levels')
      .select(['on_hand', 'reserved', 'version'])
      .where('sku', '=', level.sku)
      .where('location_id', '=', level.locationId)
      .executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    for (let first = 1; first <= count; first += ROWS_PER_INSERT) {
      const rows = Array.from({ length: Math.min(ROWS_PER_INSERT, count - first + 1) }, (_, i) => ({
        sku: level.sku,
        location_id: level.locationId,
        delta: 1,
        reason: 'RESTOCK' as const,
        on_hand: current.on_hand + first + i,
        reserved: current.reserved,
        version: current.version + first + i,
        at,
        idempotency_key: null,
      }));
      await trx.insertInto('stock_movements').values(rows).execute();
    }
    await trx
      .updateTable('stock_levels')
      .set({ on_hand: current.on_hand + count, version: current.version + count })
      .where('sku', '=', level.sku)
      .where('location_id', '=', level.locationId)
      .execute();
    const last = await trx.selectFrom('stock_movements').select((eb) => eb.fn.max('sequence').as('last')).executeTakeFirstOrThrow();
    return Number(last.last);
  });
}
