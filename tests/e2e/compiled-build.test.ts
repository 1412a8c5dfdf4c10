/**
 * `npm run build` compiles the gateway and the subgraphs to JavaScript (dist/), and what
 * `start:gateway` and `start:subgraph` run is that JavaScript: no TypeScript loader in the process.
 * The compiled gateway serves a test graph; a compiled subgraph starts, seeds and answers; both
 * find the SDL files in the project's schema/ folder, where `npm run compose` writes them.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startGraph, postGraphQL, type TestGraph } from '../support/graph.js';
import { TEST_OPERATOR, vouchFor } from '../support/subgraph.js';

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
    let stop: () => Promise<void>;
    let url: string;
    beforeAll(async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'compiled-subgraph-'));
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir, SEED_SCALE: '0.02', INTERNAL_TOKEN_SECRET: graph.internalTokenSecret };
      delete env.DATABASE_URL;
      delete env.REDIS_URL;
      const child = spawn(process.execPath, ['dist/subgraphs/main.js', 'catalog'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      let output = '';
      url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the compiled catalog did not start in 60 s:\n${output}`)), 60_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /catalog subgraph \(\w+\) at (http:\/\/\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        };
        child.stdout!.on('data', read);
        child.stderr!.on('data', read);
        void exited.then(() => reject(new Error(`the compiled catalog exited:\n${output}`)));
      });
      stop = async () => {
        child.kill('SIGTERM');
        await exited;
        rmSync(dataDir, { recursive: true, force: true });
      };
    }, 90_000);
    afterAll(async () => {
      await stop?.();
    });

    it('answers from its seed', async () => {
      const { status, body } = await postGraphQL<{ categories: { id: string }[] }>(url, '{ categories { id } }', undefined, await vouchFor(TEST_OPERATOR, graph.internalTokenSecret));
      expect(status).toBe(200);
      expect(body.data!.categories.length).toBeGreaterThan(0);
    });
  });
});
