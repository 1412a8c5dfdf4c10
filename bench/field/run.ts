/**
 * The field's benchmark (bench/field/subgraphs.ts): our gateway and stock @apollo/gateway on
 * @apollo/server and Hive Gateway with the Hive Router runtime (bench/peers/, installed on first use),
 * each in its own process, on the same four memoising subgraphs, driven by autocannon with the
 * field's query. Warm-up, then rounds rotating which gateway goes first;
 * every gateway's answer is checked against the oracle before and after. Prints requests/s,
 * requests per gateway CPU-second (utime + stime from /proc), p50/p99, subgraph fetches per request
 * and peak RSS, with ratios to stock. Part of `npm run bench` (BENCH_ONLY=field runs it alone).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { median } from '../median.js';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import { FIELD_QUERY, fieldOracle } from './subgraphs.js';
import { oursNodeFlags, peerNodeFlags } from '../gateway-node-flags.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const peers = join(root, 'bench', 'peers');

/** Hive Gateway lives in bench/peers with its own lock, out of the project's; installed once, on first use. */
function installPeers(): void {
  if (existsSync(join(peers, 'node_modules', '@graphql-hive', 'router-runtime'))) return;
  console.log('  installing the peer gateways (bench/peers, npm ci) …');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: peers, stdio: 'inherit' });
}

export interface FieldBenchmarkOptions {
  connections: number;
  duration: number;
  rounds: number;
}

