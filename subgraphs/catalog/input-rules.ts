/**
 * Rules on the arguments of the catalog's queries. Plain functions: resolvers turn
 * InvalidArgumentError into a GraphQL BAD_USER_INPUT error.
 */
import { searchTextProblem } from '../shared/search-text.js';

/** A request argument the client must change; `argument` names it. */
export class InvalidArgumentError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A validated page request: at most `first` products whose ordinal is above `afterN`. */
export interface PageRequest {
  first: number;
  /** Ordinal of the last product already seen; 0 for the first page. */
  afterN: number;
}

const CURSOR_PREFIX = 'product:';

/** Opaque cursor of a product in a list: base64url of its sort key. */
export function encodeCursor(n: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${n}`, 'utf8').toString('base64url');
}

/** The sort key in a cursor, or null when the text is not a cursor this subgraph wrote. */
export function decodeCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^product:(0|[1-9]\d{0,14})$/.exec(text);
  if (!match || encodeCursor(Number(match[1])) !== cursor) return null;
  return Number(match[1]);
}

export function parsePageRequest(first: number | null | undefined, after: string | null | undefined): PageRequest {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new InvalidArgumentError('first', `first must be between 0 and ${MAX_PAGE_SIZE}, got ${size}.`);
  }
  if (after === null || after === undefined) return { first: size, afterN: 0 };
  const afterN = decodeCursor(after);
  if (afterN === null) {
    throw new InvalidArgumentError('after', 'after is not a cursor returned by this list; pass a pageInfo.endCursor or edge cursor.');
  }
  return { first: size, afterN };
}

/** A product filter the lists can run: its search bounded and printable (shared/search-text.ts). */
export function checkProductFilter<F extends { search?: string | null }>(filter: F | null | undefined): F | Record<string, never> {
  if (filter?.search !== undefined && filter.search !== null) {
    const problem = searchTextProblem('filter.search', filter.search);
    if (problem !== undefined) throw new InvalidArgumentError('filter.search', problem);
  }
  return filter ?? {};
}

/** Picks the one key given among alternatives (e.g. id or slug); refuses none or several. */
export function requireExactlyOne<K extends string>(
  field: string,
  names: readonly K[],
  args: Partial<Record<K, string | null>>,
): { key: K; value: string } {
  const given = names.filter((name) => args[name] !== null && args[name] !== undefined);
  if (given.length !== 1) {
    const alternatives = names.join(' or ');
    throw new InvalidArgumentError(alternatives, `${field} needs exactly one of ${alternatives}, got ${given.length}.`);
  }
  const key = given[0]!;
  return { key, value: args[key]! };
}
