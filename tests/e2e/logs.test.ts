/**
 * Logs people read (platform/log-options.ts): the gateway writes one line per GraphQL request at
 * info — method, operation, status, duration, request id — as JSON with ISO times
 * (`LOG_FORMAT=json`) or as one readable line (`LOG_FORMAT=pretty`, pino-pretty); a subgraph's
 * audit trail goes where `AUDIT_LOG` says, apart from its log.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startGraph, postGraphQL, type TestGraph } from '../support/graph.js';
import { TEST_OPERATOR, vouchFor } from '../support/subgraph.js';
import { ADJUST_STOCK } from '../inventory/stock-mutation-support.js';
import { startSubgraphProcess } from '../support/subgraph-process.js';
import { until } from '../support/until.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
}, 120_000);
afterAll(async () => {
  await graph?.close();
});

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
    const auditDir = mkdtempSync(join(tmpdir(), 'audit-log-'));
    const auditPath = join(auditDir, 'audit', 'inventory.log');
    const inventory = await startSubgraphProcess('inventory', graph.internalTokenSecret, { env: { AUDIT_LOG: auditPath, LOG_FORMAT: 'json' } });
    try {
      const { body } = await postGraphQL<{ adjustStock: { userErrors: unknown[] } }>(
        inventory.url,
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
      expect(inventory.output()).not.toMatch(/"audit":true/);
    } finally {
      await inventory.stop();
      rmSync(auditDir, { recursive: true, force: true });
    }
  }, 90_000);
});
