/**
 * The gateway alone in a child process (`npm run start:gateway`'s entry point), pointed at a test
 * graph's subgraphs: what a test needs to measure the gateway's own memory (its `/metrics`
 * `process_resident_memory_bytes`) or to see that it does not exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { subgraphUrlVariable } from '../../gateway/config.js';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import type { TestGraph } from './graph.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface GatewayProcess {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:PORT/graphql. */
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** The exit code or signal once it exited; undefined while it runs. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** The process's resident set size, in bytes, as its /metrics reports it. */
  rss(): Promise<number>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** How the process runs the gateway: its TypeScript through tsx (default), or the build's JavaScript (`npm run build`). */
export interface GatewayProcessOptions {
  compiled?: boolean;
}

export async function startGatewayProcess(graph: TestGraph, env: NodeJS.ProcessEnv = {}, { compiled = false }: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-process-'));
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), graph.subgraphs[name].url]));
  const inherited = { ...process.env };
  // The gateway keeps its partner keys in its own SQLite file here, whatever the test graph runs on.
  delete inherited.DATABASE_URL;
  delete inherited.REDIS_URL;
  // GATEWAY_NODE_FLAGS in the environment adds node flags (--cpu-prof, --inspect...).
  const extraFlags = process.env.GATEWAY_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const entry = compiled ? ['dist/gateway/main.js'] : ['--import', 'tsx', 'gateway/main.ts'];
  const child: ChildProcess = spawn(process.execPath, [...extraFlags, ...entry], {
    cwd: root,
    env: {
      ...inherited,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SUPERGRAPH_WATCH: 'false',
      DATA_DIR: dataDir,
      INTERNAL_TOKEN_SECRET: graph.internalTokenSecret,
      JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      ...subgraphUrls,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitedPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      rmSync(dataDir, { recursive: true, force: true });
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start in 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /Gateway ready at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace(/\/?$/, '').replace(/(\/graphql)?$/, '/graphql'));
      }
    };
    child.stdout!.on('data', check);
    void exitedPromise.then(() => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited (${JSON.stringify(exit)}):\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    exited: () => exit,
    async rss() {
      const text = await (await fetch(new URL('/metrics', url))).text();
      const match = /^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
      if (!match) throw new Error('no process_resident_memory_bytes in /metrics');
      return Number(match[1]);
    },
    async stop() {
      if (!exit) {
        child.kill('SIGTERM');
        await exitedPromise;
      }
    },
  };
}
