/**
 * After a commit that changed prices or promotions: the price ledger's commit for priceChanged
 * (price-events.ts) and the changed answers for every cache of them (platform/events/graph-changes.ts).
 * The change is committed whatever happens here: a failure is logged, never thrown (subscribers
 * read what they missed from the ledger; caches expire by their TTL).
 */
import type { EventBus } from '../../platform/events/event-bus.js';
import { EVERYTHING_TAG, entityTag } from '../../platform/events/graph-changes.js';
import { announceGraphChange } from '../shared/announce-graph-change.js';
import { PRICES_COMMITTED_TOPIC, type PriceLedgerCommit } from './price-events.js';

/**
 * `promotionIds`: the promotions that changed, whose start or end moves many answers at once; null
 * for a list price update, which moves none but the ledger's own root fields (the price is part of
 * every question about a variant's promotions).
 */
export async function announcePriceChange(events: EventBus, commit: PriceLedgerCommit | null, promotionIds: readonly string[] | null): Promise<void> {
  try {
    if (commit) await events.broadcast(PRICES_COMMITTED_TOPIC, commit);
    const tags = promotionIds === null ? [] : [EVERYTHING_TAG, ...promotionIds.map((id) => entityTag('Promotion', id))];
    // No tag still drops every root answer: priceLedgerHead and priceChanges moved.
    if (commit || promotionIds !== null) await announceGraphChange(events, { subgraph: 'promotions', tags });
  } catch (error) {
    console.error(`promotions: a committed price change was not announced: ${error instanceof Error ? error.message : String(error)}`);
  }
}
