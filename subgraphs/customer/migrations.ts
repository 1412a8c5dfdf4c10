import type { Kysely, Migration } from 'kysely';

/**
 * The customer subgraph's schema, in order. Built with Kysely's schema builder only, so the same
 * code runs on SQLite and PostgreSQL. Every lookup by key and every foreign key has an index.
 */
export const customerMigrations: Record<string, Migration> = {
  '0001_customers_orders_wishlists_tickets': {
    // Kysely's migrations receive an untyped database: they run before the tables exist.
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('n', 'integer', (c) => c.notNull().unique())
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('phone', 'text')
        .addColumn('search_name', 'text', (c) => c.notNull())
        .addColumn('loyalty_tier', 'text', (c) => c.notNull())
        .addColumn('loyalty_points', 'integer', (c) => c.notNull())
        .addColumn('preferred_store_id', 'text')
        .addColumn('consents_email', 'integer', (c) => c.notNull())
        .addColumn('consents_sms', 'integer', (c) => c.notNull())
        .addColumn('consents_personalized', 'integer', (c) => c.notNull())
        .addColumn('consents_updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('customers_phone').on('customers').column('phone').execute();

      await db.schema
        .createTable('addresses')
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('line1', 'text', (c) => c.notNull())
        .addColumn('line2', 'text')
        .addColumn('postal_code', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('addresses_pk', ['customer_id', 'position'])
        .execute();

      await db.schema
        .createTable('orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text')
        .addColumn('placed_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('fulfillment', 'text', (c) => c.notNull())
        .addColumn('total_amount', 'integer', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .execute();
      // A customer's orders newest first: the pagination key is (placed_at, id).
      await db.schema
        .createIndex('orders_customer_placed')
        .on('orders')
        .columns(['customer_id', 'placed_at', 'id'])
        .execute();

      await db.schema
        .createTable('order_lines')
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('unit_price_amount', 'integer', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_lines_pk', ['order_id', 'position'])
        .execute();
      // Verified purchases: who bought a product.
      await db.schema
        .createIndex('order_lines_product')
        .on('order_lines')
        .columns(['product_id', 'order_id'])
        .execute();

      await db.schema
        .createTable('wishlist_items')
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('wishlist_items_pk', ['customer_id', 'sku'])
        .execute();
      await db.schema
        .createIndex('wishlist_items_customer_added')
        .on('wishlist_items')
        .columns(['customer_id', 'added_at'])
        .execute();

      await db.schema
        .createTable('support_tickets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text', (c) => c.references('orders.id'))
        .execute();
      await db.schema
        .createIndex('support_tickets_customer_opened')
        .on('support_tickets')
        .columns(['customer_id', 'opened_at'])
        .execute();
      await db.schema.createIndex('support_tickets_order').on('support_tickets').column('order_id').execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['support_tickets', 'wishlist_items', 'order_lines', 'orders', 'addresses', 'customers']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
};
