import type { Kysely } from 'kysely';
import type { WishlistItemModel } from '../models.js';
import type { CustomerDatabase, WishlistItemRow } from '../tables.js';
import { groupBy } from '../../shared/group-by.js';

const toWishlistItem = (row: WishlistItemRow): WishlistItemModel => ({
  customerId: row.customer_id,
  sku: row.sku,
  addedAt: row.added_at,
});

/** Each customer's wishlist, newest first. */
export async function findWishlistsByCustomerIds(
  db: Kysely<CustomerDatabase>,
  customerIds: readonly string[],
): Promise<Map<string, WishlistItemModel[]>> {
  const rows = await db
    .selectFrom('wishlist_items')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .orderBy('customer_id')
    .orderBy('added_at', 'desc')
    .orderBy('sku')
    .execute();
  return groupBy(rows, (row) => row.customer_id, toWishlistItem);
}

/** Adds a SKU unless it is already there (the first `addedAt` is kept). */
export async function insertWishlistItem(db: Kysely<CustomerDatabase>, item: WishlistItemModel): Promise<void> {
  await db
    .insertInto('wishlist_items')
    .values({ customer_id: item.customerId, sku: item.sku, added_at: item.addedAt })
    .onConflict((oc) => oc.columns(['customer_id', 'sku']).doNothing())
    .execute();
}

/** Removes a SKU; false when it was not there. */
export async function deleteWishlistItem(db: Kysely<CustomerDatabase>, customerId: string, sku: string): Promise<boolean> {
  const result = await db
    .deleteFrom('wishlist_items')
    .where('customer_id', '=', customerId)
    .where('sku', '=', sku)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
