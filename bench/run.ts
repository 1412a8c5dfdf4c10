/**
 * `npm run bench`: drives our gateway and, in the same run on the same subgraphs, stock
 * @apollo/gateway on @apollo/server, with autocannon, on ProductPage, ProductListing and a
 * one-fetch query that shows the gateway's own overhead; prints a table and writes it to the README.
 *
 * With REDIS_URL, our gateway runs twice: with its cache (gateway/cache/, kept true by the subgraphs'
 * announcements through Redis) and with CACHE=off, while `npm run simulate`'s traffic moves stock
 * and prices through the graph (BENCH_SIMULATE_RATE operations per second, default 10; 0: none);
 * the cached rows report the hit ratio. Without REDIS_URL the gateway (another process than the
 * subgraphs) cannot hear their changes, so only the CACHE=off rows are measured.
 *
 * Then the subscription fan-out figure (bench/fan-out.ts) on our gateway.
 *
 * Options (environment): BENCH_SEED_SCALE (default 1), BENCH_DURATION seconds per round (10),
 * BENCH_ROUNDS (3, alternating gateways), BENCH_CONNECTIONS (20), BENCH_FANOUT subscriber counts,
 * each optionally with the subscribers' client ("1000,10000,10000:graphql-ws"; empty skips it), BENCH_FANOUT_CHANGES timed changes per count (20),
 * BENCH_ONLY=fanout|http|field runs one part. The field's benchmark (bench/field/run.ts) runs first,
 * with its own settings: BENCH_FIELD_DURATION (20), BENCH_FIELD_ROUNDS (3), BENCH_FIELD_CONNECTIONS (50). Our gateway runs with the node flags of
 * package.json's start:gateway; GATEWAY_NODE_FLAGS adds to them (e.g. --cpu-prof), PEER_NODE_FLAGS gives
 * the peers flags (gateway-node-flags.ts). TOKEN: the bearer token of the fan-out's subscribers and
 * mutations (it must allow adjustStock at store-01); without it the bench mints development tokens
 * (a call-center desk watching, store-01's staff counting) and its gateways verify them with the
 * development secret unless JWT_SECRET, JWKS_PATH or JWKS_URL is set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median } from './median.js';
import { DEVELOPMENT_JWT_SECRET, namesKeySource } from '../gateway/identity/development-secret.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { CALL_CENTER, mintBenchToken, storeStaff } from './development-token.js';
import { measureFanOut, residentBytes, type FanOutFigures } from './fan-out.js';
import { runFieldBenchmark } from './field/run.js';
import { oursNodeFlags, peerNodeFlags } from './gateway-node-flags.js';
import { runSimulation } from './simulation/run-simulation.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const seedScale = Number(process.env.BENCH_SEED_SCALE ?? 1);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
// Each run: a subscriber count, and after a colon the subscribers' client (`minimal` by default, or `graphql-ws`).
const fanOutCounts = (process.env.BENCH_FANOUT ?? '1000,10000,10000:graphql-ws')
  .split(',')
  .filter(Boolean)
  .map((entry) => {
    const [count, client = 'minimal'] = entry.split(':');
    if (client !== 'minimal' && client !== 'graphql-ws') throw new Error(`BENCH_FANOUT: unknown client ${client} (minimal or graphql-ws)`);
    return { subscribers: Number(count), client: client as 'minimal' | 'graphql-ws' };
  });
const fanOutChanges = Number(process.env.BENCH_FANOUT_CHANGES ?? 20);
const redisUrl = process.env.REDIS_URL || undefined;
const simulateRate = Number(process.env.BENCH_SIMULATE_RATE ?? 10);
// The subgraphs' announcements and the cache's entries, apart from any other graph on the same Redis.
const benchPrefix = `bench:${randomBytes(4).toString('hex')}:`;
const only = process.env.BENCH_ONLY;
const httpRounds = only === undefined || only === 'http';
const fieldRounds = only === undefined || only === 'field';
if (only === 'field' || only === 'http') fanOutCounts.length = 0;
const children: ChildProcess[] = [];
// The subgraphs refuse requests the gateways do not vouch for: every child shares one secret.
const internalTokenSecret = process.env.INTERNAL_TOKEN_SECRET || randomBytes(32).toString('base64url');

function startChild(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  // Ours with its shipped flags (and GATEWAY_NODE_FLAGS), the baseline with PEER_NODE_FLAGS (gateway-node-flags.ts).
  const flags = script === 'gateway/main.ts' ? oursNodeFlags(root) : script === 'bench/baseline-gateway.ts' ? peerNodeFlags() : [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, INTERNAL_TOKEN_SECRET: internalTokenSecret, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return child;
}

function firstJsonLine<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line) as T);
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before it was ready`)));
  });
}

async function waitFor(url: string, init?: RequestInit): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url, init)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never became ready`);
}

const operations = {
  ProductPage: readFileSync(join(root, 'tests/operations/ProductPage.graphql'), 'utf8'),
  ProductListing: readFileSync(join(root, 'tests/operations/ProductListing.graphql'), 'utf8'),
  // One cheap fetch from one subgraph: what is left is the gateway's own cost per request.
  GatewayOverhead: 'query GatewayOverhead { categories { id name parent { id } } }',
};
const productCount = Math.max(10, Math.round(2000 * seedScale));
let counter = 0;
const variablesFor: Record<keyof typeof operations, () => Record<string, unknown>> = {
  ProductPage: () => ({
    id: `prod-${String((counter++ % productCount) + 1).padStart(5, '0')}`,
    channel: 'WEB',
    near: { lat: 48.8566, lng: 2.3522 },
  }),
  ProductListing: () => ({ channel: 'WEB', first: 20 }),
  GatewayOverhead: () => ({}),
};

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function drive(url: string, name: keyof typeof operations): Promise<Figures> {
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ query: operations[name], variables: variablesFor[name]() }),
        }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** The cache's hits and misses so far on a gateway, every subgraph together (/metrics). */
