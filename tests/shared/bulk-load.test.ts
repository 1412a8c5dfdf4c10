/**
 * The first-start seed on PostgreSQL drops a schema's foreign keys and plain indexes, loads, and
 * builds them again (platform/bulk-load.ts). What must hold: afterwards the schema is exactly what
 * the migrations made, and a load that breaks a constraint leaves no rows and no weakened schema.
 * (On SQLite the load simply runs; these tests need PostgreSQL.)
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../platform/database.js';
import { withBulkLoad } from '../../platform/bulk-load.js';
import { migrateToLatest } from '../../platform/migrate.js';
import { customerMigrations } from '../../subgraphs/customer/migrations.js';
import { seedCustomers } from '../../subgraphs/customer/seed.js';
import type { CustomerDatabase } from '../../subgraphs/customer/tables.js';
import { seedSize } from '../../subgraphs/shared/universe.js';
import { databaseUrl, uniquePrefix } from '../support/database.js';

interface Catalogue {
  constraints: string[];
  indexes: string[];
}

/** Every constraint and index of a schema, its name replaced so two schemas compare. */
async function catalogue(db: Kysely<CustomerDatabase>, schema: string): Promise<Catalogue> {
  const constraints = await sql<{ line: string }>`
    select cls.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid) as line
    from pg_constraint con join pg_class cls on cls.oid = con.conrelid join pg_namespace ns on ns.oid = cls.relnamespace
    where ns.nspname = ${schema} order by 1`.execute(db);
  const indexes = await sql<{ line: string }>`
    select indexdef as line from pg_indexes where schemaname = ${schema} order by indexname`.execute(db);
  const neutral = (line: string) => line.replaceAll(`${schema}.`, 'SCHEMA.');
  return { constraints: constraints.rows.map((r) => neutral(r.line)), indexes: indexes.rows.map((r) => neutral(r.line)) };
}

describe.runIf(databaseUrl)('bulk load on PostgreSQL', () => {
  const prefix = uniquePrefix();
  const migratedOnly = `${prefix}plain`;
  const seeded = `${prefix}seeded`;
  const broken = `${prefix}broken`;
  const opened: Database<CustomerDatabase>[] = [];
  const open = async (schema: string) => {
    const database = await openDatabase<CustomerDatabase>({ databaseUrl, sqlitePath: ':memory:', pgSchema: schema });
    opened.push(database);
    await migrateToLatest(database.db, customerMigrations, schema);
    return database.db;
  };
  let plain: Kysely<CustomerDatabase>;
  beforeAll(async () => {
    plain = await open(migratedOnly);
  });
  afterAll(async () => {
    await Promise.all(opened.map((database) => database.close()));
  });

  it('leaves every foreign key, index and check the migrations made, each checked over the seeded rows', async () => {
    const db = await open(seeded);
    const expected = await catalogue(plain, migratedOnly);
    expect(expected.constraints.some((line) => line.includes('FOREIGN KEY'))).toBe(true);
    expect(expected.indexes.length).toBeGreaterThan(5);

    const during: Catalogue[] = [];
    await db.transaction().execute((trx) =>
      withBulkLoad(trx, seeded, async () => {
        during.push(await catalogue(trx, seeded));
        await seedCustomers(trx, seedSize(0.02));
      }),
    );
    // While loading, no foreign key and only the indexes that back a key.
    expect(during[0]!.constraints.filter((line) => line.includes('FOREIGN KEY'))).toEqual([]);
    expect(during[0]!.indexes.length).toBeLessThan(expected.indexes.length);
    expect(await catalogue(db, seeded)).toEqual(expected);
    const { rows } = await sql<{ count: number }>`select count(*)::int as count from order_lines`.execute(db);
    expect(rows[0]!.count).toBeGreaterThan(100);
  });

  it('rolls back the rows and the schema together when the load breaks a foreign key', async () => {
    const db = await open(broken);
    const expected = await catalogue(plain, migratedOnly);
    const load = db.transaction().execute((trx) =>
      withBulkLoad(trx, broken, async () => {
        await seedCustomers(trx, seedSize(0.02));
        // A line of an order that does not exist: no trigger stops it now, the foreign key added back must.
        await sql`insert into order_lines (order_id, position, sku, product_id, quantity, unit_price_amount, currency)
                  values ('no-such-order', 0, 'SKU-1', 'prod-1', 1, 100, 'EUR')`.execute(trx);
      }),
    );
    await expect(load).rejects.toThrow(/foreign key/);
    expect(await catalogue(db, broken)).toEqual(expected);
    const { rows } = await sql<{ count: number }>`select count(*)::int as count from customers`.execute(db);
    expect(rows[0]!.count).toBe(0);
  });
});
