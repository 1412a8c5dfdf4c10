/**
 * Test database helpers that load no server code: PostgreSQL schema names unique to a test run.
 *
 * Schemas are dropped once, when the whole run ends (tests/support/global-setup.ts), never while
 * tests run: Kysely's migrator reads the catalogue of every schema, and a schema dropped by another
 * test file at that moment makes PostgreSQL fail the read ("schema ... does not exist").
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SCHEMA_CHANGE_LOCK } from '../../platform/migrate.js';

/** PostgreSQL when CI (or you) set DATABASE_URL; otherwise the embedded SQLite. */
export const databaseUrl = process.env.DATABASE_URL || undefined;

/** The prefix every schema of this run starts with (set by the global setup). */
export const RUN_PREFIX_VARIABLE = 'TEST_RUN_SCHEMA_PREFIX';

export function newRunPrefix(): string {
  return `t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}_`;
}

/** A schema prefix no other test of this run, nor any other run, uses. */
export function uniquePrefix(): string {
  return `${process.env[RUN_PREFIX_VARIABLE] ?? newRunPrefix()}${randomBytes(4).toString('hex')}_`;
}

/** Drops every schema whose name starts with `prefix`. */
export async function dropSchemasStartingWith(url: string, prefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      `select nspname from pg_namespace where starts_with(nspname, $1)`,
      [prefix],
    );
    // Under the lock migrations take (platform/migrate.ts): another run's migrator reads every schema.
    await client.query('select pg_advisory_lock($1)', [SCHEMA_CHANGE_LOCK]);
    try {
      for (const { nspname } of rows) await client.query(`DROP SCHEMA IF EXISTS "${nspname.replace(/"/g, '""')}" CASCADE`);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [SCHEMA_CHANGE_LOCK]);
    }
    return rows.length;
  } finally {
    await client.end();
  }
}