async function cacheCounts(graphqlUrl: string): Promise<{ hits: number; misses: number }> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  const total = (name: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  return { hits: total('gateway_cache_hits_total'), misses: total('gateway_cache_misses_total') };
}

/** Resident memory of a child process now, in MB (Linux /proc; '?' elsewhere). */
function residentMegabytes(child: ChildProcess): string {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? (kb / 1024).toFixed(0) : '?';
  } catch {
    return '?';
  }
}


async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'supergraph-bench-'));
  try {
    let fieldTable: string | undefined;
    if (fieldRounds) {
      console.log("The field's benchmark (four subgraphs, the field's query)...");
      fieldTable = await runFieldBenchmark({
        connections: Number(process.env.BENCH_FIELD_CONNECTIONS ?? 50),
        duration: Number(process.env.BENCH_FIELD_DURATION ?? 20),
        rounds: Number(process.env.BENCH_FIELD_ROUNDS ?? 3),
      });
      if (!httpRounds && fanOutCounts.length === 0) {
        console.log(`\n${fieldTable}`);
        return;
      }
    }
    console.log(`Seeding and starting the subgraphs (seed scale ${seedScale})...`);
    const redisEnv = redisUrl ? { REDIS_URL: redisUrl, EVENT_CHANNEL_PREFIX: benchPrefix } : { REDIS_URL: '' };
    const subgraphs = startChild('bench/serve-subgraphs.ts', { DATA_DIR: dataDir, SEED_SCALE: String(seedScale), DATABASE_URL: '', ...redisEnv });
    const { urls } = await firstJsonLine<{ urls: Record<string, string> }>(subgraphs);
    const urlEnv = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_URL`, urls[n]]));

    const ours = 'http://127.0.0.1:4300/graphql';
    const baseline = 'http://127.0.0.1:4301/';
    const keySource = namesKeySource(process.env) ? {} : { JWT_SECRET: DEVELOPMENT_JWT_SECRET };
    // Ours without its cache (the engine alone), and with it when the subgraphs' changes can reach it (Redis).
    const oursProcess = startChild('gateway/main.ts', { ...urlEnv, ...keySource, ...redisEnv, CACHE: 'off', PORT: '4300', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    const cached = redisUrl ? 'http://127.0.0.1:4304/graphql' : undefined;
    const cachedProcess = cached ? startChild('gateway/main.ts', { ...urlEnv, ...keySource, ...redisEnv, CACHE: 'on', PORT: '4304', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }) : undefined;
    // Both gateways without Apollo's usage telemetry, which would only cost the baseline.
    const baselineProcess = startChild('bench/baseline-gateway.ts', { ...urlEnv, PORT: '4301', APOLLO_TELEMETRY_DISABLED: '1' });
    await waitFor('http://127.0.0.1:4300/health');
    if (cached) await waitFor('http://127.0.0.1:4304/health');
    await waitFor(baseline, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

    const rows: string[] = [];
    // The simulator's traffic (stock and prices moving) runs through the CACHE=off gateway during every round.
    const traffic = new AbortController();
    const simulation =
      httpRounds && cached && simulateRate > 0
        ? runSimulation({ gatewayUrl: ours, rate: simulateRate, durationSeconds: undefined, seed: 12, quiet: true, signal: traffic.signal, print: () => {} })
        : undefined;
    const targets = { ours, baseline, cached: cached ?? '' };
    const kinds = cached ? (['cached', 'ours', 'baseline'] as const) : (['ours', 'baseline'] as const);
    for (const name of httpRounds ? (Object.keys(operations) as (keyof typeof operations)[]) : []) {
      // Warm each (query plans, JIT, connection pools, and the cache as a shop's is: every product once) before measuring.
      const warmUp = name === 'ProductPage' ? productCount : 200;
      // The cached gateway last: its entries are then as warm as a shop's when the rounds begin.
      for (const kind of [...kinds].reverse()) {
        await autocannon({
          url: targets[kind],
          connections: 4,
          amount: warmUp,
          requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: operations[name], variables: variablesFor[name]() }) }) }],
        });
      }
      const measured: Record<'cached' | 'ours' | 'baseline', Figures[]> = { cached: [], ours: [], baseline: [] };
      const countsBefore = cached ? await cacheCounts(cached) : undefined;
      for (let round = 0; round < rounds; round++) {
        // Rotate which gateway goes first, so that drift on a noisy machine hits all alike.
        const order = kinds.map((_, i) => kinds[(i + round) % kinds.length]!);
        for (const which of order) {
          const figures = await drive(targets[which], name);
          measured[which].push(figures);
          console.log(`  ${name} ${which} round ${round + 1}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, errors ${figures.errors}`);
        }
      }
      const countsAfter = cached ? await cacheCounts(cached) : undefined;
      const summary = (list: Figures[]) => ({
        rps: median(list.map((f) => f.rps)),
        p50: median(list.map((f) => f.p50)),
        p99: median(list.map((f) => f.p99)),
        errors: list.reduce((s, f) => s + f.errors, 0),
      });
      const o = summary(measured.ours);
      const b = summary(measured.baseline);
      const oursMb = residentMegabytes(oursProcess);
      const baselineMb = residentMegabytes(baselineProcess);
      if (cachedProcess && countsBefore && countsAfter) {
        const c = summary(measured.cached);
        const hits = countsAfter.hits - countsBefore.hits;
        const lookups = hits + countsAfter.misses - countsBefore.misses;
        const ratio = lookups === 0 ? 'no lookups' : `hit ratio ${((100 * hits) / lookups).toFixed(1)}%`;
        rows.push(`| ${name} | ours, cache on (${ratio}) | ${c.rps.toFixed(0)} | ${c.p50} | ${c.p99} | ${(c.rps / b.rps).toFixed(2)}x | ${residentMegabytes(cachedProcess)} | ${c.errors} |`);
      }
      rows.push(`| ${name} | ours${cached ? ', CACHE=off' : ''} | ${o.rps.toFixed(0)} | ${o.p50} | ${o.p99} | ${(o.rps / b.rps).toFixed(2)}x | ${oursMb} | ${o.errors} |`);
      rows.push(`| ${name} | @apollo/gateway + @apollo/server | ${b.rps.toFixed(0)} | ${b.p50} | ${b.p99} | 1.00x | ${baselineMb} | ${b.errors} |`);
    }
    traffic.abort();
    const simulated = await simulation;
    // The HTTP rounds' gateways are done: left idle, V8 would still collect their heaps (its memory
    // reducer runs full collections once a busy process goes quiet) on the cores the fan-out uses.
    cachedProcess?.kill('SIGTERM');
    oursProcess.kill('SIGTERM');
    baselineProcess.kill('SIGTERM');
    const fanOut: FanOutFigures[] = [];
    for (const [index, { subscribers, client: subscriberClient }] of fanOutCounts.entries()) {
      // A fresh gateway per count: its memory growth is then the subscribers', not what the HTTP rounds left.
      const port = 4302 + index;
      // As `npm start` does: no key source named means the development secret, which the minted tokens use.
      const identityEnv = namesKeySource(process.env) ? {} : { JWT_SECRET: DEVELOPMENT_JWT_SECRET };
      // Every fan-out subscriber is one caller (one desk's token): lift the per-caller cap above the count.
      const capEnv = { SUBSCRIPTION_MAX_PER_CALLER: String(subscribers + 10) };
      const gatewayProcess = startChild('gateway/main.ts', { ...urlEnv, ...identityEnv, ...capEnv, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
      await waitFor(`http://127.0.0.1:${port}/health`);
      console.log(`  fan-out: ${subscribers} WebSocket subscribers (${subscriberClient} clients)...`);
      const given = process.env.TOKEN || undefined;
      const figures = await measureFanOut({
        gatewayUrl: `http://127.0.0.1:${port}/graphql`,
        gatewayRss: () => residentBytes(gatewayProcess.pid!),
        subscribers,
        subscriberClient,
        changes: fanOutChanges,
        stockWatch: readFileSync(join(root, 'tests/operations/StockWatch.graphql'), 'utf8'),
        // A different level per count, so each starts from a fresh shared stream.
        sku: `SKU-0000${index + 1}-1`,
        locationId: 'store-01',
        tokens: given
          ? { watch: given, write: given }
          : { watch: await mintBenchToken(CALL_CENTER, '2h'), write: await mintBenchToken(storeStaff('store-01'), '2h') },
      });
      gatewayProcess.kill('SIGTERM');
      console.log(`  fan-out ${subscribers}: ${JSON.stringify(figures)}`);
      fanOut.push(figures);
    }
    const table = [
      ...(fieldTable === undefined ? [] : [fieldTable]),
      ...(rows.length === 0
        ? []
        : [
            `Median of ${rounds} rounds of ${duration} s, ${connections} connections, seed scale ${seedScale}, SQLite, ${new Date().toISOString().slice(0, 10)}${simulated ? `; meanwhile \`npm run simulate\` at ${simulateRate}/s moved stock and prices (${simulated.operations} operations: ${simulated.byKind.price.done} list prices, ${simulated.changes.length} stock changes)` : ''}:`,
            '',
            '| operation | gateway | req/s | p50 ms | p99 ms | throughput vs baseline | gateway RSS MB after | errors |',
            '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
            ...rows,
            '',
          ]),
      ...(fanOut.length === 0
        ? []
        : [
            `Subscription fan-out on our gateway (identical StockWatch subscriptions over WebSocket, ${fanOutChanges} timed changes each; the subscribers run in the bench process on the same 2 cores — minimal graphql-transport-ws clients, or graphql-ws's client where the row says so): time from the mutation's response to each delivery.`,
            '',
            '| subscribers | client | connect s | delivery p50 ms | delivery p99 ms | last delivery p50 ms | last delivery p99 ms | gateway RSS per subscriber KB | missed |',
            '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
            ...fanOut.map(
              (f) =>
                `| ${f.subscribers} | ${f.subscriberClient} | ${f.connectSeconds.toFixed(1)} | ${f.deliveryP50.toFixed(1)} | ${f.deliveryP99.toFixed(1)} | ${f.lastDeliveryP50.toFixed(1)} | ${f.lastDeliveryP99.toFixed(1)} | ${f.rssPerSubscriberKb.toFixed(1)} | ${f.missed} |`,
            ),
          ]),
    ].join('\n');
    console.log(`\n${table}\n`);
    const readmePath = join(root, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const start = '<!-- bench:start -->';
    const end = '<!-- bench:end -->';
    if (readme.includes(start) && readme.includes(end) && only === undefined) {
      writeFileSync(readmePath, `${readme.slice(0, readme.indexOf(start) + start.length)}\n${table}\n${readme.slice(readme.indexOf(end))}`);
      console.log('README.md benchmark table updated.');
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
