/**
 * What one committed stock transaction changed of the inventory's answers, as the gateway's cache
 * is told (platform/events/graph-changes.ts): the variant and the location of every movement, and
 * the other entities the transaction named (a reservation it created or ended). A product's
 * `inStock` is computed from the skus the gateway hands it, so the gateway tags those answers with
 * the variants too (gateway/cache/CACHE.md): no product id is needed here.
 */
import { entityTag, type GraphChangedEvent } from '../../platform/events/graph-changes.js';
import type { StockChangeModel } from './models.js';

const INVENTORY_SUBGRAPH = 'inventory';

export function graphChangeOf(movements: readonly StockChangeModel[], changed: Iterable<string>): GraphChangedEvent {
  const tags = new Set<string>();
  for (const movement of movements) {
    tags.add(entityTag('Variant', movement.sku));
    tags.add(entityTag('Location', movement.locationId));
  }
  for (const tag of changed) tags.add(tag);
  return { subgraph: INVENTORY_SUBGRAPH, tags: [...tags] };
}
