/**
 * How subgraphs share what happened. Two delivery kinds, because consumers need two guarantees:
 *
 * - `broadcast`: every subscriber of every process gets every message published while it is
 *   subscribed (live stock changes: each subscription filters them itself). Missed messages are
 *   not redelivered; the stock ledger is what a subscriber replays from.
 * - `work`: a durable queue per topic; each message is handled by one consumer of the group and
 *   redelivered until a handler resolves (a sale joining a customer's order history). Handlers
 *   must therefore be idempotent.
 *
 * Implementations: in-process (the embedded default) and Redis (`REDIS_URL`).
 */
export type BroadcastHandler = (message: unknown) => void;
export type WorkHandler = (message: unknown) => Promise<void>;

export interface EventBus {
  /** Sends to every current broadcast subscriber of the topic, in this and every other process. */
  broadcast(topic: string, message: unknown): Promise<void>;
  /**
   * Starts receiving the topic's broadcasts. Resolves once the subscription is active, so a caller
   * can subscribe first and then read what it may have missed, without a gap. Resolves to an
   * unsubscribe function.
   */
  onBroadcast(topic: string, handler: BroadcastHandler): Promise<() => Promise<void>>;
  /** Queues a message for the topic's worker group; kept until a worker has handled it. */
  enqueue(topic: string, message: unknown): Promise<void>;
  /** Becomes a worker of the topic's group. Resolves to a function that stops it. */
  onWork(topic: string, group: string, handler: WorkHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
