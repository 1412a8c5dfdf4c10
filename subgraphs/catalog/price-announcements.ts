/**
 * After a list price update commits: the promotions subgraph is told (a work queue: it keeps the
 * list prices its price events are computed from, shared/price-updated-event.ts), and every cache
 * of the catalog's answers drops the variant and its product (platform/events/graph-changes.ts).
 * The update is committed whatever happens here: a failure is logged, never thrown.
 */
import type { EventBus } from '../../platform/events/event-bus.js';
import { entityTag } from '../../platform/events/graph-changes.js';
import { announceGraphChange } from '../shared/announce-graph-change.js';
import { PRICE_UPDATED_TOPIC, type PriceUpdatedEvent } from '../shared/price-updated-event.js';
import type { CommittedPriceUpdate } from './price-updates.js';

export async function announcePriceUpdate(events: EventBus, update: CommittedPriceUpdate): Promise<void> {
  const message: PriceUpdatedEvent = { sku: update.sku, price: update.price, version: update.version, at: update.at.toISOString() };
  const queued = events.enqueue(PRICE_UPDATED_TOPIC, message).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`catalog: the price update of ${update.sku} (version ${update.version}) was not queued for the promotions: ${reason}`);
  });
  // A price moves no entity in or out of any list (no list filters or sorts by price): only answers holding the variant or its product change.
  await Promise.all([announceGraphChange(events, { subgraph: 'catalog', tags: [entityTag('Variant', update.sku), entityTag('Product', update.productId)], onlyTagged: true }), queued]);
}
