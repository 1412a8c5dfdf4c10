/**
 * `npm run build` compiles the gateway and the subgraphs to JavaScript (dist/), and what
 * `start:gateway` and `start:subgraph` run is that JavaScript: no TypeScript loader in the process.
 * The compiled gateway serves a test graph; a compiled subgraph starts, seeds and answers; both
 * find the SDL files in the project's schema/ folder, where `npm run compose` writes them.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startGraph, postGraphQL, type TestGraph } from '../support/graph.js';
import { TEST_OPERATOR, vouchFor } from '../support/subgraph.js';
import { startSubgraphProcess, type SubgraphProcess } from '../support/subgraph-process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

let graph: TestGraph;
beforeAll(async () => {
  // Incremental: after `npm test`'s own build, this only checks that nothing changed.
  await run('npm', ['run', 'build'], { cwd: root, timeout: 240_000 });
  graph = await startGraph();
}, 300_000);
afterAll(async () => {
  await graph?.close();
});

describe('the compiled build', () => {
  it('is what start:gateway and start:subgraph run: node and a .js file, no loader', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start:gateway']).toMatch(/^node (--[\w-]+=?\S* )*dist\/gateway\/main\.js$/);
    expect(scripts['start:subgraph']).toMatch(/^node (--[\w-]+=?\S* )*dist\/subgraphs\/main\.js$/);
    expect(scripts['start:gateway']).not.toMatch(/tsx/);
  });

  describe('its gateway', () => {
    let gateway: GatewayProcess;
    beforeAll(async () => {
      gateway = await startGatewayProcess(graph, {}, { compiled: true });
    }, 90_000);
    afterAll(async () => {
      await gateway?.stop();
    });

    it('serves the graph', async () => {
      const { status, body } = await postGraphQL<{ categories: { id: string }[]; products: { edges: unknown[] } }>(gateway.url, '{ categories { id } products(first: 2) { edges { node { id rating { count } } } } }');
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data!.categories.length).toBeGreaterThan(0);
      expect(body.data!.products.edges).toHaveLength(2);
    });
  });

  describe('its subgraph', () => {
    let subgraph: SubgraphProcess;
    beforeAll(async () => {
      subgraph = await startSubgraphProcess('catalog', graph.internalTokenSecret, { compiled: true });
    }, 90_000);
    afterAll(async () => {
      await subgraph?.stop();
    });

    it('answers from its seed', async () => {
      const { status, body } = await postGraphQL<{ categories: { id: string }[] }>(subgraph.url, '{ categories { id } }', undefined, await vouchFor(TEST_OPERATOR, graph.internalTokenSecret));
      expect(status).toBe(200);
      expect(body.data!.categories.length).toBeGreaterThan(0);
    });
  });
});
