/**
 * The back office starts a promotion (`startPromotion`, PROMOTIONS.md): now, or at its own
 * `startsAt`, when the schedule (promotion-schedule.ts) announces it. Checks that need no data come
 * first and are never recorded under the key; then, decided once per key (shared/decide-once.ts),
 * the skus and the overlap are checked against the data and the promotion written. A promotion
 * that starts now appends its price changes to the ledger in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { KEY_REUSED_MESSAGE, decideOnce, idempotencyKeyProblem } from '../shared/decide-once.js';
import { parseInstant } from './instant.js';
import { CHANNEL_CODES, type ChannelCode } from './models.js';
import { appendPromotionChange, lockPriceLedger } from './price-ledger.js';
import type { PriceLedgerCommit } from './price-events.js';
import { findPromotions } from './repository.js';
import type { PromotionsDatabase } from './tables.js';

export type StartErrorCode = 'INVALID_PROMOTION' | 'CURRENCY_MISMATCH' | 'UNKNOWN_SKU' | 'OVERLAPPING_PROMOTION' | 'INVALID_IDEMPOTENCY_KEY' | 'IDEMPOTENCY_KEY_REUSED';

export interface StartUserError {
  code: StartErrorCode;
  message: string;
  field: string[] | null;
}

export interface PromotionStartInput {
  name: string;
  description: string;
  discount: { percentOff?: number | null; amountOff?: { amount: number; currency: string } | null };
  channels: readonly ChannelCode[];
  startsAt?: string | null;
  endsAt: string;
  storeIds?: readonly string[] | null;
  skus?: readonly string[] | null;
}

/** The promotion started (its id), or why not. */
export interface PromotionStartOutcome {
  id: string | null;
  userErrors: StartUserError[];
}

export const MAX_PROMOTION_SKUS = 1_000;
export const MAX_PROMOTION_STORES = 100;
const MAX_NAME = 200;
const MAX_DESCRIPTION = 2_000;
const MAX_AMOUNT_OFF = 100_000_000;

const invalid = (message: string, field: string[]): StartUserError => ({ code: 'INVALID_PROMOTION', message, field });
const refusal = (code: StartErrorCode, message: string, field: string[] | null): PromotionStartOutcome => ({ id: null, userErrors: [{ code, message, field }] });

interface Checked {
  startsAt: number;
  endsAt: number;
  channels: ChannelCode[];
  storeIds: string[];
  skus: string[] | null;
}

/** The checks that need no data: refused at once, never recorded under the key. */
export function checkPromotionStart(input: PromotionStartInput, idempotencyKey: string, now: number): { errors: StartUserError[]; checked?: Checked } {
  const errors: StartUserError[] = [];
  const keyProblem = idempotencyKeyProblem(idempotencyKey);
  if (keyProblem) errors.push({ code: 'INVALID_IDEMPOTENCY_KEY', message: keyProblem, field: ['idempotencyKey'] });
  if (input.name.trim().length === 0 || input.name.length > MAX_NAME) errors.push(invalid(`A name has 1 to ${MAX_NAME} characters`, ['input', 'name']));
  if (input.description.length > MAX_DESCRIPTION) errors.push(invalid(`A description has at most ${MAX_DESCRIPTION} characters`, ['input', 'description']));
  const { percentOff, amountOff } = input.discount;
  if ((percentOff == null) === (amountOff == null)) {
    errors.push(invalid('A discount is either percentOff or amountOff, exactly one', ['input', 'discount']));
  } else if (percentOff != null && !(Number.isInteger(percentOff) && percentOff >= 1 && percentOff <= 100)) {
    errors.push(invalid(`percentOff is 1 to 100, got ${percentOff}`, ['input', 'discount', 'percentOff']));
  } else if (amountOff != null && !(Number.isInteger(amountOff.amount) && amountOff.amount >= 1 && amountOff.amount <= MAX_AMOUNT_OFF)) {
    errors.push(invalid(`amountOff is 1 to ${MAX_AMOUNT_OFF} minor units, got ${amountOff.amount}`, ['input', 'discount', 'amountOff', 'amount']));
  }
  const channels = CHANNEL_CODES.filter((c) => input.channels.includes(c));
  if (channels.length === 0) errors.push(invalid('A promotion applies on at least one channel', ['input', 'channels']));
  const storeIds = input.storeIds == null ? [] : [...new Set(input.storeIds)].sort();
  if (input.storeIds != null && (storeIds.length === 0 || storeIds.length > MAX_PROMOTION_STORES)) {
    errors.push(invalid(`storeIds lists 1 to ${MAX_PROMOTION_STORES} stores (omit it for every store)`, ['input', 'storeIds']));
  }
  const skus = input.skus == null ? null : [...new Set(input.skus)].sort();
  if (skus !== null && (skus.length === 0 || skus.length > MAX_PROMOTION_SKUS)) {
    errors.push(invalid(`skus lists 1 to ${MAX_PROMOTION_SKUS} skus (omit it for every variant)`, ['input', 'skus']));
  }
  let startsAt = now;
  if (input.startsAt != null) {
    const parsed = parseInstant(input.startsAt);
    if (parsed === null) errors.push(invalid(`startsAt is an ISO 8601 instant such as 2026-12-24T09:00:00Z, got "${input.startsAt}"`, ['input', 'startsAt']));
    // A start already past is now: prices cannot change in the past.
    else startsAt = Math.max(parsed, now);
  }
  const endsAt = parseInstant(input.endsAt);
  if (endsAt === null) errors.push(invalid(`endsAt is an ISO 8601 instant such as 2026-12-31T23:00:00Z, got "${input.endsAt}"`, ['input', 'endsAt']));
  else if (endsAt <= startsAt) errors.push(invalid('endsAt comes after startsAt and after now', ['input', 'endsAt']));
  if (errors.length > 0 || endsAt === null) return { errors };
  return { errors, checked: { startsAt, endsAt, channels, storeIds, skus } };
}

