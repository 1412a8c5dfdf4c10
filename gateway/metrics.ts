/**
 * Prometheus metrics of the gateway: operations (by type, name and outcome), subgraph fetches (by
 * subgraph and outcome), retries and circuit breakers per subgraph, the cache of subgraph answers
 * (hits, misses, invalidations per subgraph, bytes), and the Node process. Served at GET /metrics in the text format.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BreakerBoard, BreakerState } from './upstream/subgraph-circuit-breaker.js';
import type { PartnerRequestObserver } from './partners/require-partner-key.js';
import type { CacheObserver } from './cache/entity-cache.js';

export type OperationOutcome = 'ok' | 'partial' | 'refused' | 'failed';
export type SubgraphOutcome = 'ok' | 'errors' | 'unavailable';

export interface OperationLabels {
  /** query or mutation; 'unknown' when the request never got that far. */
  type: string;
  /** The operation's name when it is a plain identifier, else 'anonymous' or 'other'. */
  name: string;
  outcome: OperationOutcome;
}

export interface GatewayMetrics {
  registry: Registry;
  observeOperation(labels: OperationLabels, seconds: number): void;
  observeSubgraphFetch(subgraph: string, outcome: SubgraphOutcome, seconds: number): void;
  /** Reads the live subscription counts at each scrape. */
  watchSubscriptions(read: () => { streams: number; subscribers: number }): void;
  /** A fetch to `subgraph` is sent again after it could not reach it (upstream/subgraph-retry.ts). */
  retried(subgraph: string): void;
  /** Reads the subgraphs' circuit breakers at each scrape, and counts each time one opens. */
  watchBreakers(board: BreakerBoard): void;
  /** Counts partner requests and refusals per key id (never the key). */
  partners: PartnerRequestObserver;
  /** Counts the cache's hits, misses, invalidations and outages per subgraph (gateway/cache/). */
  cache: CacheObserver;
  /** Reads the room the cache's entries take in this process at each scrape. */
  watchCacheBytes(read: () => number): void;
  /** A label-safe operation name: clients choose names, so their number is bounded. */
  operationNameLabel(name: string | undefined): string;
}

const BREAKER_STATE_VALUES: Record<BreakerState, number> = { closed: 0, open: 1, 'half-open': 2 };

