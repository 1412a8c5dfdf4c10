import { isPostgres } from '../../platform/database.js';
import { sql, type Kysely, type Migration } from 'kysely';

// Migrations see an untyped database: the tables they create are what tables.ts describes.
type AnyDatabase = Kysely<any>;


// DDL takes no bound parameters, so the checks are written with literals.
const sqlIn = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
const sqlNonNegative = (column: string) => sql`${sql.ref(column)} >= 0`;
const sqlPositive = (column: string) => sql`${sql.ref(column)} > 0`;

export const inventoryMigrations: Record<string, Migration> = {
  '0001_inventory': {
    async up(db: AnyDatabase) {
      await db.schema
        .createTable('locations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['STORE', 'WAREHOUSE'])))
        .addColumn('line1', 'text', (c) => c.notNull())
        .addColumn('line2', 'text')
        .addColumn('postal_code', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('lng', 'double precision', (c) => c.notNull())
        .addColumn('pickup_enabled', 'integer', (c) => c.notNull())
        .addColumn('opening_hours', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('locations_kind_idx').on('locations').column('kind').execute();

      await db.schema
        .createTable('stock_levels')
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
        .addColumn('on_hand', 'integer', (c) => c.notNull())
        .addColumn('reserved', 'integer', (c) => c.notNull().check(sqlNonNegative('reserved')))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('stock_levels_pk', ['sku', 'location_id'])
        .execute();
      await db.schema.createIndex('stock_levels_location_idx').on('stock_levels').column('location_id').execute();

      // The ledger has no foreign key: it is only ever appended in the transaction that updates its
      // level (whose location is checked), and a per-row check would double the cost of seeding it.
      await db.schema
        .createTable('stock_movements')
        .addColumn('sequence', isPostgres(db) ? 'serial' : 'integer', (c) =>
          isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('delta', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) =>
          c.notNull().check(sqlIn('reason', ['SALE', 'RESTOCK', 'RESERVATION', 'RELEASE', 'PICKUP', 'CORRECTION'])),
        )
        .addColumn('on_hand', 'integer', (c) => c.notNull())
        .addColumn('reserved', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text')
        .execute();
      // One movement per version of a level: a concurrent writer that lost the race fails here.
      await db.schema
        .createIndex('stock_movements_level_version_idx')
        .on('stock_movements')
        .columns(['sku', 'location_id', 'version'])
        .unique()
        .execute();
      // Replaying a mutation finds its movements by key; seeded history has none, so it is not indexed.
      await db.schema
        .createIndex('stock_movements_idempotency_idx')
        .on('stock_movements')
        .column('idempotency_key')
        .where(sql.ref('idempotency_key'), 'is not', null)
        .execute();

      await db.schema
        .createTable('reservations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull().check(sqlPositive('quantity')))
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sqlIn('status', ['ACTIVE', 'COLLECTED', 'CANCELLED', 'EXPIRED'])),
        )
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('reservations_level_idx')
        .on('reservations')
        .columns(['sku', 'location_id'])
        .execute();
      await db.schema.createIndex('reservations_location_idx').on('reservations').column('location_id').execute();
      await db.schema.createIndex('reservations_customer_idx').on('reservations').column('customer_id').execute();
      // The expiry sweep looks for ACTIVE reservations past their time.
      await db.schema
        .createIndex('reservations_status_expiry_idx')
        .on('reservations')
        .columns(['status', 'expires_at'])
        .execute();
    },
    async down(db: AnyDatabase) {
      for (const table of ['reservations', 'stock_movements', 'stock_levels', 'locations']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },

  // The outcome of each idempotent stock mutation under its key (idempotency.ts describes the table).
  '0002_idempotency_keys': {
    async up(db: AnyDatabase) {
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('operation', 'text', (c) =>
          c.notNull().check(sqlIn('operation', ['reserveForPickup', 'recordSale', 'adjustStock'])),
        )
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: AnyDatabase) {
      await db.schema.dropTable('idempotency_keys').ifExists().execute();
    },
  },

  // Keys past their retention are deleted by age (idempotency.ts, pruneIdempotencyKeys).
  '0003_idempotency_keys_by_age': {
    async up(db: AnyDatabase) {
      await db.schema.createIndex('idempotency_keys_created_at_idx').on('idempotency_keys').column('created_at').execute();
    },
    async down(db: AnyDatabase) {
      await db.schema.dropIndex('idempotency_keys_created_at_idx').ifExists().execute();
    },
  },

  // Which reservation a movement made or ended: reservationChanged / reservationChanges read the
  // ledger's reservation movements (EVENTS.md, "Reservation changes"). Earlier rows stay null.
  '0004_stock_movements_reservation': {
    async up(db: AnyDatabase) {
      await db.schema.alterTable('stock_movements').addColumn('reservation_id', 'text').execute();
      // A page of reservation changes is one range read over the reservation movements only, however
      // many stock movements surround them (the ledger is mostly sales and restocks).
      await db.schema
        .createIndex('stock_movements_reservation_sequence_idx')
        .on('stock_movements')
        .column('sequence')
        .where(sql.ref('reservation_id'), 'is not', null)
        .execute();
    },
    async down(db: AnyDatabase) {
      await db.schema.dropIndex('stock_movements_reservation_sequence_idx').ifExists().execute();
      await db.schema.alterTable('stock_movements').dropColumn('reservation_id').execute();
    },
  },

  // The store screen's reads: a location's levels by sku (Location.stock, a page is one index range)
  // and its reservations of a status by expiry (Query.reservations).
  '0005_store_screen_reads': {
    async up(db: AnyDatabase) {
      await db.schema.createIndex('stock_levels_location_sku_idx').on('stock_levels').columns(['location_id', 'sku']).unique().execute();
      await db.schema
        .createIndex('reservations_location_status_expiry_idx')
        .on('reservations')
        .columns(['location_id', 'status', 'expires_at'])
        .execute();
    },
    async down(db: AnyDatabase) {
      await db.schema.dropIndex('reservations_location_status_expiry_idx').ifExists().execute();
      await db.schema.dropIndex('stock_levels_location_sku_idx').ifExists().execute();
    },
  },
};
