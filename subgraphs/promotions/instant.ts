/** Reads the instants clients send (Query.promotions(activeAt:)); plain module, no GraphQL. */

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Epoch milliseconds of an ISO 8601 date or date-time (`2026-03-01`, `2026-03-01T10:00:00Z`,
 * `2026-03-01T10:00:00.000+02:00`); a date-time without offset is read as UTC. Null when the text
 * is not such an instant or names a day that does not exist (2026-02-30).
 */
export function parseInstant(text: string): number | null {
  const match = ISO_8601.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, offset] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const calendar = new Date(Date.UTC(y, m - 1, d));
  if (calendar.getUTCFullYear() !== y || calendar.getUTCMonth() !== m - 1 || calendar.getUTCDate() !== d) return null;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59)) return null;
  if (offset && offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4)) > 59)) return null;
  const normalized = hour === undefined ? `${text.trim()}T00:00:00Z` : offset ? text.trim() : `${text.trim()}Z`;
  const at = Date.parse(normalized);
  return Number.isNaN(at) ? null : at;
}
