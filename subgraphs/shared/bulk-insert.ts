import { PostgresIntrospector, sql, type Kysely } from 'kysely';

/** The SQL type of every column of a table, in insertion order. */
export type ColumnTypes<Table> = { readonly [Column in keyof Table & string]-?: 'text' | 'integer' };

/**
 * Inserts many rows with few statements: a chunk of rows travels as one array parameter per
 * column (PostgreSQL `unnest`) or as one JSON parameter (SQLite `json_each`), instead of one bound
 * parameter per value as with multi-row VALUES. The seed writes 200,000 order lines this way
 * about twice as fast on either engine.
 */
export async function bulkInsert<DB, T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  /** Every column the rows fill; columns the engine generates (serial, autoincrement) left out. */
  columnTypes: Partial<ColumnTypes<DB[T]>>,
  rows: readonly Partial<DB[T]>[],
  rowsPerStatement = 20_000,
): Promise<void> {
  const postgres = db.introspection instanceof PostgresIntrospector;
  const columns = Object.entries(columnTypes) as [keyof DB[T] & string, 'text' | 'integer'][];
  const target = sql`${sql.table(table)} (${sql.join(columns.map(([column]) => sql.ref(column)))})`;
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    if (postgres) {
      const arrays = columns.map(([column, type]) => sql`${chunk.map((row) => row[column] ?? null)}::${sql.raw(type)}[]`);
      await sql`insert into ${target} select * from unnest(${sql.join(arrays)})`.execute(db);
    } else {
      const json = JSON.stringify(chunk.map((row) => columns.map(([column]) => row[column] ?? null)));
      const values = columns.map((_, i) => sql`json_extract(value, ${sql.lit(`$[${i}]`)})`);
      await sql`insert into ${target} select ${sql.join(values)} from json_each(${json})`.execute(db);
    }
  }
}
