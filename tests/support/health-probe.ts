/**
 * What a load balancer sees while a request runs: `/health` probed back to back during `request`,
 * then once after it. Hostile-input suites use it to show that no input blocks the gateway.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { TestGraph } from './graph.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';

export interface Watched<T> {
  result: T;
  elapsedMs: number;
  /** The slowest `/health` answer while the request was in flight. */
  slowestHealthMs: number;
  /** The status of the `/health` probe sent once the request was answered. */
  healthAfter: number;
}

export async function watchingHealth<T>(gatewayUrl: string, request: () => Promise<T>): Promise<Watched<T>> {
  const healthUrl = new URL('/health', gatewayUrl).toString();
  let done = false;
  let slowestHealthMs = 0;
  const probes = (async () => {
    while (!done) {
      const started = performance.now();
      await (await fetch(healthUrl)).arrayBuffer();
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const started = performance.now();
  let result: T;
  let elapsedMs: number;
  try {
    result = await request();
    elapsedMs = performance.now() - started;
  } finally {
    done = true;
    await probes;
  }
  const after = await fetch(healthUrl);
  await after.arrayBuffer();
  return { result, elapsedMs, slowestHealthMs, healthAfter: after.status };
}

/**
 * Like {@link watchingHealth}, with the probes sent from a worker thread: the test process may be
 * busy itself (its subgraphs writing a large answer), and that must not count against the gateway.
 */
export async function watchingHealthFromThread<T>(gatewayUrl: string, request: () => Promise<T>): Promise<Watched<T>> {
  const prober = new Worker(new URL('./health-prober.mjs', import.meta.url), { workerData: { url: new URL('/health', gatewayUrl).toString() } });
  try {
    await once(prober, 'message');
    const started = performance.now();
    const result = await request();
    const elapsedMs = performance.now() - started;
    prober.postMessage('stop');
    const [{ slowest }] = (await once(prober, 'message')) as [{ slowest: number }];
    const after = await fetch(new URL('/health', gatewayUrl));
    await after.arrayBuffer();
    return { result, elapsedMs, slowestHealthMs: slowest, healthAfter: after.status };
  } finally {
    await prober.terminate();
  }
}

/** Requests the graph's subgraphs have received so far, all five together. */
export function subgraphRequests(graph: TestGraph): number {
  return SUBGRAPH_NAMES.reduce((sum, name) => sum + graph.subgraphs[name].stats.requests, 0);
}
