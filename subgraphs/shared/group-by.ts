/** Groups rows by key, keeping their order: how a batched `where key in (...)` is split per key. */
export function groupBy<Row, Value>(rows: readonly Row[], keyOf: (row: Row) => string, map: (row: Row) => Value): Map<string, Value[]> {
  const groups = new Map<string, Value[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(map(row));
    else groups.set(key, [map(row)]);
  }
  return groups;
}
