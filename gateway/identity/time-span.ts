/**
 * Spans of time as people write them and jose reads them (`90s`, `15m`, `8h`, `7d`, `2w`), for
 * `JWT_MAX_TOKEN_AGE` and `npm run token --expires-in`, so both read a span alike.
 */
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };
const SPAN = /^(\d+)\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)?$/i;

export const TIME_SPAN_EXAMPLES = 'a number of seconds or a span such as 90s, 15m, 8h, 1d or 2w';

/** The span in seconds (a bare number is seconds), or undefined when the text is not a span. */
export function timeSpanSeconds(text: string): number | undefined {
  const match = SPAN.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 's').toLowerCase();
  // Every unit name starts with its one-letter symbol, except "min..." (minutes), caught by "m".
  return Number(match[1]) * UNIT_SECONDS[unit[0]!]!;
}

/** Seconds as the shortest exact span: 86400 → "24h"... for messages. */
export function formatTimeSpan(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds >= 86_400 * 2) return `${seconds / 86_400}d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
