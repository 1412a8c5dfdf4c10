/**
 * Keeps the cache true: listens to the subgraphs' announcements (GRAPH_CHANGED_TOPIC, every
 * process through the event bus) and applies each to the cache. A message that is not a
 * GraphChangedEvent is ignored; an invalidation that fails is reported (the Redis store then
 * forgets everything once Redis is back: redis-cache-store.ts).
 */
import type { EventBus } from '../../platform/events/event-bus.js';
import { GRAPH_CHANGED_TOPIC, type GraphChangedEvent } from '../../platform/events/graph-changes.js';
import type { EntityCache } from './entity-cache.js';

export interface InvalidationLogger {
  warn(details: object, message: string): void;
}

/** Resolves once listening, to the function that stops it. */
export function listenForGraphChanges(events: EventBus, cache: EntityCache, logger: InvalidationLogger): Promise<() => Promise<void>> {
  return events.onBroadcast(GRAPH_CHANGED_TOPIC, (message) => {
    if (!isGraphChangedEvent(message)) {
      logger.warn({ topic: GRAPH_CHANGED_TOPIC }, 'entity cache: an announcement that is not a GraphChangedEvent was ignored');
      return;
    }
    cache.invalidate(message).catch((error: unknown) => {
      logger.warn({ err: error, subgraph: message.subgraph }, 'entity cache: an announcement could not be applied');
    });
  });
}

function isGraphChangedEvent(message: unknown): message is GraphChangedEvent {
  if (typeof message !== 'object' || message === null) return false;
  const { subgraph, tags } = message as Record<string, unknown>;
  return typeof subgraph === 'string' && Array.isArray(tags) && tags.every((tag) => typeof tag === 'string');
}
