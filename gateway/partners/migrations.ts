import type { Kysely, Migration } from 'kysely';

// Migrations see the database as it was when they were written, not as the store's types describe it today.
type AnyDatabase = Kysely<any>;

export const migrations: Record<string, Migration> = {
  '0001_partner_keys': {
    async up(db: AnyDatabase) {
      await db.schema
        .createTable('partner_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_name', 'text', (c) => c.notNull())
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        // A timestamp rather than a boolean: both engines store it alike, and it says when.
        .addColumn('revoked_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: AnyDatabase) {
      await db.schema.dropTable('partner_keys').ifExists().execute();
    },
  },
};
