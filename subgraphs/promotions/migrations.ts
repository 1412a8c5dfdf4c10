import { sql, type Kysely, type Migration } from 'kysely';
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
};
