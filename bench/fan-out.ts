/**
 * The fan-out figure of `npm run bench`: N WebSocket subscribers on one gateway watch the same
 * stock level (what store screens and call-center desks do); a stock mutation is sent through the
 * gateway, and we time from its response to the moment each subscriber has the change.
 * Reported: p50 / p99 over every delivery and of the last delivery per change, and gateway memory
 * per subscriber (RSS growth while the subscribers connected, divided by N). The subscribers are
 * minimal protocol clients by default (fan-out-subscriber.ts says why), graphql-ws's on request.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { subscribeMinimal, type FanOutSubscriber } from './fan-out-subscriber.js';

export interface FanOutOptions {
  gatewayUrl: string;
  /** Resident memory of the gateway process now, in bytes. */
  gatewayRss(): number;
  subscribers: number;
  /** Mutations timed. */
  changes: number;
  /**
   * The subscribers' client: `minimal` (bench/fan-out-subscriber.ts, the default: the instrument's
   * own handling of each message kept small) or graphql-ws's `createClient`.
   */
  subscriberClient?: 'minimal' | 'graphql-ws';
  stockWatch: string;
  sku: string;
  locationId: string;
  /**
   * Bearer tokens: `watch` for every subscriber (any signed-in principal; a call-center desk),
   * `write` for the timed mutations (`store:staff` of `locationId`, or `stock:write`).
   */
  tokens: { watch: string; write: string };
}

export interface FanOutFigures {
  subscribers: number;
  subscriberClient: 'minimal' | 'graphql-ws';
  connectSeconds: number;
  deliveryP50: number;
  deliveryP99: number;
  lastDeliveryP50: number;
  lastDeliveryP99: number;
  rssPerSubscriberKb: number;
  missed: number;
}

