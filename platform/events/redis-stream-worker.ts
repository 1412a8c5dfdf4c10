/**
 * One worker of a Redis Stream consumer group: the `work` half of the Redis event bus.
 *
 * Delivery is at least once. An entry is acknowledged (XACK) only after its handler resolved; until
 * then it stays in this consumer's pending list, from which it is read again (XREADGROUP ... 0) after
 * `retryDelayMs`. Entries left pending by a consumer that died are taken over (XAUTOCLAIM) once they
 * have been idle for `claimIdleMs`.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { WorkHandler } from './event-bus.js';
import type { RedisConnection } from '../redis-connection.js';

export interface StreamWorkerOptions {
  /** The worker's own connection: its blocking reads would hold up any other command. */
  connection: RedisConnection;
  /** A connection for the bookkeeping around the loop (group creation, consumer removal). */
  commands: Redis;
  stream: string;
  group: string;
  handler: WorkHandler;
  blockMs: number;
  retryDelayMs: number;
  claimIdleMs: number;
  /** How long stop() waits for a handler in progress before it lets go (the entry is then taken over later). */
  stopGraceMs: number;
  onError: (error: Error) => void;
}

export interface StreamWorker {
  consumer: string;
  stop(): Promise<void>;
}

/** Field of the stream entry that holds the JSON message. */
export const MESSAGE_FIELD = 'message';
const BATCH_SIZE = 10;

interface StreamEntry {
  id: string;
  /** null when the entry was trimmed away (MAXLEN) after it was delivered. */
  fields: string[] | null;
}

/**
 * Creates the group if it does not exist. It starts at the beginning of the stream (`0`, not `$`),
 * so messages enqueued before any worker of the group ever ran are handled too: that is what makes
 * the queue durable for a group whose first worker starts late. A group added to a long-lived stream
 * therefore handles what the stream still keeps; handlers are idempotent by contract.
 */
export async function ensureGroup(commands: Redis, stream: string, group: string): Promise<void> {
  try {
    await commands.call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM');
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
  }
}

export async function startStreamWorker(options: StreamWorkerOptions): Promise<StreamWorker> {
  const { connection, commands, stream, group, handler } = options;
  const redis = connection.redis;
  const consumer = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  await ensureGroup(commands, stream, group);

  let stopped = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  let retryAt = Number.POSITIVE_INFINITY;
  const handle = async (entries: StreamEntry[]) => {
    for (const entry of entries) {
      if (entry.fields === null) {
        await redis.call('XACK', stream, group, entry.id);
        continue;
      }
      let message: unknown;
      try {
        message = JSON.parse(fieldValue(entry.fields, MESSAGE_FIELD) ?? '');
      } catch {
        // No worker could ever handle it; keeping it would retry it forever.
        options.onError(new Error(`Dropped ${stream} entry ${entry.id}: not a JSON message`));
        await redis.call('XACK', stream, group, entry.id);
        continue;
      }
      try {
        await handler(message);
      } catch (error) {
        options.onError(
          new Error(`Work handler of ${group} on ${stream} failed on ${entry.id}; retrying in ${options.retryDelayMs} ms: ${errorMessage(error)}`, {
            cause: error,
          }),
        );
        retryAt = Math.min(retryAt, Date.now() + options.retryDelayMs);
        continue;
      }
      await redis.call('XACK', stream, group, entry.id);
    }
  };

  const readNew = async (blockMs: number) =>
    parseReadReply(
      await redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', BATCH_SIZE, 'BLOCK', blockMs, 'STREAMS', stream, '>'),
    );

  /** This consumer's delivered but unacknowledged entries (those whose handler failed), oldest first. */
  const handleOwnPending = async () => {
    let after = '0';
    for (;;) {
      const entries = parseReadReply(await redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', 100, 'STREAMS', stream, after));
      if (entries.length === 0) return;
      await handle(entries);
      after = entries[entries.length - 1]!.id;
    }
  };

  /** Entries another consumer has held for too long: it died, or lost its connection for good. */
  const handleAbandoned = async () => {
    let cursor = '0-0';
    do {
      const reply = await redis.call('XAUTOCLAIM', stream, group, consumer, options.claimIdleMs, cursor, 'COUNT', 100);
      if (!Array.isArray(reply)) return;
      cursor = String(reply[0]);
      await handle(parseEntries(reply[1]));
    } while (cursor !== '0-0' && !stopped);
  };

  const claimEveryMs = Math.max(options.claimIdleMs / 2, options.blockMs);
  const run = async () => {
    // At once: a consumer that died before this one started may have left work behind.
    let claimAt = 0;
    while (!stopped) {
      try {
        if (Date.now() >= claimAt) {
          claimAt = Date.now() + claimEveryMs;
          await handleAbandoned();
        }
        if (Date.now() >= retryAt) {
          retryAt = Number.POSITIVE_INFINITY;
          await handleOwnPending();
        }
        if (stopped) break;
        // A short block keeps stop() prompt and wakes the loop in time for retries and claims.
        const blockMs = Math.max(1, Math.min(options.blockMs, retryAt - Date.now(), claimAt - Date.now()));
        await handle(await readNew(Math.ceil(blockMs)));
      } catch (error) {
        if (stopped) break;
        options.onError(new Error(`Worker of ${group} on ${stream}: ${errorMessage(error)}`, { cause: error }));
        // Entries of an interrupted batch are still pending here: read them again after the pause.
        retryAt = Math.min(retryAt, Date.now() + options.retryDelayMs);
        // The stream or group was deleted (a FLUSHALL, a cleanup): recreate it rather than fail forever.
        if (/NOGROUP|no longer exists/.test(errorMessage(error))) await ensureGroup(commands, stream, group).catch(() => undefined);
        await pause(options.retryDelayMs);
      }
    }
  };
  const loop = run();

  return {
    consumer,
    async stop() {
      if (stopped) return;
      stopped = true;
      wake?.();
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        loop.then(() => true),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), options.blockMs + options.stopGraceMs);
        }),
      ]);
      clearTimeout(timer);
      if (finished) await removeConsumerIfIdle(commands, stream, group, consumer).catch(() => undefined);
      await connection.close();
    },
  };
}

/**
 * Each process start makes a new consumer name; removing the idle ones keeps the group's list short.
 * A consumer that still holds entries stays, so that they are claimed instead of lost
 * (XGROUP DELCONSUMER drops its pending entries).
 */
async function removeConsumerIfIdle(commands: Redis, stream: string, group: string, consumer: string): Promise<void> {
  const pending = await commands.call('XPENDING', stream, group, '-', '+', 1, consumer);
  if (Array.isArray(pending) && pending.length === 0) await commands.call('XGROUP', 'DELCONSUMER', stream, group, consumer);
}

/** XREADGROUP's reply: null, or [[stream, entries]]. */
function parseReadReply(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply) || reply.length === 0) return [];
  const [first] = reply as unknown[][];
  return parseEntries(first?.[1]);
}

function parseEntries(raw: unknown): StreamEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry: unknown) => {
    if (!Array.isArray(entry) || entry.length < 1) return [];
    const fields: unknown = entry[1];
    return [{ id: String(entry[0]), fields: Array.isArray(fields) ? fields.map(String) : null }];
  });
}

function fieldValue(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
