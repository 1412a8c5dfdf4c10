/**
 * `Location.stock`: every level of one location, by sku, in pages (a store screen's stock table).
 * Who may read it is checked first (access-rules.ts); the cursor is opaque: base64url of the last sku.
 */
import { badUserInput, requireIntInRange } from './arguments.js';
import { requireStoreReadAccess } from './access-rules.js';
import type { LocationResolvers } from './generated/resolvers.js';
import { countStockLevelsAtLocation, findStockLevelsAtLocation } from './repository.js';

/** Levels per page at most: a page is one index range read and one catalog batch through the gateway. */
export const MAX_LOCATION_STOCK_PAGE = 1_000;
const DEFAULT_LOCATION_STOCK_PAGE = 500;

const CURSOR_PREFIX = 'level:';

/** Opaque cursor of a level in its location's list: base64url of its sku. */
export function encodeStockCursor(sku: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${sku}`, 'utf8').toString('base64url');
}

/** The sku in a cursor, or null when the text is not a cursor this list wrote. */
export function decodeStockCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX) || text.length === CURSOR_PREFIX.length) return null;
  const sku = text.slice(CURSOR_PREFIX.length);
  return encodeStockCursor(sku) === cursor ? sku : null;
}

export const locationStockResolver: NonNullable<LocationResolvers['stock']> = async (location, { first, after }, context) => {
  requireStoreReadAccess(context.principal, [location.id]);
  const size = requireIntInRange('first', first ?? DEFAULT_LOCATION_STOCK_PAGE, 1, MAX_LOCATION_STOCK_PAGE);
  const afterSku = after == null ? null : decodeStockCursor(after);
  if (after != null && afterSku === null) {
    throw badUserInput('after', 'not a cursor of this list; pass a pageInfo.endCursor or an edge cursor');
  }
  // One more than asked: it only says that another page follows.
  const fetched = await findStockLevelsAtLocation(context.ledger.db, location, { afterSku, limit: size + 1 });
  const edges = fetched.slice(0, size).map((node) => ({ cursor: encodeStockCursor(node.sku), node }));
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: { hasNextPage: fetched.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => (total ??= countStockLevelsAtLocation(context.ledger.db, location.id)),
  };
};
