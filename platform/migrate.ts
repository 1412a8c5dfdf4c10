import { Migrator, sql, type DatabaseIntrospector, type Kysely, type Migration, type TableMetadata } from 'kysely';
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
    // On PostgreSQL the migrator sees the subgraph's own schema only (see schemaScoped).
    db: pgSchema && isPostgres(db) ? schemaScoped(db, pgSchema) : db,
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

/** Attempts of a migration whose catalogue read raced another session's change of its own schema (rare since schemaScoped). */
const MAX_ATTEMPTS = 5;

/**
 * A catalogue read that failed because another session dropped a schema or table it was reading
 * (PostgreSQL 3F000 invalid_schema_name, 42P01 undefined_table, XX000 "cache lookup failed").
 */
function isConcurrentCatalogChange(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '3F000' || code === '42P01' || (code === 'XX000' && typeof message === 'string' && message.includes('cache lookup failed'));
}

/**
 * `db` as the migrator sees it on PostgreSQL: its introspection lists the tables of `schema` alone.
 * Kysely's own lists every table of every schema of the database, through functions that look
 * each name up again (pg_get_serial_sequence), so another session dropping *its* schema meanwhile
 * failed *our* migration ("schema … does not exist"); a scan of pg_class filtered by namespace
 * reads one consistent snapshot and nothing of the others. The migrator asks only whether its own
 * tables exist (name and schema); everything else goes to `db` itself.
 */
function schemaScoped<DB>(db: Kysely<DB>, schema: string): Kysely<DB> {
  const introspection: DatabaseIntrospector = {
    getSchemas: async () => {
      const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return rows;
    },
    getTables: async () => {
      const { rows } = await sql<{ name: string; is_view: boolean }>`
        select c.relname as name, c.relkind = 'v' as is_view
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db);
      return rows.map((row): TableMetadata => ({ name: row.name, schema, isView: row.is_view, columns: [] }));
    },
    getMetadata: async () => ({ tables: await introspection.getTables() }),
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property, target);
      // Kysely keeps its state in private fields: its methods must run on the instance itself.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
