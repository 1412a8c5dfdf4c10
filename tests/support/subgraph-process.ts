/**
 * One subgraph alone in a child process, as `npm run start:subgraph -- <name>` runs it (from the
 * TypeScript through tsx, or `compiled` from dist/), on SQLite in a fresh folder with the test seed:
 * what a test needs to freeze (SIGSTOP), kill, or read the output of a real subgraph process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SubgraphName } from '../../schema/subgraphs.js';
import { until } from './until.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface SubgraphProcess {
  url: string;
  child: ChildProcess;
  /** Its folder (DATA_DIR). */
  dataDir: string;
  /** Everything it printed so far. */
  output(): string;
  /** Ends it (resumed first if frozen) and removes its folder. */
  stop(): Promise<void>;
}

export async function startSubgraphProcess(name: SubgraphName, internalTokenSecret: string, options: { env?: NodeJS.ProcessEnv; compiled?: boolean } = {}): Promise<SubgraphProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-process-`));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir, SEED_SCALE: '0.02', INTERNAL_TOKEN_SECRET: internalTokenSecret, LOG_LEVEL: 'warn', ...options.env };
  // SQLite, and its own in-process event bus: the test decides what it shares.
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const entry = options.compiled ? ['dist/subgraphs/main.js', name] : ['--import', 'tsx', 'subgraphs/main.ts', name];
  const child = spawn(process.execPath, entry, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const stop = async () => {
    if (!exited) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exit;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await until(() => {
      if (exited) throw new Error(`the ${name} subgraph exited:\n${output}`);
      return new RegExp(`${name} subgraph \\(\\w+\\) at (http://\\S+)`).exec(output)?.[1];
    }, `the ${name} subgraph to start`, 60_000);
    return { url, child, dataDir, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
