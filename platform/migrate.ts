import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from './database.js';

/**
 * One PostgreSQL advisory lock for every schema change we make in a database. Kysely's migrator
 * reads the catalogue of *every* schema before it takes its own lock, and PostgreSQL fails that
 * read ("relation ... does not exist", "schema ... does not exist") when another session drops a
 * table or a schema at that moment; so every process that changes schemas in a shared database
 * (migrations, tests that break a table on purpose, the test run's clean-up) holds this lock while
 * it does, and a migration whose read failed that way anyway (a session outside the lock) runs again.
 */
export const SCHEMA_CHANGE_LOCK = 734_006;

/** Runs `change` while no other process changes schemas in this PostgreSQL database (SQLite: at once). */
export async function withSchemaChangeLock<DB, T>(db: Kysely<DB>, change: () => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return change();
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${SCHEMA_CHANGE_LOCK})`.execute(connection);
    try {
      return await change();
    } finally {
      await sql`select pg_advisory_unlock(${SCHEMA_CHANGE_LOCK})`.execute(connection);
    }
  });
}

/** Runs a subgraph's migrations (code, idempotent: each runs once, recorded in the subgraph's own store). */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration>,
  /** PostgreSQL schema of the subgraph; without it Kysely finds another subgraph's migration table. */
  pgSchema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(pgSchema ? { migrationTableSchema: pgSchema } : {}),
  });
  let { error, results } = await withSchemaChangeLock(db, () => migrator.migrateToLatest());
  // Sessions outside our lock (another test run's clean-up, an operator) may drop a schema while the
  // migrator reads the catalogue: that read fails, changes nothing, and is simply made again.
  for (let attempt = 1; attempt < MAX_ATTEMPTS && error !== undefined && isConcurrentCatalogChange(error); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    ({ error, results } = await withSchemaChangeLock(db, () => migrator.migrateToLatest()));
  }
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}

const MAX_ATTEMPTS = 5;

/**
 * A catalogue read that failed because another session dropped a schema or table it was reading
 * (PostgreSQL 3F000 invalid_schema_name, 42P01 undefined_table, XX000 "cache lookup failed").
 */
function isConcurrentCatalogChange(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '3F000' || code === '42P01' || (code === 'XX000' && typeof message === 'string' && message.includes('cache lookup failed'));
}
