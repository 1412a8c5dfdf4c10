import type { Kysely } from 'kysely';
import { customerNotFound, type UserError } from '../domain/errors.js';
import { checkSku, notInWishlist } from '../domain/wishlist.js';
import type { WishlistItemModel } from '../models.js';
import { findCustomersByIds } from '../repository/customers.js';
import { deleteWishlistItem, findWishlistsByCustomerIds, insertWishlistItem } from '../repository/wishlist.js';
import type { CustomerDatabase } from '../tables.js';
import { done, refused, type CommandResult } from './command-result.js';

export interface WishlistChange {
  customerId: string;
  sku: string;
}

/**
 * Saves a SKU to a customer's wishlist. Saving it again changes nothing (the first `addedAt`
 * stays). Only the SKU's shape is checked: see `checkSku`.
 */
export async function addToWishlist(
  db: Kysely<CustomerDatabase>,
  change: WishlistChange,
  now: string,
): Promise<CommandResult<WishlistItemModel[]>> {
  return db.transaction().execute(async (trx) => {
    const errors: UserError[] = [];
    const [customer] = await findCustomersByIds(trx, [change.customerId]);
    if (!customer) errors.push(customerNotFound(change.customerId, ['customerId']));
    const skuError = checkSku(change.sku);
    if (skuError) errors.push(skuError);
    if (errors.length > 0) return refused(errors);
    await insertWishlistItem(trx, { customerId: change.customerId, sku: change.sku, addedAt: now });
    return done(await wishlistOf(trx, change.customerId));
  });
}

/** Removes a SKU from a customer's wishlist; refused when it is not there. */
export async function removeFromWishlist(
  db: Kysely<CustomerDatabase>,
  change: WishlistChange,
): Promise<CommandResult<WishlistItemModel[]>> {
  return db.transaction().execute(async (trx) => {
    const [customer] = await findCustomersByIds(trx, [change.customerId]);
    if (!customer) return refused([customerNotFound(change.customerId, ['customerId'])]);
    const removed = await deleteWishlistItem(trx, change.customerId, change.sku);
    if (!removed) return refused([notInWishlist(change.sku)]);
    return done(await wishlistOf(trx, change.customerId));
  });
}

async function wishlistOf(db: Kysely<CustomerDatabase>, customerId: string): Promise<WishlistItemModel[]> {
  return (await findWishlistsByCustomerIds(db, [customerId])).get(customerId) ?? [];
}
