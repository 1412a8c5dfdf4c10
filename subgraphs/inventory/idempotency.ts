/**
 * Idempotency keys of the stock mutations: a retry with the same key and the same input gets the
 * original outcome and moves nothing; the same key with anything else is refused.
 *
 * Every lookup and record happens inside the mutation's ledger transaction, after the ledger lock,
 * so two concurrent requests with one key are decided one after the other and only one moves stock.
 * What is recorded (RULES.md): every outcome decided against the store, refusals included (as
 * Stripe does); input refused by the checks that need no data is never recorded.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { InventoryDatabase } from './tables.js';
import { userError, type UserError } from './user-errors.js';
import { canonicalJson } from '../shared/canonical-json.js';

/** One row per key ever used; the table is created by migration 0002. (Type aliases: Kysely's withTables wants index-compatible types.) */
export type IdempotencyKeysTable = {
  key: string;
  /** The mutation the key was first used with. */
  operation: IdempotentOperation;
  /** sha256 (hex) of the canonical JSON of that mutation's input. */
  request_hash: string;
  /** JSON of what the mutation decided (see each mutation's outcome type). */
  result: string;
  /** ISO-8601. */
  created_at: string;
};

export type IdempotencyTables = {
  idempotency_keys: IdempotencyKeysTable;
};

export type IdempotentOperation = 'reserveForPickup' | 'recordSale' | 'adjustStock';

export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** A request under its key: what a retry must match. */
export interface IdempotentRequest {
  key: string;
  operation: IdempotentOperation;
  hash: string;
}

export type PriorOutcome<Result> =
  { kind: 'first' } | { kind: 'replay'; result: Result } | { kind: 'conflict'; error: UserError };

export function checkIdempotencyKey(key: string): UserError[] {
  if (key.length >= 1 && key.length <= MAX_IDEMPOTENCY_KEY_LENGTH) return [];
  const message = `An idempotency key has 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${key.length}`;
  return [userError('INVALID_IDEMPOTENCY_KEY', message, ['idempotencyKey'])];
}

export function idempotentRequest(key: string, operation: IdempotentOperation, input: unknown): IdempotentRequest {
  return { key, operation, hash: createHash('sha256').update(canonicalJson(input)).digest('hex') };
}

/** What was decided before under this key, if anything. Call it inside the ledger transaction. */
export async function findPriorOutcome<Result>(
  db: Kysely<InventoryDatabase>,
  request: IdempotentRequest,
): Promise<PriorOutcome<Result>> {
  const row = await db
    .withTables<IdempotencyTables>()
    .selectFrom('idempotency_keys')
    .select(['operation', 'request_hash', 'result'])
    .where('key', '=', request.key)
    .executeTakeFirst();
  if (!row) return { kind: 'first' };
  if (row.operation !== request.operation || row.request_hash !== request.hash) {
    const what = row.operation !== request.operation ? `a ${row.operation}` : 'a different input';
    const message = `This idempotency key was already used for ${what}; use a new key for a new request`;
    return { kind: 'conflict', error: userError('IDEMPOTENCY_KEY_REUSED', message, ['idempotencyKey']) };
  }
  return { kind: 'replay', result: JSON.parse(row.result) as Result };
}

/** Keeps the outcome under the key, in the transaction that decided it. */
export async function recordOutcome<Result>(
  db: Kysely<InventoryDatabase>,
  request: IdempotentRequest,
  result: Result,
  at: string,
): Promise<void> {
  await db
    .withTables<IdempotencyTables>()
    .insertInto('idempotency_keys')
    .values({
      key: request.key,
      operation: request.operation,
      request_hash: request.hash,
      result: JSON.stringify(result),
      created_at: at,
    })
    .execute();
}

/** Retention when the settings name none: Stripe's 24 hours. */
export const DEFAULT_IDEMPOTENCY_KEY_RETENTION_HOURS = 24;

/**
 * Forgets the keys recorded before `before`: a retry that late is a new request (as with Stripe),
 * and the table stays the size of a day's traffic instead of growing forever. Resolves to how many
 * keys were forgotten.
 */
export async function pruneIdempotencyKeys(db: Kysely<InventoryDatabase>, before: Date): Promise<number> {
  const { numDeletedRows } = await db
    .withTables<IdempotencyTables>()
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(numDeletedRows);
}
