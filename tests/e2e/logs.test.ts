/**
 * Logs people read (platform/log-options.ts): the gateway writes one line per GraphQL request at
 * info — method, operation, status, duration, request id — as JSON with ISO times
 * (`LOG_FORMAT=json`) or as one readable line (`LOG_FORMAT=pretty`, pino-pretty); a subgraph's
 * audit trail goes where `AUDIT_LOG` says, apart from its log.
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startGraph, postGraphQL, type TestGraph } from '../support/graph.js';
import { TEST_OPERATOR, vouchFor } from '../support/subgraph.js';
import { ADJUST_STOCK } from '../inventory/stock-mutation-support.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
}, 120_000);
afterAll(async () => {
  await graph?.close();
});

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the gateway's request lines", () => {
  let json: GatewayProcess;
  let pretty: GatewayProcess;
  beforeAll(async () => {
    [json, pretty] = await Promise.all([
      startGatewayProcess(graph, { LOG_LEVEL: 'info', LOG_FORMAT: 'json' }),
      startGatewayProcess(graph, { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([json?.stop(), pretty?.stop()]);
  });

  it('as JSON: one line per request with its operation, status, duration and request id, ISO times', async () => {
    const requestId = randomUUID();
    const { status } = await postGraphQL(json.url, 'query LogMe { categories { id } }', undefined, { 'x-request-id': requestId });
    expect(status).toBe(200);
    const line = await until(
      () =>
        json
          .output()
          .split('\n')
          .filter((text) => text.startsWith('{'))
          .map((text) => JSON.parse(text) as Record<string, unknown>)
          .find((entry) => entry.msg === 'graphql request' && entry.reqId === requestId),
      'the request line',
    );
    expect(line).toMatchObject({ level: 30, method: 'POST', operation: 'LogMe', type: 'query', status: 200, outcome: 'ok' });
    expect(typeof line.durationMs).toBe('number');
    expect(String(line.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('pretty: one readable line, not JSON', async () => {
    await postGraphQL(pretty.url, 'query PrettyMe { categories { id } }');
    const line = await until(() => pretty.output().split('\n').find((text) => text.includes('graphql request') && text.includes('PrettyMe')), 'the pretty line');
    expect(line.trimStart().startsWith('{')).toBe(false);
    expect(line).toMatch(/\d\d:\d\d:\d\d\.\d{3}/);
    expect(line).toMatch(/INFO/);
  });
});

describe("a subgraph's audit trail", () => {
  it('goes to the file AUDIT_LOG names, as JSON, and not to its log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'audit-log-'));
    const auditPath = join(dataDir, 'audit', 'inventory.log');
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir, SEED_SCALE: '0.02', INTERNAL_TOKEN_SECRET: graph.internalTokenSecret, AUDIT_LOG: auditPath, LOG_FORMAT: 'json' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/main.ts', 'inventory'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await until(() => /inventory subgraph \(\w+\) at (http:\/\/\S+)/.exec(output)?.[1], 'the inventory subgraph', 60_000);
      const { body } = await postGraphQL<{ adjustStock: { userErrors: unknown[] } }>(
        url,
        ADJUST_STOCK,
        { input: { sku: 'SKU-00001-1', locationId: 'store-01', delta: 1, reason: 'CORRECTION' }, key: randomUUID() },
        await vouchFor(TEST_OPERATOR, graph.internalTokenSecret),
      );
      expect(body.data?.adjustStock.userErrors).toEqual([]);
      const entry = await until(() => {
        if (!existsSync(auditPath)) return undefined;
        const lines = readFileSync(auditPath, 'utf8').split('\n').filter(Boolean);
        return lines.length > 0 ? (JSON.parse(lines.at(-1)!) as Record<string, unknown>) : undefined;
      }, 'the audit line');
      expect(entry).toMatchObject({ audit: true, subgraph: 'inventory', msg: 'audit' });
      expect(String(entry.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(output).not.toMatch(/"audit":true/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
