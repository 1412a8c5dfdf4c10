import { USER_ERROR, userError, type UserError } from './errors.js';

/**
 * What a SKU looks like: upper-case letters and digits in dash-separated groups, at most 64
 * characters (e.g. SKU-00042-3). Only the shape can be checked here: whether the variant exists is
 * the catalog's knowledge, and a subgraph never reads another's tables, so a well-formed SKU of no
 * variant is accepted (the gateway then resolves its `variant` to nothing the catalog knows).
 */
export const SKU_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
export const SKU_MAX_LENGTH = 64;

export function checkSku(sku: string): UserError | null {
  if (sku.length <= SKU_MAX_LENGTH && SKU_PATTERN.test(sku)) return null;
  return userError(
    USER_ERROR.INVALID_SKU,
    `"${sku.slice(0, SKU_MAX_LENGTH)}" is not a SKU: expected upper-case letters and digits in dash-separated groups, at most ${SKU_MAX_LENGTH} characters.`,
    ['sku'],
  );
}

export const notInWishlist = (sku: string): UserError =>
  userError(USER_ERROR.NOT_IN_WISHLIST, `"${sku}" is not in the customer's wishlist.`, ['sku']);
