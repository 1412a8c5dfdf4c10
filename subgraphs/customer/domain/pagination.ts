import { InvalidArgumentError } from './errors.js';

/** Validates a page size: an integer from 0 to `max`. */
export function parsePageSize(first: number | null | undefined, options: { argument: string; defaultValue: number; max: number }): number {
  const value = first ?? options.defaultValue;
  if (!Number.isInteger(value) || value < 0 || value > options.max) {
    throw new InvalidArgumentError(options.argument, `"${options.argument}" must be an integer from 0 to ${options.max}, got ${value}.`);
  }
  return value;
}

/** Position of an order in a customer's history, newest first: the sort key (placedAt desc, id desc). */
export interface OrderPosition {
  placedAt: string;
  id: string;
}

const CURSOR_PREFIX = 'order:';

/** An opaque cursor: base64url of the sort key. */
export function encodeOrderCursor(position: OrderPosition): string {
  return Buffer.from(`${CURSOR_PREFIX}${JSON.stringify([position.placedAt, position.id])}`, 'utf8').toString('base64url');
}

/** Reads a cursor made by `encodeOrderCursor`; anything else is a malformed `after`. */
export function decodeOrderCursor(cursor: string, argument = 'after'): OrderPosition {
  const malformed = () => new InvalidArgumentError(argument, `"${argument}" is not a cursor of this connection.`);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw malformed();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) throw malformed();
  let key: unknown;
  try {
    key = JSON.parse(text.slice(CURSOR_PREFIX.length));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(key) || key.length !== 2) throw malformed();
  const [placedAt, id] = key as unknown[];
  if (typeof placedAt !== 'string' || Number.isNaN(Date.parse(placedAt)) || typeof id !== 'string' || id === '') {
    throw malformed();
  }
  return { placedAt, id };
}

/** One page cut from `size + 1` rows: the extra row only tells that another page follows. */
export function cutPage<T>(rows: readonly T[], size: number, cursorOf: (row: T) => string) {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
