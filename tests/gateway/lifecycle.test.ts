import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH } from '../../schema/subgraphs.js';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { errorCodes, fakeSubgraph, gatewayPath, postQuery, send, startGatewayAgainst, type HttpAnswer, type StandIn } from './helpers.js';

const ORIGINAL_SDL = readFileSync(SUPERGRAPH_PATH, 'utf8');
const CATEGORY_DESCRIPTION = '"""A node of the category tree."""';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const CATEGORY_PARENT = '  """Parent category; null at the root."""\n  parent: Category\n';

/** The supergraph with another description on Category: a change any client can see by introspection. */
function supergraphDescribingCategoryAs(description: string): string {
  const sdl = ORIGINAL_SDL.replace(CATEGORY_DESCRIPTION, `"""${description}"""`);
  if (sdl === ORIGINAL_SDL) throw new Error('The supergraph no longer describes Category as the test expects');
  return sdl;
}

/** The supergraph without the field Category.parent: an operation using it becomes invalid. */
function supergraphWithoutCategoryParent(): string {
  const sdl = ORIGINAL_SDL.replace(CATEGORY_PARENT, '');
  if (sdl === ORIGINAL_SDL) throw new Error('The supergraph no longer defines Category.parent as the test expects');
  return sdl;
}

let folder: string;
let supergraphFile: string;
let graph: TestGraph;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'gateway-supergraph-'));
  supergraphFile = join(folder, 'supergraph.graphql');
  writeFileSync(supergraphFile, ORIGINAL_SDL);
  graph = await startGraph({ gatewayEnv: { SUPERGRAPH_PATH: supergraphFile } });
});
afterAll(async () => {
  await graph?.close();
  rmSync(folder, { recursive: true, force: true });
});

async function categoryDescription(): Promise<unknown> {
  const answer = await postQuery(graph.gatewayUrl, { query: '{ __type(name: "Category") { description } }' });
  return (answer.json?.data?.__type as { description?: string } | undefined)?.description;
}

const eventually = { timeout: 5_000, interval: 50 };

describe('hot reload of the supergraph file', () => {
  it('serves a changed supergraph file without a restart', async () => {
    writeFileSync(supergraphFile, supergraphDescribingCategoryAs('Reloaded once.'));
    await expect.poll(categoryDescription, eventually).toBe('Reloaded once.');
  });

  it('picks up a file replaced by rename, as editors and deploy tools save', async () => {
    const staged = join(folder, 'supergraph.graphql.tmp');
    writeFileSync(staged, supergraphDescribingCategoryAs('Replaced by rename.'));
    renameSync(staged, supergraphFile);
    await expect.poll(categoryDescription, eventually).toBe('Replaced by rename.');
  });

  it('keeps the schema in service when the new file is invalid, and takes the next valid one', async () => {
    writeFileSync(supergraphFile, supergraphDescribingCategoryAs('Before the broken file.'));
    await expect.poll(categoryDescription, eventually).toBe('Before the broken file.');

    writeFileSync(supergraphFile, 'this is not a supergraph {');
    await sleep(500);
    expect(await categoryDescription()).toBe('Before the broken file.');
    const answer = await postQuery(graph.gatewayUrl, { query: '{ categories { id } }' });
    expect(answer.status).toBe(200);
    expect(answer.json?.errors).toBeUndefined();

    writeFileSync(supergraphFile, supergraphDescribingCategoryAs('After the broken file.'));
    await expect.poll(categoryDescription, eventually).toBe('After the broken file.');
  });

  it('validates a repeated operation against the new schema, not the one it was cached under', async () => {
    const withParent = { query: '{ categories { id parent { id } } }' };
    writeFileSync(supergraphFile, ORIGINAL_SDL);
    await expect.poll(async () => (await postQuery(graph.gatewayUrl, withParent)).status, eventually).toBe(200);

    writeFileSync(supergraphFile, supergraphWithoutCategoryParent());
    await expect.poll(async () => (await postQuery(graph.gatewayUrl, withParent)).status, eventually).toBe(400);
    expect(errorCodes(await postQuery(graph.gatewayUrl, withParent))).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    writeFileSync(supergraphFile, ORIGINAL_SDL);
    await expect.poll(async () => (await postQuery(graph.gatewayUrl, withParent)).status, eventually).toBe(200);
  });

  it('finishes a request that was in flight when the schema changed', async () => {
    // A gateway of its own, whose reviews subgraph takes a second: the reload lands mid-request.
    const slowReviews = await fakeSubgraph((_request, response) => {
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { review: null } })), 1_000);
    });
    const ownFile = join(folder, 'in-flight.graphql');
    writeFileSync(ownFile, ORIGINAL_SDL);
    const gateway = await startGatewayAgainst(graph, { REVIEWS_URL: slowReviews.url, SUPERGRAPH_PATH: ownFile });
    try {
      const inFlight = postQuery(gateway.url, { query: '{ categories { id } review(id: "any") { id } }' });
      await sleep(50);
      writeFileSync(ownFile, supergraphWithoutCategoryParent());
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.json?.errors).toBeUndefined();
      expect(answer.json?.data).toMatchObject({ review: null });
      // The reload happened while the request ran (it takes ~100 ms, the request a second).
      const after = await postQuery(gateway.url, { query: '{ categories { parent { id } } }' });
      expect(errorCodes(after)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    } finally {
      await gateway.close();
      await slowReviews.close();
    }
  });

  it('answers every request that runs while the file changes, none dropped or failed', async () => {
    let writing = true;
    const answers: HttpAnswer[] = [];
    const client = async () => {
      while (writing) answers.push(await postQuery(graph.gatewayUrl, { query: '{ categories { id name } }' }));
    };
    const clients = Array.from({ length: 8 }, client);
    for (const round of [1, 2, 3, 4]) {
      writeFileSync(supergraphFile, supergraphDescribingCategoryAs(`Reload under load ${round}.`));
      await sleep(250);
    }
    writing = false;
    await Promise.all(clients);

    expect(answers.length).toBeGreaterThan(20);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.json?.errors).toBeUndefined();
    }
    await expect.poll(categoryDescription, eventually).toBe('Reload under load 4.');
  });
});

describe('close()', () => {
  let slowReviews: StandIn;
  let gateway: RunningGateway;
  beforeAll(async () => {
    // Answers every request, after 500 ms: long enough to close the gateway meanwhile.
    slowReviews = await fakeSubgraph((_request, response) => {
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { review: null } }));
      }, 500);
    });
    gateway = await startGatewayAgainst(graph);
  });
  afterAll(async () => {
    await gateway?.close();
    await slowReviews?.close();
  });

  it('gives the URL of the port really bound when PORT is 0', async () => {
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(new URL(gateway.url).port).not.toBe('0');
    expect((await send(gatewayPath(gateway.url, '/health'))).status).toBe(200);
  });

  it('lets a request in flight finish, then refuses new connections', async () => {
    const closing = await startGatewayAgainst(graph, { REVIEWS_URL: slowReviews.url });
    const inFlight = postQuery(closing.url, { query: '{ categories { id } review(id: "any") { id } }' });
    await sleep(150);
    await closing.close();

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.json?.errors).toBeUndefined();
    expect(answer.json?.data).toMatchObject({ review: null });
    expect((answer.json?.data?.categories as unknown[]).length).toBeGreaterThan(0);
    await expect(fetch(gatewayPath(closing.url, '/health'))).rejects.toThrow();
  });

  it('can be called twice', async () => {
    const twice = await startGatewayAgainst(graph);
    await Promise.all([twice.close(), twice.close()]);
    await expect(twice.close()).resolves.toBeUndefined();
  });
});
