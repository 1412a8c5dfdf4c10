/**
 * The back office ends a promotion now (`endPromotion`, PROMOTIONS.md): its `ends_at` becomes this
 * instant, so from now on no channel applies it; one that has not started is cancelled (its period
 * emptied: `ends_at` = `starts_at`). Decided once per idempotency key (shared/decide-once.ts), the
 * promotion's row locked on PostgreSQL. A promotion already over is ALREADY_ENDED (recorded under
 * the key: the refusal depends on the data); an unknown id UNKNOWN_PROMOTION.
 */
import type { Kysely } from 'kysely';
import { isPostgres } from '../../platform/database.js';
import { KEY_REUSED_MESSAGE, decideOnce, idempotencyKeyProblem } from '../shared/decide-once.js';
import type { PromotionsDatabase } from './tables.js';
import { appendPromotionChange } from './price-ledger.js';
import type { PriceLedgerCommit } from './price-events.js';
import { findPromotions } from './repository.js';

export type PromotionErrorCode = 'UNKNOWN_PROMOTION' | 'ALREADY_ENDED' | 'INVALID_IDEMPOTENCY_KEY' | 'IDEMPOTENCY_KEY_REUSED';

export interface PromotionUserError {
  code: PromotionErrorCode;
  message: string;
  field: string[] | null;
}

/** The promotion ended (its id), or why not. */
export interface PromotionEndOutcome {
  id: string | null;
  userErrors: PromotionUserError[];
}

const refusal = (code: PromotionErrorCode, message: string, field: string[] | null): PromotionEndOutcome => ({ id: null, userErrors: [{ code, message, field }] });

export interface PromotionEndResult extends PromotionEndOutcome {
  /** The ledger commit to announce when a running promotion ended (never on a replay). */
  commit: PriceLedgerCommit | null;
}

export async function endPromotion(db: Kysely<PromotionsDatabase>, id: string, idempotencyKey: string, now: Date): Promise<PromotionEndResult> {
  const keyProblem = idempotencyKeyProblem(idempotencyKey);
  if (keyProblem) return { ...refusal('INVALID_IDEMPOTENCY_KEY', keyProblem, ['idempotencyKey']), commit: null };
  // The commit of the attempt that decided, once its transaction has committed (never a rolled-back one's).
  let appended: PriceLedgerCommit | null = null;
  let commit: PriceLedgerCommit | null = null;
  const outcome = await decideOnce(
    db,
    { key: idempotencyKey, operation: 'endPromotion', input: { id } },
    now,
    async (trx) => {
      appended = null;
      let read = trx.selectFrom('promotions').select(['id', 'starts_at', 'ends_at']).where('id', '=', id);
      if (isPostgres(trx)) read = read.forUpdate();
      const promotion = await read.executeTakeFirst();
      if (!promotion) return refusal('UNKNOWN_PROMOTION', `No promotion has id ${id}`, ['id']);
      const at = now.getTime();
      if (Date.parse(promotion.ends_at) <= at) return refusal('ALREADY_ENDED', `Promotion ${id} ended at ${promotion.ends_at}`, ['id']);
      // Not started yet: cancelled, its period emptied (it never applies).
      const started = Date.parse(promotion.starts_at) <= at;
      const endsAt = started ? now.toISOString() : promotion.starts_at;
      // Both boundaries are now in the past and told here: the schedule has nothing left to announce.
      await trx.updateTable('promotions').set({ ends_at: endsAt, start_announced: 1, end_announced: 1 }).where('id', '=', id).execute();
      if (started) {
        const [ended] = await findPromotions(trx, { ids: [id] });
        appended = await appendPromotionChange(trx, ended!, false, now);
      }
      return { id, userErrors: [] };
    },
    () => refusal('IDEMPOTENCY_KEY_REUSED', KEY_REUSED_MESSAGE, ['idempotencyKey']),
    () => (commit = appended),
  );
  return { ...outcome, commit };
}