/** Latency buckets in seconds, from a cached one-subgraph query to a slow five-subgraph page. */
const BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Distinct operation names kept as labels; later ones count as 'other'. */
const MAX_OPERATION_NAMES = 200;
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new Histogram({
    name: 'gateway_operation_duration_seconds',
    help: 'GraphQL operations answered by the gateway, from request to response.',
    labelNames: ['type', 'name', 'outcome'],
    buckets: BUCKETS,
    registers: [registry],
  });
  const fetches = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Fetches the gateway sent to subgraphs while executing query plans.',
    labelNames: ['subgraph', 'outcome'],
    buckets: BUCKETS,
    registers: [registry],
  });
  const droppedNames = new Counter({
    name: 'gateway_operation_names_over_limit_total',
    help: `Operations counted under name="other" because ${MAX_OPERATION_NAMES} names were already in use.`,
    registers: [registry],
  });
  let readSubscriptions: (() => { streams: number; subscribers: number }) | undefined;
  new Gauge({
    name: 'gateway_subscriptions_active',
    help: 'Client subscriptions open now (WebSocket and SSE).',
    registers: [registry],
    collect() {
      this.set(readSubscriptions?.().subscribers ?? 0);
    },
  });
  new Gauge({
    name: 'gateway_subscription_upstreams_active',
    help: 'Upstream subscriptions to subgraphs open now; identical client subscriptions share one.',
    registers: [registry],
    collect() {
      this.set(readSubscriptions?.().streams ?? 0);
    },
  });
  const retries = new Counter({
    name: 'gateway_subgraph_retries_total',
    help: 'Query fetches sent to a subgraph again after they could not reach it.',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  const breakerOpenings = new Counter({
    name: 'gateway_subgraph_breaker_opened_total',
    help: "Times a subgraph's circuit breaker opened (its fetches then answered at once with SUBGRAPH_UNAVAILABLE).",
    labelNames: ['subgraph'],
    registers: [registry],
  });
  let board: BreakerBoard | undefined;
  new Gauge({
    name: 'gateway_subgraph_breaker_state',
    help: "Each subgraph's circuit breaker now: 0 closed, 1 open, 2 half-open (one probe fetch out).",
    labelNames: ['subgraph'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [subgraph, state] of Object.entries(board?.states() ?? {})) this.set({ subgraph }, BREAKER_STATE_VALUES[state]);
    },
  });
  const partnerRequests = new Counter({
    name: 'gateway_partner_requests_total',
    help: 'Requests to the public endpoint admitted by a partner key, per key id and plan.',
    labelNames: ['key_id', 'plan'],
    registers: [registry],
  });
  const partnerRefusals = new Counter({
    name: 'gateway_partner_refusals_total',
    help: 'Requests to the public endpoint refused by the key check: rate_limited (per key id) or unknown_key (no key id).',
    labelNames: ['key_id', 'plan', 'reason'],
    registers: [registry],
  });
  const cacheCounter = (name: string, help: string) => new Counter({ name, help, labelNames: ['subgraph'], registers: [registry] });
  const cacheHits = cacheCounter('gateway_cache_hits_total', 'Entries of subgraph answers (one per entity, or a root fetch\'s data) served from the cache.');
  const cacheMisses = cacheCounter('gateway_cache_misses_total', 'Entries of subgraph answers looked up in the cache and fetched from the subgraph.');
  const cacheInvalidations = cacheCounter('gateway_cache_invalidations_total', 'Announcements of changed answers (GraphChangedEvent) applied to the cache.');
  const cacheUnavailable = cacheCounter('gateway_cache_unavailable_total', 'Fetches that went without the cache because its store could not answer (Redis down or slow).');
  let readCacheBytes: (() => number) | undefined;
  new Gauge({
    name: 'gateway_cache_bytes',
    help: "Room the cache's entries take in this process (the in-process store; 0 with Redis).",
    registers: [registry],
    collect() {
      this.set(readCacheBytes?.() ?? 0);
    },
  });
  const knownNames = new Set<string>();
  return {
    cache: {
      hits: (subgraph, count) => cacheHits.inc({ subgraph }, count),
      misses: (subgraph, count) => cacheMisses.inc({ subgraph }, count),
      invalidated: (subgraph) => cacheInvalidations.inc({ subgraph }),
      unavailable: (subgraph) => cacheUnavailable.inc({ subgraph }),
    },
    watchCacheBytes(read) {
      readCacheBytes = read;
    },
    partners: {
      admitted: (keyId, plan) => partnerRequests.inc({ key_id: keyId, plan }),
      refused: (reason, keyId, plan) => partnerRefusals.inc({ key_id: keyId ?? 'none', plan: plan ?? 'none', reason }),
    },
    retried: (subgraph) => retries.inc({ subgraph }),
    watchBreakers(watched) {
      board = watched;
      watched.onChange((subgraph, state) => {
        if (state === 'open') breakerOpenings.inc({ subgraph });
      });
    },
    watchSubscriptions(read) {
      readSubscriptions = read;
    },
    registry,
    observeOperation: (labels, seconds) => operations.observe({ ...labels }, seconds),
    observeSubgraphFetch: (subgraph, outcome, seconds) => fetches.observe({ subgraph, outcome }, seconds),
    operationNameLabel(name) {
      if (!name) return 'anonymous';
      if (!PLAIN_NAME.test(name)) return 'other';
      if (knownNames.has(name)) return name;
      if (knownNames.size >= MAX_OPERATION_NAMES) {
        droppedNames.inc();
        return 'other';
      }
      knownNames.add(name);
      return name;
    },
  };
}
