import { sql, type Kysely, type Migration } from 'kysely';

// Migrations see the database as it was when they were written, not as tables.ts describes it today.
type AnyDatabase = Kysely<any>;

/** Name of the unique index behind "one review per customer and product"; submitReview maps its violation. */
export const ONE_REVIEW_PER_CUSTOMER_INDEX = 'reviews_product_customer_unique';

export const migrations: Record<string, Migration> = {
  '0001_reviews': {
    async up(db: AnyDatabase) {
      await db.schema
        .createTable('reviews')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('reviews_rating_range', sql`rating between 1 and 5`)
        .execute();
      // NULL customer ids never collide, on either engine: anonymised reviews stay.
      await db.schema
        .createIndex(ONE_REVIEW_PER_CUSTOMER_INDEX)
        .on('reviews')
        .columns(['product_id', 'customer_id'])
        .unique()
        .execute();
      await db.schema.createIndex('reviews_product_created_idx').on('reviews').columns(['product_id', 'created_at']).execute();
      await db.schema.createIndex('reviews_customer_created_idx').on('reviews').columns(['customer_id', 'created_at']).execute();
    },
    async down(db: AnyDatabase) {
      await db.schema.dropTable('reviews').ifExists().execute();
    },
  },
};
