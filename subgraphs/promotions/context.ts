/** Per-request state of the promotions subgraph: the request's instant and its DataLoaders. */
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { PromotionModel } from './models.js';
import { findPromotionIdsByCustomer, findPromotionIdsBySku, findPromotions } from './repository.js';
import type { PromotionsDatabase } from './tables.js';

export interface PromotionsContext {
  db: Kysely<PromotionsDatabase>;
  /** "Now" for this request (epoch ms): every field of one response sees the same instant. */
  now: number;
  /** Promotions active now, with channels, stores and whether they have an audience; loaded once per request. */
  activePromotions(): Promise<PromotionModel[]>;
  promotionById: DataLoader<string, PromotionModel | null>;
  /** sku -> ids of the promotions listing it. */
  promotionIdsBySku: DataLoader<string, string[]>;
  /** customer id -> ids of the promotions whose audience holds them. */
  promotionIdsByCustomer: DataLoader<string, string[]>;
}

// Keeps every `in (...)` list well under both engines' bound-parameter limits.
const MAX_BATCH = 1000;

export function createPromotionsContext(db: Kysely<PromotionsDatabase>, now: number): PromotionsContext {
  let active: Promise<PromotionModel[]> | undefined;
  return {
    db,
    now,
    activePromotions: () => (active ??= findPromotions(db, { activeAt: now })),
    promotionById: new DataLoader(
      async (ids) => {
        const found = new Map((await findPromotions(db, { ids })).map((p) => [p.id, p]));
        return ids.map((id) => found.get(id) ?? null);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    promotionIdsBySku: new DataLoader(
      async (skus) => {
        const found = await findPromotionIdsBySku(db, skus);
        return skus.map((sku) => found.get(sku) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    promotionIdsByCustomer: new DataLoader(
      async (customerIds) => {
        const found = await findPromotionIdsByCustomer(db, customerIds);
        return customerIds.map((id) => found.get(id) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    ),
  };
}
