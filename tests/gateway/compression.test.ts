import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraph, type TestGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.close());

// undici's request() leaves the body as sent, so the test sees what travelled.
const post = (query: string, variables: Record<string, unknown>, acceptEncoding?: string) =>
  request(graph.gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });

describe('response compression', () => {
  it('gzips a large answer for a client that accepts gzip, and it decodes to the same data', async () => {
    const variables = { channel: 'WEB', first: 30 };
    const plain = await post(operation('ProductListing'), variables);
    const plainText = await plain.body.text();
    const zipped = await post(operation('ProductListing'), variables, 'gzip');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    const bytes = Buffer.from(await zipped.body.arrayBuffer());
    expect(bytes.length).toBeLessThan(plainText.length / 3);
    expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(JSON.parse(plainText));
  });

  it('sends plain JSON to a client that does not ask for compression', async () => {
    const answer = await post(operation('ProductListing'), { channel: 'WEB', first: 30 });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect((await answer.body.json()) as object).toHaveProperty('data.products');
  });

  it('leaves small answers uncompressed', async () => {
    const answer = await post('{ categories { id } }', {}, 'gzip');
    expect(answer.headers['content-encoding']).toBeUndefined();
    await answer.body.text();
  });
});
