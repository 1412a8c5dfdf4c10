/**
 * Migrations on a PostgreSQL database shared with other processes (CI's, where every test run and
 * its end-of-run clean-up use one database): Kysely's migrator reads the catalogue of every schema
 * of the database, and a schema dropped by another session at that moment failed the migration
 * ("schema ... does not exist", seen once in CI when another run's clean-up dropped its schemas).
 * Migrations must succeed whatever other sessions create and drop meanwhile: the migrator now sees
 * the subgraph's own schema only (platform/migrate.ts). Before: 6 of 25 failed here; retries alone
 * still let 2 of 25 fail on CI's loaded machine; the scoped view alone: 0 of 80.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { catalogMigrations } from '../../subgraphs/catalog/migrations.js';
import { openDatabase } from '../../platform/database.js';
import { migrateToLatest } from '../../platform/migrate.js';
import { databaseUrl, uniquePrefix } from '../support/database.js';

describe.skipIf(!databaseUrl)('migrations while other sessions drop schemas', () => {
  it('succeed every time', async () => {
    const prefix = uniquePrefix();
    const churn = new pg.Client({ connectionString: databaseUrl });
    await churn.connect();
    let stop = false;
    // Another session creating and dropping schemas (with a table each) as fast as it can, outside any lock.
    const churning = (async () => {
      for (let i = 0; !stop; i++) {
        const name = `${prefix}churn_${i}`;
        await churn.query(`create schema "${name}"; create table "${name}".t (id serial primary key, v text)`);
        await churn.query(`drop schema "${name}" cascade`);
      }
    })();
    const failures: string[] = [];
    try {
      for (let i = 0; i < 25; i++) {
        const schema = `${prefix}m${i}_catalog`;
        const database = await openDatabase({ databaseUrl, sqlitePath: ':memory:', pgSchema: schema });
        try {
          await migrateToLatest(database.db, catalogMigrations, schema);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        } finally {
          await database.close();
        }
      }
    } finally {
      stop = true;
      await churning;
      await churn.end();
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