interface Round {
  rps: number;
  perCpuSecond: number;
  p50: number;
  p99: number;
  fetchesPerRequest: number;
  errors: number;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds a process has used so far (Linux /proc; NaN elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

function peakResidentMegabytes(pid: number): number {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    return Number.NaN;
  }
}


export async function runFieldBenchmark(options: FieldBenchmarkOptions): Promise<string> {
  installPeers();
  const folder = mkdtempSync(join(tmpdir(), 'field-bench-'));
  const children: ChildProcess[] = [];
  const start = (script: string, env: NodeJS.ProcessEnv) => {
    // Ours with its shipped flags (and GATEWAY_NODE_FLAGS), the peers with PEER_NODE_FLAGS (gateway-node-flags.ts).
    const flags = script === 'gateway/main.ts' ? oursNodeFlags(root) : script.startsWith('bench/peers/') || script === 'bench/baseline-gateway.ts' ? peerNodeFlags() : [];
    const loader = script.endsWith('.mjs') ? [] : ['--import', 'tsx'];
    const child = spawn(process.execPath, [...flags, ...loader, script], { cwd: root, env: { ...process.env, ...env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    return child;
  };
  const readyLine = (child: ChildProcess) =>
    new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('{')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`${String(child.spawnargs.at(-1))} exited with ${code}`)));
    });
  try {
    const supergraphPath = join(folder, 'supergraph.graphql');
    const subgraphs = start('bench/field/subgraphs.ts', { FIELD_SUPERGRAPH_PATH: supergraphPath, PORT: '4410' });
    await readyLine(subgraphs);
    const stats = async () => ((await (await fetch('http://127.0.0.1:4410/stats')).json()) as { requests: number }).requests;
    const secret = randomBytes(32).toString('base64url');
    const gateways = {
      ours: {
        url: 'http://127.0.0.1:4411/graphql',
        process: start('gateway/main.ts', {
          SUPERGRAPH_PATH: supergraphPath,
          SUPERGRAPH_WATCH: 'false',
          PUBLIC_SUPERGRAPH_PATH: 'off',
          DATA_DIR: folder,
          DATABASE_URL: '',
          REDIS_URL: '',
          JWT_SECRET: DEVELOPMENT_JWT_SECRET,
          INTERNAL_TOKEN_SECRET: secret,
          PORT: '4411',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
        }),
      },
      stock: {
        url: 'http://127.0.0.1:4412/',
        process: start('bench/baseline-gateway.ts', { BASELINE_SUPERGRAPH_PATH: supergraphPath, INTERNAL_TOKEN_SECRET: secret, PORT: '4412', APOLLO_TELEMETRY_DISABLED: '1' }),
      },
      hive: {
        url: 'http://127.0.0.1:4413/graphql',
        process: start('bench/peers/hive-gateway.mjs', { PEER_SUPERGRAPH_PATH: supergraphPath, PORT: '4413' }),
      },
    };
    await readyLine(gateways.stock.process);
    await readyLine(gateways.hive.process);
    const body = JSON.stringify({ query: FIELD_QUERY });
    const ask = async (url: string) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return (await response.json()) as { data?: unknown; errors?: unknown };
    };
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch('http://127.0.0.1:4411/health')).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const oracle = fieldOracle();
    const check = async (name: string, url: string) => {
      const answer = await ask(url);
      if (answer.errors || !isDeepStrictEqual(answer.data, oracle)) throw new Error(`${name} does not answer the field's query as the oracle does: ${JSON.stringify(answer).slice(0, 500)}`);
    };
    const size = JSON.stringify({ data: oracle }).length;
    for (const [name, gateway] of Object.entries(gateways)) await check(name, gateway.url);
    // FIELD_GATEWAYS=ours,hive measures some only (profiling); the table needs all three.
    const only = process.env.FIELD_GATEWAYS?.split(',');
    // Warm-up: plans, JIT, connection pools.
    for (const gateway of Object.values(gateways)) await autocannon({ url: gateway.url, connections: options.connections, amount: 2_000, method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const measured: Record<keyof typeof gateways, Round[]> = { ours: [], stock: [], hive: [] };
    const names = (Object.keys(gateways) as (keyof typeof gateways)[]).filter((name) => !only || only.includes(name));
    for (let round = 0; round < options.rounds; round++) {
      // Each round starts with another gateway, so none always runs on the coolest machine.
      const order = names.map((_, i) => names[(i + round) % names.length]!);
      for (const which of order) {
        const gateway = gateways[which];
        const cpuBefore = cpuSeconds(gateway.process.pid!);
        const fetchesBefore = await stats();
        const result = await autocannon({ url: gateway.url, connections: options.connections, duration: options.duration, method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const cpu = cpuSeconds(gateway.process.pid!) - cpuBefore;
        const fetches = (await stats()) - fetchesBefore;
        const requests = result.requests.total;
        const figures: Round = {
          rps: result.requests.average,
          perCpuSecond: requests / cpu,
          p50: result.latency.p50,
          p99: result.latency.p99,
          fetchesPerRequest: fetches / Math.max(1, requests),
          errors: result.errors + result.non2xx,
        };
        measured[which].push(figures);
        console.log(`  field ${which} round ${round + 1}: ${figures.rps.toFixed(0)} req/s, ${figures.perCpuSecond.toFixed(0)} req per CPU-s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${figures.fetchesPerRequest.toFixed(1)} fetches/req, errors ${figures.errors}`);
      }
    }
    for (const [name, gateway] of Object.entries(gateways)) await check(name, gateway.url);
    const summary = (list: Round[]) => ({
      rps: median(list.map((r) => r.rps)),
      perCpuSecond: median(list.map((r) => r.perCpuSecond)),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      fetchesPerRequest: median(list.map((r) => r.fetchesPerRequest)),
      errors: list.reduce((sum, r) => sum + r.errors, 0),
    });
    const ours = summary(measured.ours);
    const stock = summary(measured.stock);
    const hive = summary(measured.hive);
    const row = (name: string, figures: typeof ours, pid: number) =>
      `| ${name} | ${figures.rps.toFixed(0)} | ${figures.perCpuSecond.toFixed(0)} | ${(figures.perCpuSecond / stock.perCpuSecond).toFixed(2)}x | ${figures.p50} | ${figures.p99} | ${figures.fetchesPerRequest.toFixed(1)} | ${peakResidentMegabytes(pid).toFixed(0)} | ${figures.errors} |`;
    return [
      `The field's benchmark (\`bench/field/\`: four memoising subgraphs, the users → reviews → product → reviews → author → reviews → product query and topProducts, ${(size / 1024).toFixed(0)} KB of JSON, every answer checked against an oracle): median of ${options.rounds} rounds of ${options.duration} s, ${options.connections} connections, ${new Date().toISOString().slice(0, 10)}:`,
      '',
      '| gateway | req/s | req per gateway CPU-second | × stock per CPU | p50 ms | p99 ms | subgraph fetches per request | peak RSS MB | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      row('ours (Hive planner, own executor)', ours, gateways.ours.process.pid!),
      row('@apollo/gateway + @apollo/server', stock, gateways.stock.process.pid!),
      row('Hive Gateway + @graphql-hive/router-runtime', hive, gateways.hive.process.pid!),
      '',
      `Ours per gateway CPU-second: ${(ours.perCpuSecond / stock.perCpuSecond).toFixed(2)}× stock, ${(ours.perCpuSecond / hive.perCpuSecond).toFixed(2)}× Hive Gateway.`,
      '',
    ].join('\n');
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('field/run.ts')) {
  console.log(await runFieldBenchmark({ connections: Number(process.env.BENCH_CONNECTIONS ?? 50), duration: Number(process.env.BENCH_DURATION ?? 20), rounds: Number(process.env.BENCH_ROUNDS ?? 3) }));
}
