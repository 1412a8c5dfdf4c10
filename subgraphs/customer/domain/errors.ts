/** A request argument that can never be served (malformed cursor, `first` out of range...). */
export class InvalidArgumentError extends Error {
  override readonly name = 'InvalidArgumentError';
  constructor(
    /** The argument at fault, as named in the schema. */
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

/** Stable codes of the domain failures a caller can act on (the `userErrors` of mutations). */
export const USER_ERROR = {
  CUSTOMER_NOT_FOUND: 'CUSTOMER_NOT_FOUND',
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  INVALID_SKU: 'INVALID_SKU',
  NOT_IN_WISHLIST: 'NOT_IN_WISHLIST',
  INVALID_SUBJECT: 'INVALID_SUBJECT',
  INVALID_BODY: 'INVALID_BODY',
} as const;
export type UserErrorCode = (typeof USER_ERROR)[keyof typeof USER_ERROR];

export interface UserError {
  code: UserErrorCode;
  message: string;
  /** Path of the input field at fault. */
  field: string[] | null;
}

export const userError = (code: UserErrorCode, message: string, field: string[] | null = null): UserError => ({
  code,
  message,
  field,
});

export const customerNotFound = (customerId: string, field: string[]): UserError =>
  userError(USER_ERROR.CUSTOMER_NOT_FOUND, `No customer has the id "${customerId}".`, field);
