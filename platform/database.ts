import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { recordFinishedSpan, tracingEnabled } from './tracing.js';

export type Engine = 'sqlite' | 'postgres';

/** Counts what a subgraph asks of its database, so tests can prove batching (no N+1). */
export interface StatementCounter {
  statements: number;
}

export interface Database<DB> {
  db: Kysely<DB>;
  engine: Engine;
  counter: StatementCounter;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded SQLite file is used. */
  databaseUrl?: string | undefined;
  /** SQLite file path (':memory:' allowed). */
  sqlitePath: string;
  /** PostgreSQL schema that holds this subgraph's tables. */
  pgSchema: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

// PostgreSQL hands back int8 (e.g. sums, counts) as strings; every number we store fits in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export async function openDatabase<DB>(options: DatabaseOptions): Promise<Database<DB>> {
  const counter: StatementCounter = { statements: 0 };
  const system = options.databaseUrl ? 'postgresql' : 'sqlite';
  const log = (event: LogEvent) => {
    counter.statements += 1;
    // With tracing on, each statement is a child span of the request that ran it (platform/tracing.ts).
    if (tracingEnabled()) {
      const sql = event.query.sql;
      recordFinishedSpan('omnichannel-database', /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL', event.queryDurationMillis, { 'db.system': system, 'db.query.text': sql }, event.level === 'error' ? event.error : undefined);
    }
  };
  if (options.databaseUrl) {
    if (!IDENTIFIER.test(options.pgSchema)) throw new Error(`Invalid PostgreSQL schema name "${options.pgSchema}"`);
    const admin = new pg.Client({ connectionString: options.databaseUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${options.pgSchema}"`);
    } finally {
      await admin.end();
    }
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      options: `-c search_path="${options.pgSchema}"`,
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
    return { db, engine: 'postgres', counter, close: () => db.destroy() };
  }
  if (options.sqlitePath !== ':memory:') mkdirSync(dirname(options.sqlitePath), { recursive: true });
  const database = new SQLite(options.sqlitePath);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }), log });
  return { db, engine: 'sqlite', counter, close: () => db.destroy() };
}

/** True when `db` (or a transaction of it) runs on PostgreSQL, where some SQL differs. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Case-insensitive "contains" that behaves the same on both engines. */
export function containsInsensitive(column: string, text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** Inserts rows in chunks small enough for either engine's bound-parameter limit. */
export async function insertInChunks<DB, T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: readonly Record<string, unknown>[],
  chunkSize = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkSize) {
    // Kysely's insert typing cannot follow a generic table name; the rows are typed by each caller.
    await db.insertInto(table).values(rows.slice(i, i + chunkSize) as never).execute();
  }
}
