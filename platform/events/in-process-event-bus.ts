/** The embedded default: events stay in this process (the all-in-one process shares one bus). */
import type { BroadcastHandler, EventBus, WorkHandler } from './event-bus.js';

interface Worker {
  group: string;
  handler: WorkHandler;
}

export function createInProcessEventBus(options: { retryDelayMs?: number } = {}): EventBus {
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const broadcasts = new Map<string, Set<BroadcastHandler>>();
  const workers = new Map<string, Worker[]>();
  const pending = new Map<string, unknown[]>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  // A message is handed to each group once; a failing handler gets it again after a delay.
  const deliver = (topic: string, worker: Worker, message: unknown) => {
    worker.handler(message).catch(() => {
      if (closed) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        deliver(topic, worker, message);
      }, retryDelayMs);
      timers.add(timer);
    });
  };

  return {
    async broadcast(topic, message) {
      // A copy per subscriber, as through Redis: no subscriber can change what another one sees.
      const json = JSON.stringify(message);
      for (const handler of broadcasts.get(topic) ?? []) {
        // One failing subscriber must not keep the message from the others (as through Redis).
        try {
          handler(JSON.parse(json));
        } catch (error) {
          console.error(`event bus: a ${topic} subscriber failed`, error);
        }
      }
    },
    async onBroadcast(topic, handler) {
      const handlers = broadcasts.get(topic) ?? new Set();
      broadcasts.set(topic, handlers.add(handler));
      return async () => {
        handlers.delete(handler);
      };
    },
    async enqueue(topic, message) {
      const copy = JSON.parse(JSON.stringify(message)) as unknown;
      const topicWorkers = workers.get(topic) ?? [];
      if (topicWorkers.length === 0) {
        pending.set(topic, [...(pending.get(topic) ?? []), copy]);
        return;
      }
      const groups = new Set<string>();
      for (const worker of topicWorkers) {
        if (groups.has(worker.group)) continue;
        groups.add(worker.group);
        deliver(topic, worker, copy);
      }
    },
    async onWork(topic, group, handler) {
      const worker = { group, handler };
      workers.set(topic, [...(workers.get(topic) ?? []), worker]);
      for (const message of pending.get(topic) ?? []) deliver(topic, worker, message);
      pending.delete(topic);
      return async () => {
        workers.set(topic, (workers.get(topic) ?? []).filter((w) => w !== worker));
      };
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      broadcasts.clear();
      workers.clear();
    },
  };
}
