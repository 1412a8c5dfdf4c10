/**
 * The gateway's shared upstream WebSocket connections (gateway/subscriptions/upstream-connections.ts),
 * against the real inventory subgraph: a subscription that starts just as the connection's previous
 * last subscription ended must run on a live connection, not on one that is closing (it would be
 * dropped, and its stream resubscribed for nothing).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createInternalTokenSigner } from '../../gateway/identity/internal-token.js';
import type { Principal } from '../../gateway/identity/principal.js';
import { createUpstreamConnections, type UpstreamConnections } from '../../gateway/subscriptions/upstream-connections.js';
import { startGraph, type TestGraph } from '../support/graph.js';

const STOCK = 'subscription($skus: [ID!], $after: Int) { stockChanged(skus: $skus, after: $after) { sequence } }';
const agent: Principal = { authenticated: true, subject: 'agent-connections', scopes: ['callcenter'], expiresAt: new Date(Date.now() + 3_600_000) };

let graph: TestGraph;
let connections: UpstreamConnections;
beforeAll(async () => {
  graph = await startGraph();
  connections = createUpstreamConnections({ signer: createInternalTokenSigner(graph.internalTokenSecret) });
});
afterAll(async () => {
  await connections?.close();
  await graph?.close();
});

/** Subscribes from the start of the ledger: the first replayed change arrives at once, or an error. */
function firstOutcome(): { outcome: Promise<'event' | string>; unsubscribe: () => void } {
  let unsubscribe = () => {};
  const outcome = new Promise<'event' | string>((resolve) => {
    unsubscribe = connections.clientFor(graph.subgraphs.inventory.url, agent).subscribe(
      { query: STOCK, variables: { skus: ['SKU-00001-1'], after: 0 } },
      {
        next: () => resolve('event'),
        error: (error) => resolve(`error: ${error instanceof Error ? error.message : JSON.stringify(error)}`),
        complete: () => resolve('completed before any event'),
      },
    );
  });
  return { outcome, unsubscribe };
}

it('starts each subscription on a live connection, however soon after the last one ended', async () => {
  const outcomes: string[] = [];
  for (let round = 0; round < 40; round += 1) {
    const previous = firstOutcome();
    expect(await previous.outcome).toBe('event');
    previous.unsubscribe();
    // The connection starts closing now: join it at once, a moment later, or as it closes.
    await new Promise((resolve) => setTimeout(resolve, round % 8));
    const next = firstOutcome();
    outcomes.push(await next.outcome);
    next.unsubscribe();
  }
  expect(outcomes.filter((outcome) => outcome !== 'event')).toEqual([]);
});
