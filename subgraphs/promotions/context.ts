/** Per-request state of the promotions subgraph: the request's instant and its DataLoaders. */
import type DataLoader from 'dataloader';
import { oneByKey, valueByKey } from '../shared/loaders.js';
import type { Kysely } from 'kysely';
import type { SubgraphPrincipal } from '../../platform/principal.js';
import type { PromotionModel } from './models.js';
import { findPromotionIdsByCustomer, findPromotionIdsBySku, findPromotions } from './repository.js';
import type { PromotionsDatabase } from './tables.js';
import type { AuditRecorder, AuditedContext } from '../shared/audit.js';
import type { EventBus } from '../../platform/events/event-bus.js';

export interface PromotionsContext extends AuditedContext {
  db: Kysely<PromotionsDatabase>;
  /** Where price changes are announced and heard (priceChanged). */
  events: EventBus;
  /** Who the request acts for (verified gateway vouching); the ownership rules read it. */
  principal: SubgraphPrincipal;
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

export function createPromotionsContext(db: Kysely<PromotionsDatabase>, events: EventBus, now: number, principal: SubgraphPrincipal, audit: AuditRecorder = () => {}): PromotionsContext {
  let active: Promise<PromotionModel[]> | undefined;
  return {
    db,
    events,
    now,
    principal,
    audit,
    activePromotions: () => (active ??= findPromotions(db, { activeAt: now })),
    promotionById: oneByKey((ids) => findPromotions(db, { ids }), (p) => p.id),
    promotionIdsBySku: valueByKey((skus) => findPromotionIdsBySku(db, skus), () => []),
    promotionIdsByCustomer: valueByKey((customerIds) => findPromotionIdsByCustomer(db, customerIds), () => []),
  };
}
