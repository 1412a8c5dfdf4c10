import type { Kysely, Migration } from 'kysely';
import { createIdempotencyKeysTable } from '../shared/decide-once.js';

/** Portable between SQLite and PostgreSQL: text ids, integer money and booleans, JSON as text. */
export const catalogMigrations: Record<string, Migration> = {
  '0001-catalog-tables': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('categories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text', (c) => c.references('categories.id'))
        .execute();
      await db.schema.createIndex('categories_parent_id').on('categories').column('parent_id').execute();

      await db.schema
        .createTable('products')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('n', 'integer', (c) => c.notNull().unique())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('brand', 'text', (c) => c.notNull())
        .addColumn('category_id', 'text', (c) => c.notNull().references('categories.id'))
        .addColumn('images', 'text', (c) => c.notNull())
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('products_category_id_n').on('products').columns(['category_id', 'n']).execute();
      await db.schema.createIndex('products_brand_n').on('products').columns(['brand', 'n']).execute();

      await db.schema
        .createTable('variants')
        .addColumn('sku', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('barcode', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('price_amount', 'integer', (c) => c.notNull())
        .addColumn('price_currency', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('variants_product_id_position')
        .on('variants')
        .columns(['product_id', 'position'])
        .unique()
        .execute();

      await db.schema
        .createTable('channel_listings')
        .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('published', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('channel_listings_pk', ['product_id', 'channel'])
        .execute();
      // Serves the channel filter of the product lists (published products of one channel).
      await db.schema
        .createIndex('channel_listings_channel_published')
        .on('channel_listings')
        .columns(['channel', 'published', 'product_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('channel_listings').execute();
      await db.schema.dropTable('variants').execute();
      await db.schema.dropTable('products').execute();
      await db.schema.dropTable('categories').execute();
    },
  },
  '0002-idempotency-keys': {
    // The back office's changes (updateVariantPrice) remember their keys, as the stock mutations do.
    async up(db: Kysely<unknown>) {
      await createIdempotencyKeysTable(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('idempotency_keys').execute();
    },
  },
  '0003-price-versions': {
    // Each list price update counts +1, so that consumers of the price events (the promotions
    // subgraph) can tell a late, older event from a newer one.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('variants').addColumn('price_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('variants').dropColumn('price_version').execute();
    },
  },
};
