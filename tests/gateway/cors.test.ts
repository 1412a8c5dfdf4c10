import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { send, startGatewayAgainst } from './helpers.js';

const SHOP = 'https://shop.example';
const preflight = (url: string, origin: string) =>
  send(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });

let graph: TestGraph;
let restricted: RunningGateway;
beforeAll(async () => {
  graph = await startGraph();
  restricted = await startGatewayAgainst(graph, { CORS_ORIGINS: `${SHOP}, https://app.example` });
});
afterAll(async () => {
  await restricted?.close();
  await graph?.close();
});

describe('CORS for browser clients on other origins', () => {
  it('answers a preflight for POST with the JSON content type from any origin by default', async () => {
    const answer = await preflight(graph.gatewayUrl, 'https://anywhere.example');
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(answer.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
  });

  it('marks the GraphQL answer itself as readable by the calling origin', async () => {
    const answer = await send(graph.gatewayUrl, {
      method: 'POST',
      headers: { origin: SHOP, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ categories { id } }' }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('allows only the configured origins when CORS_ORIGINS lists them', async () => {
    const allowed = await preflight(restricted.url, SHOP);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
    const refused = await preflight(restricted.url, 'https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a CORS_ORIGINS entry that is not an origin, naming the option', async () => {
    await expect(startGatewayAgainst(graph, { CORS_ORIGINS: 'https://shop.example/path' })).rejects.toThrow(/CORS_ORIGINS/);
  });
});
