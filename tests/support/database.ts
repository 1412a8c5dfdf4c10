/** Test database helpers that load no server code: unique PostgreSQL schema names and their cleanup. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** PostgreSQL when CI (or you) set DATABASE_URL; otherwise the embedded SQLite. */
export const databaseUrl = process.env.DATABASE_URL || undefined;

/** A schema prefix no other run uses, so runs on a shared server never meet. */
export function uniquePrefix(): string {
  return `t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}_`;
}

/** Drops `<prefix><name>` for each name (no-op on SQLite). */
export async function dropSchemas(prefix: string, names: readonly string[]): Promise<void> {
  if (!databaseUrl) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP SCHEMA IF EXISTS "${prefix}${name}" CASCADE`);
  } finally {
    await client.end();
  }
}
