/**
 * A back-office change decided once per idempotency key, in the subgraph's own `idempotency_keys`
 * table (key, operation, request_hash, result, created_at). In one transaction: the key is looked
 * up — the same operation and input (hashed over canonical JSON) replays the recorded outcome and
 * changes nothing, anything else under the key gets `reused()` — else `decide` runs and its outcome
 * is recorded under the key. Two requests racing with one new key: the second one's record fails on
 * the key's primary key, its transaction (and change) is rolled back, and it runs again, seeing the
 * first one's outcome. Used by the catalog's prices and the promotions' ends (PRICES.md).
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { canonicalJson } from './canonical-json.js';

interface IdempotencyKeysTable {
  idempotency_keys: { key: string; operation: string; request_hash: string; result: string; created_at: string };
}

/** Longest idempotency key a back-office change accepts. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** Why `key` is no idempotency key (INVALID_IDEMPOTENCY_KEY), or undefined when it is one. */
export function idempotencyKeyProblem(key: string): string | undefined {
  return key.length >= 1 && key.length <= MAX_IDEMPOTENCY_KEY_LENGTH ? undefined : `An idempotency key has 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${key.length}`;
}

/** What IDEMPOTENCY_KEY_REUSED says: the key decided another request already. */
export const KEY_REUSED_MESSAGE = 'This idempotency key was used for another request; use a new key for a new change';

export interface KeyedRequest {
  key: string;
  operation: string;
  input: unknown;
}

export async function decideOnce<DB extends IdempotencyKeysTable, Outcome>(
  db: Kysely<DB>,
  request: KeyedRequest,
  now: Date,
  decide: (trx: Transaction<DB>) => Promise<Outcome>,
  reused: () => Outcome,
  /** Called once the transaction in which `decide` ran has committed (never for a replay, nor for an attempt rolled back). */
  onCommitted?: () => void,
): Promise<Outcome> {
  const hash = createHash('sha256').update(canonicalJson(request.input)).digest('hex');
  const keys = db as unknown as Kysely<IdempotencyKeysTable>;
  const attempt = async () => {
    let decided = false;
    const outcome = await keys.transaction().execute(async (trx) => {
      const prior = await trx.selectFrom('idempotency_keys').select(['operation', 'request_hash', 'result']).where('key', '=', request.key).executeTakeFirst();
      if (prior) return prior.operation === request.operation && prior.request_hash === hash ? (JSON.parse(prior.result) as Outcome) : reused();
      const outcome = await decide(trx as unknown as Transaction<DB>);
      await trx.insertInto('idempotency_keys').values({ key: request.key, operation: request.operation, request_hash: hash, result: JSON.stringify(outcome), created_at: now.toISOString() }).execute();
      decided = true;
      return outcome;
    });
    if (decided) onCommitted?.();
    return outcome;
  };
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The `idempotency_keys` table `decideOnce` reads and writes, for a subgraph's migration. */
export async function createIdempotencyKeysTable(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
