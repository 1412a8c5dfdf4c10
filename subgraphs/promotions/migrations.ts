import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../../platform/database.js';
import { createIdempotencyKeysTable } from '../shared/decide-once.js';

// Migrations see the database as it was when they were written, not as tables.ts describes it today.
type AnyDatabase = Kysely<any>;

export const migrations: Record<string, Migration> = {
  '0001_promotions': {
    async up(db: AnyDatabase) {
      await db.schema
        .createTable('promotions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('percent_off', 'integer')
        .addColumn('amount_off', 'integer')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('segment', 'text')
        .addColumn('sitewide', 'integer', (c) => c.notNull().defaultTo(0))
        .addCheckConstraint('promotions_one_discount', sql`(percent_off is null) <> (amount_off is null)`)
        .addCheckConstraint('promotions_percent_range', sql`percent_off is null or (percent_off between 1 and 100)`)
        .addCheckConstraint('promotions_amount_positive', sql`amount_off is null or amount_off > 0`)
        .addCheckConstraint('promotions_sitewide_flag', sql`sitewide in (0, 1)`)
        .addCheckConstraint('promotions_window', sql`starts_at < ends_at`)
        .execute();
      await db.schema.createIndex('promotions_window_idx').on('promotions').columns(['starts_at', 'ends_at']).execute();

      await db.schema
        .createTable('promotion_channels')
        .addColumn('promotion_id', 'text', (c) => c.notNull().references('promotions.id').onDelete('cascade'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('promotion_channels_pk', ['promotion_id', 'channel'])
        .execute();
      await db.schema.createIndex('promotion_channels_channel_idx').on('promotion_channels').column('channel').execute();

      await db.schema
        .createTable('promotion_stores')
        .addColumn('promotion_id', 'text', (c) => c.notNull().references('promotions.id').onDelete('cascade'))
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('promotion_stores_pk', ['promotion_id', 'store_id'])
        .execute();
      await db.schema.createIndex('promotion_stores_store_idx').on('promotion_stores').column('store_id').execute();

      await db.schema
        .createTable('promotion_targets')
        .addColumn('promotion_id', 'text', (c) => c.notNull().references('promotions.id').onDelete('cascade'))
        .addColumn('sku', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('promotion_targets_pk', ['promotion_id', 'sku'])
        .execute();
      await db.schema.createIndex('promotion_targets_sku_idx').on('promotion_targets').column('sku').execute();

      await db.schema
        .createTable('promotion_audience')
        .addColumn('promotion_id', 'text', (c) => c.notNull().references('promotions.id').onDelete('cascade'))
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('promotion_audience_pk', ['promotion_id', 'customer_id'])
        .execute();
      await db.schema.createIndex('promotion_audience_customer_idx').on('promotion_audience').column('customer_id').execute();
    },
    async down(db: AnyDatabase) {
      for (const table of ['promotion_audience', 'promotion_targets', 'promotion_stores', 'promotion_channels', 'promotions']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
  '0002-idempotency-keys': {
    // The back office's changes (endPromotion) remember their keys (shared/decide-once.ts).
    async up(db: AnyDatabase) {
      await createIdempotencyKeysTable(db);
    },
    async down(db: AnyDatabase) {
      await db.schema.dropTable('idempotency_keys').ifExists().execute();
    },
  },
  '0003-price-ledger': {
    // Price events (PRICES.md): the list prices the effective prices are computed from (kept from
    // the catalog's price events), the ledger of effective price changes that priceChanged replays,
    // and which of a promotion's own boundaries have been announced.
    async up(db: AnyDatabase) {
      await db.schema
        .createTable('list_prices')
        .addColumn('sku', 'text', (c) => c.primaryKey())
        .addColumn('amount', 'integer', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        // The catalog's price version of this sku: an older event arriving late changes nothing.
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('price_events')
        .addColumn('sequence', isPostgres(db) ? 'serial' : 'integer', (c) => (isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement()))
        // The first sequence of the change this row belongs to: one change, one commit.
        .addColumn('change_id', 'integer', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text')
        .addColumn('previous_amount', 'integer', (c) => c.notNull())
        .addColumn('effective_amount', 'integer', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('promotion_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('price_events_channel_sequence').on('price_events').columns(['channel', 'sequence']).execute();
      await db.schema.createIndex('price_events_sku_sequence').on('price_events').columns(['sku', 'sequence']).execute();
      await db.schema.createIndex('price_events_change').on('price_events').columns(['change_id', 'sku', 'channel']).execute();
      // 1 once the start (end) of the promotion has been announced in the ledger; the schedule claims each once.
      await db.schema.alterTable('promotions').addColumn('start_announced', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('promotions').addColumn('end_announced', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // What is already over or started when the ledger begins is not news.
      const now = new Date().toISOString();
      await db.updateTable('promotions').set({ start_announced: 1 }).where('starts_at', '<=', now).execute();
      await db.updateTable('promotions').set({ end_announced: 1 }).where('ends_at', '<=', now).execute();
    },
    async down(db: AnyDatabase) {
      await db.schema.alterTable('promotions').dropColumn('end_announced').execute();
      await db.schema.alterTable('promotions').dropColumn('start_announced').execute();
      await db.schema.dropTable('price_events').ifExists().execute();
      await db.schema.dropTable('list_prices').ifExists().execute();
    },
  },
};
