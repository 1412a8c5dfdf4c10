/**
 * The userErrors of the inventory's mutations: domain outcomes a caller can act on, each with a
 * stable code (the catalogue is in RULES.md). Faults and malformed requests are GraphQL errors instead.
 */

export const USER_ERROR_CODES = [
  'INVALID_IDEMPOTENCY_KEY',
  'IDEMPOTENCY_KEY_REUSED',
  'INVALID_QUANTITY',
  'INVALID_REASON',
  'NO_LINES',
  'TOO_MANY_LINES',
  'DUPLICATE_LINE',
  'PRICE_REQUIRED',
  'INVALID_PRICE',
  'MIXED_CURRENCIES',
  'UNKNOWN_LOCATION',
  'UNKNOWN_STOCK_LEVEL',
  'PICKUP_NOT_OFFERED',
  'INSUFFICIENT_STOCK',
  'RESERVATION_NOT_FOUND',
  'RESERVATION_NOT_ACTIVE',
  'RESERVATION_EXPIRED',
] as const;
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

export interface UserError {
  code: UserErrorCode;
  message: string;
  /** Path of the argument at fault, from the mutation's argument name (e.g. ["input", "lines", "2", "quantity"]). */
  field: string[] | null;
}

export function userError(
  code: UserErrorCode,
  message: string,
  field: readonly (string | number)[] | null = null,
): UserError {
  return { code, message, field: field ? field.map(String) : null };
}

// The refusals several mutations share, worded once.
export const unknownLocation = (id: string) =>
  userError('UNKNOWN_LOCATION', `No location has id ${id}`, ['input', 'locationId']);

export const unknownStockLevel = (locationName: string, sku: string, field: readonly (string | number)[]) =>
  userError('UNKNOWN_STOCK_LEVEL', `${locationName} does not stock sku ${sku}`, field);
