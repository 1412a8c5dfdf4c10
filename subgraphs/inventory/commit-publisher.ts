/**
 * Sends each committed transaction's events after it commits, in commit order.
 *
 * Writers are serialised by the ledger lock, but their commits resolve in JavaScript as separate
 * promises: sent as they come, two back-to-back commits could reach the bus in the wrong order and
 * make every subscriber read the ledger to fill a gap that is not one. So a transaction claims its
 * place while it still holds the lock (the last step before commit) and the publisher sends the
 * places in order, each once its transaction has committed (or skips it if it did not).
 */
import type { Kysely } from 'kysely';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { InventoryDatabase } from './tables.js';

export interface OutgoingEvent {
  /** `broadcast` to every subscriber, or `enqueue` for a worker group (EVENTS.md). */
  delivery: 'broadcast' | 'enqueue';
  topic: string;
  message: unknown;
}

export interface PublishTicket {
  /**
   * The transaction committed: sends its events after those of every earlier ticket. Resolves once
   * they were handed to the bus; a failure is reported to `onError`, never thrown, because the
   * change is committed whatever happens to its announcement (the ledger still has it).
   */
  publish(events: readonly OutgoingEvent[]): Promise<void>;
  /** The transaction did not commit: nothing to send, the tickets after it go on. */
  abandon(): void;
}

export interface CommitPublisher {
  /** Takes the next place in commit order; call it while holding the ledger lock. */
  claim(): PublishTicket;
  /** Resolves once every ticket claimed so far is published or abandoned. */
  idle(): Promise<void>;
}

export type PublishErrorHandler = (error: unknown, event: OutgoingEvent) => void;

const logPublishFailure: PublishErrorHandler = (error, event) => {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`inventory: a committed change was not announced on ${event.topic} (${event.delivery}): ${reason}`);
};

export function createCommitPublisher(
  bus: EventBus,
  onError: PublishErrorHandler = logPublishFailure,
): CommitPublisher {
  let tail: Promise<void> = Promise.resolve();
  const send = async (events: readonly OutgoingEvent[]) => {
    for (const event of events) {
      try {
        if (event.delivery === 'broadcast') await bus.broadcast(event.topic, event.message);
        else await bus.enqueue(event.topic, event.message);
      } catch (error) {
        onError(error, event);
      }
    }
  };
  return {
    claim() {
      let settle!: (events: readonly OutgoingEvent[]) => void;
      const committed = new Promise<readonly OutgoingEvent[]>((resolve) => (settle = resolve));
      const sent = tail.then(() => committed).then(send);
      tail = sent;
      return {
        publish(events) {
          settle(events);
          return sent;
        },
        abandon: () => settle([]),
      };
    },
    idle: () => tail,
  };
}

// One publisher per store and bus: every request of a subgraph shares them, and tests start
// several subgraphs in one process.
const publishers = new WeakMap<Kysely<InventoryDatabase>, WeakMap<EventBus, CommitPublisher>>();

/** The publisher of the writers of this store on this bus. */
export function commitPublisherFor(db: Kysely<InventoryDatabase>, bus: EventBus): CommitPublisher {
  let byBus = publishers.get(db);
  if (!byBus) publishers.set(db, (byBus = new WeakMap()));
  let publisher = byBus.get(bus);
  if (!publisher) byBus.set(bus, (publisher = createCommitPublisher(bus)));
  return publisher;
}
