/**
 * After a list price update commits: the promotions subgraph is told (a work queue: it keeps the
 * list prices its price events are computed from, shared/price-updated-event.ts), and every cache
 * of the catalog's answers drops the variant and its product (platform/events/graph-changes.ts).
 * The update is committed whatever happens here: a failure is logged, never thrown.
 */
import type { EventBus } from '../../platform/events/event-bus.js';
import { GRAPH_CHANGED_TOPIC, entityTag, type GraphChangedEvent } from '../../platform/events/graph-changes.js';
import { PRICE_UPDATED_TOPIC, type PriceUpdatedEvent } from '../shared/price-updated-event.js';
import type { CommittedPriceUpdate } from './price-updates.js';

export async function announcePriceUpdate(events: EventBus, update: CommittedPriceUpdate): Promise<void> {
  const message: PriceUpdatedEvent = { sku: update.sku, price: update.price, version: update.version, at: update.at.toISOString() };
  const changed: GraphChangedEvent = { subgraph: 'catalog', tags: [entityTag('Variant', update.sku), entityTag('Product', update.productId)] };
  const results = await Promise.allSettled([events.broadcast(GRAPH_CHANGED_TOPIC, changed), events.enqueue(PRICE_UPDATED_TOPIC, message)]);
  for (const result of results) {
    if (result.status === 'rejected') {
      const reason = result.reason instanceof Error ? result.reason.message : String(result.reason);
      console.error(`catalog: the price update of ${update.sku} (version ${update.version}) was not announced: ${reason}`);
    }
  }
}
