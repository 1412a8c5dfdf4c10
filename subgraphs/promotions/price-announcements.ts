/**
 * After a commit that changed prices or promotions: the price ledger's commit for priceChanged
 * (price-events.ts) and the changed answers for every cache of them (platform/events/graph-changes.ts).
 * The change is committed whatever happens here: a failure is logged, never thrown (subscribers
 * read what they missed from the ledger; caches expire by their TTL).
 */
import type { EventBus } from '../../platform/events/event-bus.js';
import { EVERYTHING_TAG, GRAPH_CHANGED_TOPIC, entityTag, type GraphChangedEvent } from '../../platform/events/graph-changes.js';
import { PRICES_COMMITTED_TOPIC, type PriceLedgerCommit } from './price-events.js';

/** `promotionIds`: the promotions that changed (null for a list price update, which changes no answer of ours: the price is part of every question about it). */
export async function announcePriceChange(events: EventBus, commit: PriceLedgerCommit | null, promotionIds: readonly string[] | null): Promise<void> {
  try {
    if (commit) await events.broadcast(PRICES_COMMITTED_TOPIC, commit);
    if (promotionIds === null) return;
    // A promotion's start or end changes effective prices and active promotions of many variants at once.
    const changed: GraphChangedEvent = { subgraph: 'promotions', tags: [EVERYTHING_TAG, ...promotionIds.map((id) => entityTag('Promotion', id))] };
    await events.broadcast(GRAPH_CHANGED_TOPIC, changed);
  } catch (error) {
    console.error(`promotions: a committed price change was not announced: ${error instanceof Error ? error.message : String(error)}`);
  }
}
