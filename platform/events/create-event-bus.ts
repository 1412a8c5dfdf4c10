/** Picks the event bus the configuration asks for. */
import type { EventBus } from './event-bus.js';
import { createInProcessEventBus } from './in-process-event-bus.js';
import { createRedisEventBus } from './redis-event-bus.js';

export interface EventBusOptions {
  /** Redis connection string; events stay in this process when absent. */
  redisUrl?: string | undefined;
  /** Prefix of every Redis key and channel, so several graphs can share one Redis. */
  channelPrefix: string;
}

/** Through Redis when `redisUrl` is set (rejects with EVENT_BUS_UNAVAILABLE, naming REDIS_URL, when it cannot be reached); in-process otherwise. */
export async function createEventBus(options: EventBusOptions): Promise<EventBus> {
  if (options.redisUrl) return createRedisEventBus({ url: options.redisUrl, channelPrefix: options.channelPrefix });
  return createInProcessEventBus();
}
