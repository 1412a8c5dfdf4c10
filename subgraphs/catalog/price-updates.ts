/**
 * The back office sets a variant's list price (`updateVariantPrice`, PRICES.md). Checks that need no
 * data come first (the amount, the key) and are never recorded; then, decided once per key
 * (shared/decide-once.ts: a retry with the same key and input gets the first outcome and changes
 * nothing, the same key with anything else is refused, racing requests decided once), the variant
 * is read and locked, the currency checked against the catalog's own for it, and the price written.
 */
import type { Kysely } from 'kysely';
import { isPostgres } from '../../platform/database.js';
import { KEY_REUSED_MESSAGE, decideOnce, idempotencyKeyProblem } from '../shared/decide-once.js';
import type { CatalogDatabase } from './tables.js';

export const PRICE_ERROR_CODES = ['INVALID_AMOUNT', 'CURRENCY_MISMATCH', 'UNKNOWN_SKU', 'INVALID_IDEMPOTENCY_KEY', 'IDEMPOTENCY_KEY_REUSED'] as const;
export type PriceErrorCode = (typeof PRICE_ERROR_CODES)[number];

export interface PriceUserError {
  code: PriceErrorCode;
  message: string;
  field: string[] | null;
}

export interface MoneyValue {
  amount: number;
  currency: string;
}

export interface PriceUpdateInput {
  sku: string;
  price: MoneyValue;
}

/** What an update decided: the variant changed (with its price before), or why not. */
export interface PriceUpdateOutcome {
  sku: string | null;
  previous: MoneyValue | null;
  userErrors: PriceUserError[];
}

/** What a committed update announces (price-announcements.ts). */
export interface CommittedPriceUpdate {
  sku: string;
  productId: string;
  price: MoneyValue;
  version: number;
  at: Date;
}

export interface PriceUpdateResult extends PriceUpdateOutcome {
  /** Set when this call changed the price (never on a replay). */
  committed: CommittedPriceUpdate | null;
}

export const MAX_PRICE_AMOUNT = 100_000_000;
const OPERATION = 'updateVariantPrice';

const refusal = (code: PriceErrorCode, message: string, field: string[] | null): PriceUpdateOutcome => ({ sku: null, previous: null, userErrors: [{ code, message, field }] });

/** The checks that need no data: refused at once, never recorded under the key. */
export function checkPriceUpdate(input: PriceUpdateInput, idempotencyKey: string): PriceUserError[] {
  const errors: PriceUserError[] = [];
  const keyProblem = idempotencyKeyProblem(idempotencyKey);
  if (keyProblem) errors.push({ code: 'INVALID_IDEMPOTENCY_KEY', message: keyProblem, field: ['idempotencyKey'] });
  const { amount } = input.price;
  if (!Number.isInteger(amount) || amount < 1 || amount > MAX_PRICE_AMOUNT) {
    errors.push({ code: 'INVALID_AMOUNT', message: `A price is 1 to ${MAX_PRICE_AMOUNT} minor units, got ${amount}`, field: ['input', 'price', 'amount'] });
  }
  return errors;
}

export async function updateVariantPrice(db: Kysely<CatalogDatabase>, input: PriceUpdateInput, idempotencyKey: string, now: Date): Promise<PriceUpdateResult> {
  const checked = checkPriceUpdate(input, idempotencyKey);
  if (checked.length > 0) return { sku: null, previous: null, userErrors: checked, committed: null };
  // The change of the attempt that decided, once its transaction has committed.
  let changed: CommittedPriceUpdate | null = null;
  let committed: CommittedPriceUpdate | null = null;
  const outcome = await decideOnce(
    db,
    { key: idempotencyKey, operation: OPERATION, input: { sku: input.sku, price: input.price } },
    now,
    async (trx) => {
      changed = null;
      let read = trx.selectFrom('variants').select(['sku', 'product_id', 'price_amount', 'price_currency', 'price_version']).where('sku', '=', input.sku);
      if (isPostgres(trx)) read = read.forUpdate();
      const variant = await read.executeTakeFirst();
      if (!variant) return refusal('UNKNOWN_SKU', `No variant has SKU ${input.sku}`, ['input', 'sku']);
      if (variant.price_currency !== input.price.currency) {
        return refusal('CURRENCY_MISMATCH', `The catalog prices ${input.sku} in ${variant.price_currency}, not ${input.price.currency}`, ['input', 'price', 'currency']);
      }
      const version = variant.price_version + 1;
      await trx.updateTable('variants').set({ price_amount: input.price.amount, price_version: version }).where('sku', '=', input.sku).execute();
      changed = { sku: variant.sku, productId: variant.product_id, price: input.price, version, at: now };
      return { sku: variant.sku, previous: { amount: variant.price_amount, currency: variant.price_currency }, userErrors: [] };
    },
    () => refusal('IDEMPOTENCY_KEY_REUSED', KEY_REUSED_MESSAGE, ['idempotencyKey']),
    () => (committed = changed),
  );
  return { ...outcome, committed };
}
