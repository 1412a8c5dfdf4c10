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
// Products from catalog, their rating from reviews: an entity fetch, one representation per product.
const RATED_PRODUCTS = '{ products(first: 3) { edges { node { id rating { average } } } } }';
const RATING_PATHS = [0, 1, 2].map((i) => ['products', 'edges', i, 'node', 'rating']);

type Answer = Awaited<ReturnType<typeof postQuery>>;

/** Each error's path and code: where the client is told something failed. */
function errorPlaces(answer: Answer): { path: unknown; code: unknown }[] {
  return (answer.json?.errors ?? []).map((error) => ({ path: (error as { path?: unknown }).path, code: error.extensions?.code }));
}

/** The products arrived (catalog's part) with a null rating each, and one error coded `code` at each rating. */
function expectRatingsLost(answer: Answer, code: string): void {
  expect(answer.status).toBe(200);
  const edges = (answer.json?.data?.products as { edges: { node: { id: string; rating: unknown } }[] }).edges;
  expect(edges.map((edge) => edge.node.id)).toHaveLength(3);
  expect(edges.every((edge) => edge.node.id.length > 0 && edge.node.rating === null)).toBe(true);
  expect(errorPlaces(answer)).toEqual(RATING_PATHS.map((path) => ({ path, code })));
}

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
      expect(errorPlaces(answer)).toEqual([{ path: ['review'], code: 'SUBGRAPH_UNAVAILABLE' }]);
    });

    it('puts an error at the path of each entity field it could not resolve, and keeps the entities', async () => {
      expectRatingsLost(await postQuery(gateway.url, { query: RATED_PRODUCTS }), 'SUBGRAPH_UNAVAILABLE');
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
      expect(errorPlaces(answer)).toEqual([{ path: ['review'], code: 'SUBGRAPH_TIMEOUT' }]);
    });

    it('times out entity fetches at the path of each field', async () => {
      expectRatingsLost(await postQuery(gateway.url, { query: RATED_PRODUCTS }), 'SUBGRAPH_TIMEOUT');
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
      expect(errorPlaces(answer)).toEqual([{ path: ['review'], code: 'SUBGRAPH_BAD_RESPONSE' }]);
      expectRatingsLost(await postQuery(gateway.url, { query: RATED_PRODUCTS }), 'SUBGRAPH_BAD_RESPONSE');
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

  describe('when it refuses the whole request with errors that name no path', () => {
    let refusing: StandIn;
    let gateway: RunningGateway;
    beforeAll(async () => {
      refusing = await fakeSubgraph((_request, response) => {
        response
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: null, errors: [{ message: 'Unauthorized', extensions: { code: 'UNAUTHORIZED' } }] }));
      });
      gateway = await withReviewsAt(refusing.url);
    });
    afterAll(async () => {
      await refusing?.close();
      await gateway?.close();
    });

    it('relays each error at the path of every field the request asked for', async () => {
      const root = await postQuery(gateway.url, { query: ACROSS_TWO_SUBGRAPHS });
      expect(root.json?.data?.categories).toBeDefined();
      expect(errorPlaces(root)).toEqual([{ path: ['review'], code: 'UNAUTHORIZED' }]);
      expectRatingsLost(await postQuery(gateway.url, { query: RATED_PRODUCTS }), 'UNAUTHORIZED');
    });
  });

  describe('when its errors give list indices as strings', () => {
    let stringly: StandIn;
    let gateway: RunningGateway;
    beforeAll(async () => {
      // Each entity fails on its own, its index written "0", "1"... as some servers do.
      stringly = await fakeSubgraph((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          const representations = (JSON.parse(body) as { variables: { representations: unknown[] } }).variables.representations;
          response.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              data: { _entities: representations.map(() => null) },
              errors: representations.map((_, i) => ({ message: 'No rating', path: ['_entities', String(i), 'rating'], extensions: { code: 'RATING_OFFLINE' } })),
            }),
          );
        });
      });
      gateway = await withReviewsAt(stringly.url);
    });
    afterAll(async () => {
      await stringly?.close();
      await gateway?.close();
    });

    it('places each at its entity’s path in the response', async () => {
      expectRatingsLost(await postQuery(gateway.url, { query: RATED_PRODUCTS }), 'RATING_OFFLINE');
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

    it('reports SUBGRAPH_BAD_RESPONSE at each field it was asked for, without the internal message', async () => {
      const answer = await postQuery(gateway.url, { query: RATED_PRODUCTS });
      expectRatingsLost(answer, 'SUBGRAPH_BAD_RESPONSE');
      expect(errorCodes(answer)).not.toContain('INTERNAL_SERVER_ERROR');
      expect(answer.text).not.toMatch(/_entities|Expected/);
    });
  });
});
