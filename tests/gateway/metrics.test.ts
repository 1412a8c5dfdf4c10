import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { PARIS, operation } from '../support/operations.js';
import { deadSubgraphUrl, gatewayPath, send, startGatewayAgainst } from './helpers.js';

let graph: TestGraph;
const gateways: RunningGateway[] = [];
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await graph?.close();
});

async function freshGateway(env: NodeJS.ProcessEnv = {}) {
  const gateway = await startGatewayAgainst(graph, env);
  gateways.push(gateway);
  return gateway;
}

async function scrape(gateway: RunningGateway): Promise<string> {
  const answer = await send(gatewayPath(gateway.url, '/metrics'));
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
  return answer.text;
}

/** The value of one sample line, e.g. metric{a="b"} 3. */
function sample(text: string, metric: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${metric}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(' ').at(-1)) : undefined;
}

describe('Prometheus metrics at GET /metrics', () => {
  it('counts and times each operation by type, name and outcome, and each subgraph fetch', async () => {
    const gateway = await freshGateway();
    const { body } = await postGraphQL(gateway.url, operation('ProductPage'), { id: 'prod-00001', channel: 'WEB', near: PARIS });
    expect(body.errors).toBeUndefined();
    await postGraphQL(gateway.url, '{ product(id: "prod-00001") { colour } }');
    const text = await scrape(gateway);
    expect(sample(text, 'gateway_operation_duration_seconds_count', { type: 'query', name: 'ProductPage', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'gateway_operation_duration_seconds_count', { type: 'unknown', outcome: 'refused' })).toBe(1);
    for (const subgraph of ['catalog', 'inventory', 'customer', 'promotions', 'reviews']) {
      expect(sample(text, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph, outcome: 'ok' }), subgraph).toBeGreaterThanOrEqual(1);
    }
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('tells a partial answer and an unreachable subgraph apart', async () => {
    const gateway = await freshGateway({ REVIEWS_URL: await deadSubgraphUrl() });
    const { body } = await postGraphQL(gateway.url, 'query Partial { categories { id } review(id: "rev-0000001") { id } }');
    expect(body.data).toMatchObject({ review: null });
    expect((body.data as { categories: unknown[] }).categories.length).toBeGreaterThan(0);
    expect(body.errors?.length).toBeGreaterThan(0);
    const text = await scrape(gateway);
    expect(sample(text, 'gateway_operation_duration_seconds_count', { name: 'Partial', outcome: 'partial' })).toBe(1);
    expect(sample(text, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'reviews', outcome: 'unavailable' })).toBeGreaterThanOrEqual(1);
  });

  it('keeps names that are not plain identifiers out of the labels', async () => {
    const gateway = await freshGateway();
    await postGraphQL(gateway.url, '{ categories { id } }');
    const text = await scrape(gateway);
    expect(sample(text, 'gateway_operation_duration_seconds_count', { name: 'anonymous', outcome: 'ok' })).toBe(1);
  });

  it('is not served when METRICS=false', async () => {
    const gateway = await freshGateway({ METRICS: 'false' });
    expect((await send(gatewayPath(gateway.url, '/metrics'))).status).toBe(404);
  });
});
