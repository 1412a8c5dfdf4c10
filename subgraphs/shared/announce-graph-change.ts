/**
 * Announces, after a commit, which entities of a subgraph's answers it changed
 * (platform/events/graph-changes.ts), so that every gateway drops what it cached of them. The
 * change is committed whatever happens to its announcement: a bus that fails is logged, never
 * thrown at the mutation, and one that stalls holds its answer `ANNOUNCE_WAIT_MS` at most.
 */
import type { EventBus } from '../../platform/events/event-bus.js';
import { GRAPH_CHANGED_TOPIC, type GraphChangedEvent } from '../../platform/events/graph-changes.js';
import { waitAtMost } from './wait-at-most.js';

/**
 * How long a mutation waits for its announcement to reach the bus. Waiting lets a caller that got
 * the answer read the change at once, through any gateway; not waiting for ever keeps a stalled
 * bus from stalling writes.
 */
export const ANNOUNCE_WAIT_MS = 2_000;

export type AnnounceErrorHandler = (error: unknown, change: GraphChangedEvent) => void;

const logAnnounceFailure: AnnounceErrorHandler = (error, change) => {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`${change.subgraph}: a committed change of ${change.tags.join(', ')} was not announced on ${GRAPH_CHANGED_TOPIC}: ${reason}`);
};

export async function announceGraphChange(events: EventBus, change: GraphChangedEvent, onError: AnnounceErrorHandler = logAnnounceFailure): Promise<void> {
  const sent = events.broadcast(GRAPH_CHANGED_TOPIC, change).catch((error: unknown) => onError(error, change));
  await waitAtMost(sent, ANNOUNCE_WAIT_MS);
}
