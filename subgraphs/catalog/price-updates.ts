/**
 * The back office sets a variant's list price (`updateVariantPrice`, PRICES.md). Checks that need no
 * data come first (the amount, the key) and are never recorded; then, in one transaction, the key is
 * looked up (a retry with the same key and input gets the first outcome and changes nothing; the
 * same key with anything else is refused), the variant read and locked, the currency checked
 * against the catalog's own for it, the price written and the outcome recorded under the key.
 * Two requests racing with one new key: the second one's insert of the key fails on its primary
 * key, and it runs again, seeing the first one's outcome.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isPostgres } from '../../platform/database.js';
import { canonicalJson } from '../shared/canonical-json.js';
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

export const MAX_PRICE_AMOUNT = 100_000_000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
const OPERATION = 'updateVariantPrice';

const refusal = (code: PriceErrorCode, message: string, field: string[] | null): PriceUpdateOutcome => ({ sku: null, previous: null, userErrors: [{ code, message, field }] });

/** The checks that need no data: refused at once, never recorded under the key. */
export function checkPriceUpdate(input: PriceUpdateInput, idempotencyKey: string): PriceUserError[] {
  const errors: PriceUserError[] = [];
  if (idempotencyKey.length < 1 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    errors.push({ code: 'INVALID_IDEMPOTENCY_KEY', message: `An idempotency key has 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${idempotencyKey.length}`, field: ['idempotencyKey'] });
  }
  const { amount } = input.price;
  if (!Number.isInteger(amount) || amount < 1 || amount > MAX_PRICE_AMOUNT) {
    errors.push({ code: 'INVALID_AMOUNT', message: `A price is 1 to ${MAX_PRICE_AMOUNT} minor units, got ${amount}`, field: ['input', 'price', 'amount'] });
  }
  return errors;
}

export async function updateVariantPrice(db: Kysely<CatalogDatabase>, input: PriceUpdateInput, idempotencyKey: string, now: Date): Promise<PriceUpdateOutcome> {
  const checked = checkPriceUpdate(input, idempotencyKey);
  if (checked.length > 0) return { sku: null, previous: null, userErrors: checked };
  const hash = createHash('sha256').update(canonicalJson({ sku: input.sku, price: input.price })).digest('hex');
  const attempt = () =>
    db.transaction().execute(async (trx) => {
      const prior = await trx.selectFrom('idempotency_keys').select(['operation', 'request_hash', 'result']).where('key', '=', idempotencyKey).executeTakeFirst();
      if (prior) {
        if (prior.operation === OPERATION && prior.request_hash === hash) return JSON.parse(prior.result) as PriceUpdateOutcome;
        return refusal('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for another request; use a new key for a new change', ['idempotencyKey']);
      }
      let read = trx.selectFrom('variants').select(['sku', 'price_amount', 'price_currency']).where('sku', '=', input.sku);
      if (isPostgres(trx)) read = read.forUpdate();
      const variant = await read.executeTakeFirst();
      let outcome: PriceUpdateOutcome;
      if (!variant) {
        outcome = refusal('UNKNOWN_SKU', `No variant has SKU ${input.sku}`, ['input', 'sku']);
      } else if (variant.price_currency !== input.price.currency) {
        outcome = refusal('CURRENCY_MISMATCH', `The catalog prices ${input.sku} in ${variant.price_currency}, not ${input.price.currency}`, ['input', 'price', 'currency']);
      } else {
        await trx.updateTable('variants').set({ price_amount: input.price.amount }).where('sku', '=', input.sku).execute();
        outcome = { sku: variant.sku, previous: { amount: variant.price_amount, currency: variant.price_currency }, userErrors: [] };
      }
      await trx.insertInto('idempotency_keys').values({ key: idempotencyKey, operation: OPERATION, request_hash: hash, result: JSON.stringify(outcome), created_at: now.toISOString() }).execute();
      return outcome;
    });
  try {
    return await attempt();
  } catch (error) {
    // Another request recorded this key meanwhile: its outcome decides this one (a replay or a refusal).
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