const intersects = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/** A promotion meant for the same items, a shared channel and the same stores in an overlapping period: one of the two would never apply. */
async function findOverlap(trx: Transaction<PromotionsDatabase>, checked: Checked, now: number): Promise<string | null> {
  const candidates = (await findPromotions(trx)).filter(
    (p) =>
      !p.personal &&
      Date.parse(p.endsAt) > now &&
      Date.parse(p.startsAt) < checked.endsAt &&
      checked.startsAt < Date.parse(p.endsAt) &&
      intersects(p.channels, checked.channels) &&
      (p.storeIds.length === 0 ? checked.storeIds.length === 0 : intersects(p.storeIds, checked.storeIds)) &&
      p.sitewide === (checked.skus === null),
  );
  if (candidates.length === 0) return null;
  if (checked.skus === null) return candidates[0]!.id;
  const listed = await trx
    .selectFrom('promotion_targets')
    .select('promotion_id')
    .where('promotion_id', 'in', candidates.map((p) => p.id))
    .where('sku', 'in', checked.skus)
    .orderBy('promotion_id')
    .executeTakeFirst();
  return listed?.promotion_id ?? null;
}

export interface PromotionStartResult extends PromotionStartOutcome {
  /** The ledger commit to announce, when the promotion started now (never on a replay). */
  commit: PriceLedgerCommit | null;
}

export async function startPromotion(db: Kysely<PromotionsDatabase>, input: PromotionStartInput, idempotencyKey: string, now: Date): Promise<PromotionStartResult> {
  const at = now.getTime();
  const { errors, checked } = checkPromotionStart(input, idempotencyKey, at);
  if (!checked) return { id: null, userErrors: errors, commit: null };
  // The commit of the attempt that decided, once its transaction has committed (never a rolled-back one's).
  let appended: PriceLedgerCommit | null = null;
  let commit: PriceLedgerCommit | null = null;
  const outcome = await decideOnce(
    db,
    { key: idempotencyKey, operation: 'startPromotion', input },
    now,
    async (trx): Promise<PromotionStartOutcome> => {
      appended = null;
      // Serialised with every other change of prices: two promotions started at once cannot both miss each other's overlap.
      await lockPriceLedger(trx);
      const currency = input.discount.amountOff?.currency;
      if (currency !== undefined) {
        const priced = await trx.selectFrom('list_prices').select('currency').where('currency', '<>', currency).limit(1).executeTakeFirst();
        if (priced) return refusal('CURRENCY_MISMATCH', `The catalog prices in ${priced.currency}, not ${currency}`, ['input', 'discount', 'amountOff', 'currency']);
      }
      if (checked.skus) {
        const known = new Set((await trx.selectFrom('list_prices').select('sku').where('sku', 'in', checked.skus).execute()).map((r) => r.sku));
        const unknown = checked.skus.filter((sku) => !known.has(sku));
        if (unknown.length > 0) return refusal('UNKNOWN_SKU', `No variant has SKU ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` (and ${unknown.length - 5} more)` : ''}`, ['input', 'skus']);
      }
      const overlapping = await findOverlap(trx, checked, at);
      if (overlapping) {
        return refusal('OVERLAPPING_PROMOTION', `Promotion ${overlapping} is meant for the same items, a shared channel and the same stores in an overlapping period; discounts never stack, so one would never apply. End it first, or change the period or the items.`, ['input']);
      }
      const id = `promo-${randomUUID()}`;
      const startsNow = checked.startsAt <= at;
      await trx
        .insertInto('promotions')
        .values({
          id,
          name: input.name.trim(),
          description: input.description,
          percent_off: input.discount.percentOff ?? null,
          amount_off: input.discount.amountOff?.amount ?? null,
          currency: input.discount.amountOff?.currency ?? (await catalogCurrency(trx)),
          starts_at: new Date(checked.startsAt).toISOString(),
          ends_at: new Date(checked.endsAt).toISOString(),
          segment: null,
          sitewide: checked.skus === null ? 1 : 0,
          start_announced: startsNow ? 1 : 0,
          end_announced: 0,
        })
        .execute();
      if (checked.channels.length > 0) await trx.insertInto('promotion_channels').values(checked.channels.map((channel) => ({ promotion_id: id, channel }))).execute();
      if (checked.storeIds.length > 0) await trx.insertInto('promotion_stores').values(checked.storeIds.map((store_id) => ({ promotion_id: id, store_id }))).execute();
      for (let i = 0; checked.skus && i < checked.skus.length; i += 500) {
        await trx.insertInto('promotion_targets').values(checked.skus.slice(i, i + 500).map((sku) => ({ promotion_id: id, sku }))).execute();
      }
      if (startsNow) {
        const [promotion] = await findPromotions(trx, { ids: [id] });
        appended = await appendPromotionChange(trx, promotion!, true, now);
      }
      return { id, userErrors: [] };
    },
    () => refusal('IDEMPOTENCY_KEY_REUSED', KEY_REUSED_MESSAGE, ['idempotencyKey']),
    () => (commit = appended),
  );
  return { ...outcome, commit };
}

async function catalogCurrency(trx: Transaction<PromotionsDatabase>): Promise<string> {
  const row = await trx.selectFrom('list_prices').select('currency').limit(1).executeTakeFirst();
  return row?.currency ?? 'EUR';
}
