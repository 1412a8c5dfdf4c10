import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { fakeSubgraph, startGatewayAgainst, type StandIn } from './helpers.js';

let graph: TestGraph;
let slowCatalog: StandIn;
let gateway: RunningGateway;
let fetchArrived: () => void;
let fetchCancelled: () => void;
const arrived = new Promise<void>((resolve) => (fetchArrived = resolve));
const cancelled = new Promise<void>((resolve) => (fetchCancelled = resolve));

beforeAll(async () => {
  graph = await startGraph();
  // A catalog that takes the request and never answers; it notes when the gateway gives up on it.
  slowCatalog = await fakeSubgraph((request) => {
    request.socket.once('close', fetchCancelled);
    fetchArrived();
  });
  gateway = await startGatewayAgainst(graph, { CATALOG_URL: slowCatalog.url, SUBGRAPH_TIMEOUT_MS: '60000' });
});
afterAll(async () => {
  await gateway?.close();
  await slowCatalog?.close();
  await graph?.close();
});

describe('a client that hangs up', () => {
  it('cancels the subgraph fetches of its request long before their timeout', async () => {
    const client = new AbortController();
    const pending = fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ categories { id } }' }),
      signal: client.signal,
    }).catch((error: unknown) => error);
    await arrived;
    const hungUpAt = Date.now();
    client.abort();
    await pending;
    await cancelled;
    // The fetch's own deadline is 60 s: closing within a few seconds can only be the hang-up.
    expect(Date.now() - hungUpAt).toBeLessThan(5_000);
  });
});