// The measuring client holds 10,000 graphql-ws clients (a heap of about 230 MB): it collects its
// own garbage before each timed change, so that a pause of the client (seen: 139 ms of incremental
// marking in the middle of one change) is not counted as the gateway's latency.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export async function measureFanOut(options: FanOutOptions): Promise<FanOutFigures> {
  const { subscribers: n } = options;
  // Arrival times per sequence, per subscriber.
  const arrivals = new Map<number, number[]>();
  const subscriberClient = options.subscriberClient ?? 'minimal';
  const clients: Client[] = [];
  const minimal: FanOutSubscriber[] = [];
  // Subscriptions that ended before the measure was done (their deliveries count as missed).
  const ended: string[] = [];
  let done = false;
  const arrived = (sequence: number) => {
    const list = arrivals.get(sequence);
    if (list) list.push(performance.now());
    else arrivals.set(sequence, [performance.now()]);
  };
  const connectionParams = { authorization: `Bearer ${options.tokens.watch}` };
  const mutate = async (delta: number) => {
    const response = await fetch(options.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.tokens.write}` },
      body: JSON.stringify({
        query: 'mutation($input: AdjustStockInput!, $key: String!) { adjustStock(input: $input, idempotencyKey: $key) { changes { sequence } userErrors { code } } }',
        variables: { input: { sku: options.sku, locationId: options.locationId, delta, reason: 'CORRECTION' }, key: randomUUID() },
      }),
    });
    const body = (await response.json()) as { data?: { adjustStock: { changes: { sequence: number }[] } } };
    const sequence = body.data?.adjustStock.changes[0]?.sequence;
    if (sequence === undefined) throw new Error(`adjustStock failed: ${JSON.stringify(body)}`);
    return { sequence, respondedAt: performance.now() };
  };
  // A first subscriber, before the measure: the planner, the upstream stream and the enrichment
  // path are then built, and what follows is the cost of each further subscriber.
  const probe = createClient({ url: options.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams });
  await new Promise<void>((resolve, reject) => {
    const seen = new Set<number>();
    let expected: number | undefined;
    probe.subscribe<{ stockChanged: { sequence: number } }>(
      { query: options.stockWatch, variables: { skus: [options.sku], locationIds: [options.locationId] } },
      {
        next(result) {
          const sequence = result.data?.stockChanged.sequence;
          if (sequence !== undefined) seen.add(sequence);
          if (sequence !== undefined && sequence === expected) resolve();
        },
        error: reject,
        complete: () => {},
      },
    );
    // Give the subscription a moment to go live before the change that proves it (which may
    // arrive before the mutation's own response).
    setTimeout(
      () =>
        void mutate(1).then((m) => {
          expected = m.sequence;
          if (seen.has(m.sequence)) resolve();
        }, reject),
      500,
    );
  });
  const rssBefore = options.gatewayRss();
  const connectStart = performance.now();
  const variables = { skus: [options.sku], locationIds: [options.locationId] };
  for (let i = 0; i < n; i += 250) {
    const batch = Array.from({ length: Math.min(250, n - i) }, async () => {
      if (subscriberClient === 'minimal') {
        const subscriber = await subscribeMinimal({
          url: options.gatewayUrl.replace(/^http/, 'ws'),
          connectionParams,
          query: options.stockWatch,
          variables,
          onSequence: arrived,
          onEnd: (reason) => {
            if (!done) ended.push(reason);
          },
        });
        minimal.push(subscriber);
        return;
      }
      const client = createClient({ url: options.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams });
      clients.push(client);
      return new Promise<void>((resolve) => {
        const off = client.on('connected', () => {
          off();
          resolve();
        });
        client.subscribe<{ stockChanged: { sequence: number } }>(
          { query: options.stockWatch, variables },
          {
            next(result) {
              const sequence = result.data?.stockChanged.sequence;
              if (sequence !== undefined) arrived(sequence);
            },
            error: (error) => {
              if (!done) ended.push(String(error));
            },
            complete: () => {},
          },
        );
      });
    });
    await Promise.all(batch);
  }
  const connectSeconds = (performance.now() - connectStart) / 1000;

  const allArrived = async (sequence: number, timeoutMs: number) => {
    const until = performance.now() + timeoutMs;
    while ((arrivals.get(sequence)?.length ?? 0) < n && performance.now() < until) await new Promise((r) => setTimeout(r, 2));
  };

  // Warm-up: every subscription is live once every subscriber has the first change; the next ones
  // warm the delivery path (compiled code, the collection of what connecting left), untimed.
  for (let i = 0; i < 3; i++) {
    const warm = await mutate(i % 2 === 0 ? 1 : -1);
    await allArrived(warm.sequence, 60_000);
  }
  const rssAfter = options.gatewayRss();

  const deliveries: number[] = [];
  const lastDeliveries: number[] = [];
  let missed = 0;
  for (let i = 0; i < options.changes; i++) {
    collectGarbage();
    const { sequence, respondedAt } = await mutate(i % 2 === 0 ? -1 : 1);
    await allArrived(sequence, 30_000);
    const times = arrivals.get(sequence) ?? [];
    missed += n - times.length;
    // A delivery can beat the mutation's own response; it counts as 0 ms, not negative.
    const latencies = times.map((t) => Math.max(0, t - respondedAt));
    deliveries.push(...latencies);
    lastDeliveries.push(Math.max(0, ...latencies));
  }
  done = true;
  if (ended.length > 0) console.warn(`  fan-out: ${ended.length} subscriptions ended early, the first: ${ended[0]}`);
  await Promise.all([...clients, probe].map((client) => client.dispose()));
  for (const subscriber of minimal) subscriber.close();
  return {
    subscribers: n,
    subscriberClient,
    connectSeconds,
    deliveryP50: percentile(deliveries, 50),
    deliveryP99: percentile(deliveries, 99),
    lastDeliveryP50: percentile(lastDeliveries, 50),
    lastDeliveryP99: percentile(lastDeliveries, 99),
    rssPerSubscriberKb: (rssAfter - rssBefore) / 1024 / n,
    missed,
  };
}

/** Resident memory of a process in bytes (Linux /proc). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) * 1024;
}
