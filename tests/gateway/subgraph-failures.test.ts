import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { deadSubgraphUrl, errorCodes, fakeSubgraph, postQuery, silentSubgraph, startGatewayAgainst, type StandIn } from './helpers.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.close());

// Categories come from catalog, the review from the reviews subgraph; `review` is nullable, so a
// failing reviews subgraph costs that field only.
const ACROSS_TWO_SUBGRAPHS = '{ categories { id name } review(id: "any") { id rating } }';

async function withReviewsAt(url: string, env: NodeJS.ProcessEnv = {}): Promise<RunningGateway> {
  return startGatewayAgainst(graph, { REVIEWS_URL: url, ...env });
}

describe('a subgraph that fails', () => {
  describe('when it is down', () => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await withReviewsAt(await deadSubgraphUrl());
    });
    afterAll(() => gateway?.close());

    it('costs only its own fields: 200 with the other subgraphs’ data and an error coded SUBGRAPH_UNAVAILABLE naming it', async () => {
      const answer = await postQuery(gateway.url, { query: ACROSS_TWO_SUBGRAPHS });
      expect(answer.status).toBe(200);
      expect((answer.json?.data?.categories as unknown[]).length).toBeGreaterThan(0);
      expect(answer.json?.data?.review).toBeNull();
      expect(answer.json?.errors).toHaveLength(1);
      expect(answer.json?.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'reviews' });
    });

    it('does not tell the client where the subgraph lives', async () => {
      const answer = await postQuery(gateway.url, { query: ACROSS_TWO_SUBGRAPHS });
      expect(answer.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    });
  });

  describe('when it does not answer in time', () => {
    let hanging: StandIn;
    let gateway: RunningGateway;
    beforeAll(async () => {
      hanging = await silentSubgraph();
      gateway = await withReviewsAt(hanging.url, { SUBGRAPH_TIMEOUT_MS: '300' });
    });
    afterAll(async () => {
      await hanging?.close();
      await gateway?.close();
    });

    it('gives up after SUBGRAPH_TIMEOUT_MS with an error coded SUBGRAPH_TIMEOUT and the rest of the data', async () => {
      const started = Date.now();
      const answer = await postQuery(gateway.url, { query: ACROSS_TWO_SUBGRAPHS });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(answer.status).toBe(200);
      expect(answer.json?.data?.categories).toBeDefined();
      expect(answer.json?.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_TIMEOUT', serviceName: 'reviews' });
    });
  });

  describe('when it answers something that is not GraphQL', () => {
    let broken: StandIn;
    let gateway: RunningGateway;
    beforeAll(async () => {
      broken = await fakeSubgraph((_request, response) => {
        response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>');
      });
      gateway = await withReviewsAt(broken.url);
    });
    afterAll(async () => {
      await broken?.close();
      await gateway?.close();
    });

    it('reports SUBGRAPH_BAD_RESPONSE for its fields and serves the rest', async () => {
      const answer = await postQuery(gateway.url, { query: ACROSS_TWO_SUBGRAPHS });
      expect(answer.status).toBe(200);
      expect(answer.json?.data?.categories).toBeDefined();
      expect(answer.json?.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_BAD_RESPONSE', serviceName: 'reviews' });
    });
  });

  describe('when it answers with GraphQL errors', () => {
    let failing: StandIn;
    let gateway: RunningGateway;
    beforeAll(async () => {
      failing = await fakeSubgraph((_request, response) => {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: { review: null }, errors: [{ message: 'Review store offline', path: ['review'], extensions: { code: 'REVIEWS_OFFLINE' } }] }));
      });
      gateway = await withReviewsAt(failing.url);
    });
    afterAll(async () => {
      await failing?.close();
      await gateway?.close();
    });

    it('relays them with their code, the subgraph’s name and the path in the client’s operation', async () => {
      const answer = await postQuery(gateway.url, { query: ACROSS_TWO_SUBGRAPHS });
      expect(answer.status).toBe(200);
      expect(answer.json?.data?.categories).toBeDefined();
      expect(answer.json?.errors?.[0]).toMatchObject({
        message: 'Review store offline',
        path: ['review'],
        extensions: { code: 'REVIEWS_OFFLINE', serviceName: 'reviews' },
      });
    });
  });

  describe('when its answer breaks the query plan', () => {
    let inconsistent: StandIn;
    let gateway: RunningGateway;
    beforeAll(async () => {
      // Asked for the rating of N products, it returns no entity at all.
      inconsistent = await fakeSubgraph((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { _entities: [] } }));
      });
      gateway = await withReviewsAt(inconsistent.url);
    });
    afterAll(async () => {
      await inconsistent?.close();
      await gateway?.close();
    });

    it('answers INTERNAL_SERVER_ERROR without the internal message', async () => {
      const answer = await postQuery(gateway.url, { query: '{ products(first: 1) { edges { node { id rating { average } } } } }' });
      expect(answer.status).toBe(200);
      expect(errorCodes(answer)).toContain('INTERNAL_SERVER_ERROR');
      expect(answer.text).not.toMatch(/_entities|Expected/);
    });
  });
});
