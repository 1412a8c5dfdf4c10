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

export async function endPromotion(db: Kysely<PromotionsDatabase>, id: string, idempotencyKey: string, now: Date): Promise<PromotionEndOutcome> {
  const keyProblem = idempotencyKeyProblem(idempotencyKey);
  if (keyProblem) return refusal('INVALID_IDEMPOTENCY_KEY', keyProblem, ['idempotencyKey']);
  return decideOnce(
    db,
    { key: idempotencyKey, operation: 'endPromotion', input: { id } },
    now,
    async (trx) => {
      let read = trx.selectFrom('promotions').select(['id', 'starts_at', 'ends_at']).where('id', '=', id);
      if (isPostgres(trx)) read = read.forUpdate();
      const promotion = await read.executeTakeFirst();
      if (!promotion) return refusal('UNKNOWN_PROMOTION', `No promotion has id ${id}`, ['id']);
      const at = now.getTime();
      if (Date.parse(promotion.ends_at) <= at) return refusal('ALREADY_ENDED', `Promotion ${id} ended at ${promotion.ends_at}`, ['id']);
      // Not started yet: cancelled, its period emptied (it never applies).
      const endsAt = Date.parse(promotion.starts_at) > at ? promotion.starts_at : now.toISOString();
      await trx.updateTable('promotions').set({ ends_at: endsAt }).where('id', '=', id).execute();
      return { id, userErrors: [] };
    },
    () => refusal('IDEMPOTENCY_KEY_REUSED', KEY_REUSED_MESSAGE, ['idempotencyKey']),
  );
}
