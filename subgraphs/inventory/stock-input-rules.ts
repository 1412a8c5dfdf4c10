/**
 * Checks of a stock mutation's input that need no data: its shape, ranges and combinations.
 * They run before any transaction, so bad input never takes the ledger lock nor moves stock, and
 * their outcomes are not recorded under the idempotency key (see RULES.md).
 */
import type { StockChangeReason } from './stock-ledger.js';
import { userError, type UserError, type UserErrorCode } from './user-errors.js';

export interface ReserveRequest {
  sku: string;
  locationId: string;
  quantity: number;
  customerId: string;
}

export interface MoneyAmount {
  /** Minor units. */
  amount: number;
  /** ISO 4217. */
  currency: string;
}

export interface SaleLineRequest {
  sku: string;
  quantity: number;
  unitPrice?: MoneyAmount | null | undefined;
}

export interface SaleRequest {
  locationId: string;
  channel: string;
  lines: readonly SaleLineRequest[];
  customerId?: string | null | undefined;
}

export interface AdjustStockRequest {
  sku: string;
  locationId: string;
  delta: number;
  reason: StockChangeReason;
}

/** Units one reservation may hold: a click & collect basket, not a wholesale order. */
export const RESERVE_QUANTITY = { min: 1, max: 100 } as const;
/** Units of one sale line. */
export const SALE_LINE_QUANTITY = { min: 1, max: 10_000 } as const;
/** Lines of one sale. */
export const MAX_SALE_LINES = 100;
/** Largest change of one adjustment, either way: keeps on_hand far inside a 32-bit integer column. */
export const MAX_ADJUSTMENT = 1_000_000;

const CURRENCY = /^[A-Z]{3}$/;

const outOfRange = (what: string, value: number, range: { min: number; max: number }) =>
  `${what} must be between ${range.min} and ${range.max}, got ${value}`;

export function checkReserveRequest(input: ReserveRequest): UserError[] {
  if (input.quantity >= RESERVE_QUANTITY.min && input.quantity <= RESERVE_QUANTITY.max) return [];
  const message = outOfRange('A reservation quantity', input.quantity, RESERVE_QUANTITY);
  return [userError('INVALID_QUANTITY', message, ['input', 'quantity'])];
}

export function checkSaleRequest(input: SaleRequest): UserError[] {
  const linesField = ['input', 'lines'];
  if (input.lines.length === 0) return [userError('NO_LINES', 'A sale has at least one line', linesField)];
  if (input.lines.length > MAX_SALE_LINES) {
    const message = `A sale has at most ${MAX_SALE_LINES} lines, got ${input.lines.length}`;
    return [userError('TOO_MANY_LINES', message, linesField)];
  }
  const errors: UserError[] = [];
  const named = input.customerId != null;
  const seen = new Set<string>();
  let currency: string | undefined;
  input.lines.forEach((line, i) => {
    const fail = (code: UserErrorCode, message: string, ...field: string[]) =>
      errors.push(userError(code, message, [...linesField, i, ...field]));
    if (seen.has(line.sku)) {
      fail('DUPLICATE_LINE', `Sku ${line.sku} appears on more than one line; sum its quantities on one line`, 'sku');
    }
    seen.add(line.sku);
    if (line.quantity < SALE_LINE_QUANTITY.min || line.quantity > SALE_LINE_QUANTITY.max) {
      fail('INVALID_QUANTITY', outOfRange('A sale line quantity', line.quantity, SALE_LINE_QUANTITY), 'quantity');
    }
    const price = line.unitPrice;
    if (price == null) {
      // The customer's order history needs what was paid; an anonymous till sale does not.
      if (named) fail('PRICE_REQUIRED', 'A sale that names a customer needs the unit price of every line', 'unitPrice');
      return;
    }
    if (price.amount < 0) {
      fail('INVALID_PRICE', `A unit price is 0 or more minor units, got ${price.amount}`, 'unitPrice', 'amount');
    }
    if (!CURRENCY.test(price.currency)) {
      const message = `A currency is an ISO 4217 code of 3 upper-case letters, got "${price.currency}"`;
      fail('INVALID_PRICE', message, 'unitPrice', 'currency');
    } else if (currency !== undefined && price.currency !== currency) {
      // An order has one total: the customer's order history could not add these lines up.
      const message = `Every line of a sale is priced in one currency: ${currency}, then ${price.currency}`;
      fail('MIXED_CURRENCIES', message, 'unitPrice', 'currency');
    } else {
      currency = price.currency;
    }
  });
  return errors;
}

export function checkAdjustStockRequest(input: AdjustStockRequest): UserError[] {
  const [reasonField, deltaField] = [
    ['input', 'reason'],
    ['input', 'delta'],
  ];
  if (input.reason !== 'RESTOCK' && input.reason !== 'CORRECTION') {
    const message = `adjustStock records RESTOCK or CORRECTION; ${input.reason} has its own mutation`;
    return [userError('INVALID_REASON', message, reasonField)];
  }
  if (input.delta === 0) {
    return [userError('INVALID_REASON', `A ${input.reason} changes onHand: delta is never 0`, deltaField)];
  }
  if (input.reason === 'RESTOCK' && input.delta < 0) {
    const message = 'A RESTOCK adds units; record a loss or a recount as a CORRECTION';
    return [userError('INVALID_REASON', message, reasonField)];
  }
  if (Math.abs(input.delta) > MAX_ADJUSTMENT) {
    const message = `An adjustment moves at most ${MAX_ADJUSTMENT} units, got ${input.delta}`;
    return [userError('INVALID_QUANTITY', message, deltaField)];
  }
  return [];
}
