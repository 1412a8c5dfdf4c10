import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { deadSubgraphUrl, gatewayPath, send, silentSubgraph, startGatewayAgainst, type StandIn } from './helpers.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.close());

describe('GET /health', () => {
  it('answers 200 {status: "ok"} while the process runs', async () => {
    const answer = await send(gatewayPath(graph.gatewayUrl, '/health'));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'ok' });
  });
});

describe('GET /ready', () => {
  it('answers 200 when the supergraph is loaded and every subgraph answers its /health', async () => {
    const answer = await send(gatewayPath(graph.gatewayUrl, '/ready'));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ status: 'ready', supergraph: 'loaded', failed: [] });
    expect(Object.keys((answer.json as { subgraphs: object }).subgraphs).sort()).toEqual([...SUBGRAPH_NAMES].sort());
  });

  describe('when a subgraph is down', () => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await startGatewayAgainst(graph, { REVIEWS_URL: await deadSubgraphUrl() });
    });
    afterAll(() => gateway?.close());

    it('answers 503 naming the subgraph that does not answer', async () => {
      const answer = await send(gatewayPath(gateway.url, '/ready'));
      expect(answer.status).toBe(503);
      expect(answer.json).toMatchObject({ status: 'unavailable', supergraph: 'loaded', failed: ['reviews'] });
      expect((answer.json as { subgraphs: Record<string, string> }).subgraphs).toMatchObject({ catalog: 'ok', reviews: 'unreachable' });
    });

    it('still answers /health with 200: the gateway itself is alive', async () => {
      expect((await send(gatewayPath(gateway.url, '/health'))).status).toBe(200);
    });
  });

  describe('when a subgraph hangs', () => {
    let hanging: StandIn;
    let gateway: RunningGateway;
    beforeAll(async () => {
      hanging = await silentSubgraph();
      gateway = await startGatewayAgainst(graph, { INVENTORY_URL: hanging.url, HEALTH_CHECK_TIMEOUT_MS: '200' });
    });
    afterAll(async () => {
      await hanging?.close();
      await gateway?.close();
    });

    it('answers 503 within HEALTH_CHECK_TIMEOUT_MS instead of waiting for it', async () => {
      const started = Date.now();
      const answer = await send(gatewayPath(gateway.url, '/ready'));
      expect(answer.status).toBe(503);
      expect(answer.json).toMatchObject({ failed: ['inventory'] });
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });
});
