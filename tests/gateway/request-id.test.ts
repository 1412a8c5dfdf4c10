import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { fakeSubgraph, send, startGatewayAgainst, type StandIn } from './helpers.js';

let graph: TestGraph;
let catalog: StandIn;
let gateway: RunningGateway;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  graph = await startGraph();
  // A catalog that notes the headers of each fetch and answers an empty category list.
  catalog = await fakeSubgraph((request, response) => {
    seen.push(request.headers);
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ data: { categories: [] } }));
    });
  });
  gateway = await startGatewayAgainst(graph, { CATALOG_URL: catalog.url });
});
afterAll(async () => {
  await gateway?.close();
  await catalog?.close();
  await graph?.close();
});

const ask = (headers: Record<string, string> = {}) =>
  send(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ categories { id } }' }),
  });

describe('request ids', () => {
  it('keeps the caller’s x-request-id, answers with it and sends it to the subgraphs', async () => {
    const answer = await ask({ 'x-request-id': 'till-42.checkout-7' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBe('till-42.checkout-7');
    expect(seen.at(-1)?.['x-request-id']).toBe('till-42.checkout-7');
  });

  it('makes one when the caller sends none, or one that is not sane', async () => {
    const none = await ask();
    const id = none.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.at(-1)?.['x-request-id']).toBe(id);
    const odd = await ask({ 'x-request-id': 'has spaces and <html>' });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
