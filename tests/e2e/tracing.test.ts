/**
 * OpenTelemetry across processes (platform/tracing.ts): a real OTLP/HTTP receiver in this process;
 * the gateway in its own process exporting to it (OTEL_EXPORTER_OTLP_ENDPOINT), the subgraphs in
 * this one, exporting too. One request gives one trace: the gateway's operation span (continuing
 * the caller's traceparent), a span per plan step and per subgraph fetch, each subgraph's server
 * span a child of the fetch that called it (linked only by the traceparent header, the processes
 * share nothing), and its SQL statements children of that; the request's log line carries the
 * trace id. A subscription's start is a span whose context goes upstream in the subscribe message's
 * `extensions`. Without the variable, nothing is sent.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../platform/tracing.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startGraph, postGraphQL, type TestGraph } from '../support/graph.js';
import { PARIS, operation } from '../support/operations.js';
import { fakeSubgraph, type StandIn } from '../gateway/helpers.js';
import { until } from '../support/until.js';
import { subscribeOverWebSocket } from '../support/subscribers.js';
import { asCallCenter } from '../support/tokens.js';
import { WebSocketServer } from 'ws';

interface ReceivedSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

const SERVER = 2;
const CLIENT = 3;

/** An OTLP/HTTP receiver (JSON encoding, what @opentelemetry/exporter-trace-otlp-http sends). */
async function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces' && request.method === 'POST') {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as {
          resourceSpans: {
            resource: { attributes: { key: string; value: { stringValue?: string } }[] };
            scopeSpans: { scope: { name: string }; spans: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: { key: string; value: Record<string, unknown> }[] }[] }[];
          }[];
        };
        for (const resourceSpans of body.resourceSpans) {
          const service = resourceSpans.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '';
          for (const scopeSpans of resourceSpans.scopeSpans) {
            for (const span of scopeSpans.spans) {
              spans.push({
                service,
                scope: scopeSpans.scope.name,
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId || undefined,
                name: span.name,
                kind: span.kind,
                attributes: Object.fromEntries((span.attributes ?? []).map((attribute) => [attribute.key, Object.values(attribute.value)[0]])),
              });
            }
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('tracing', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let tracing: Tracing | undefined;
  let graph: TestGraph;
  let gateway: GatewayProcess;
  beforeAll(async () => {
    receiver = await startReceiver();
    tracing = startTracing('test-subgraphs', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    graph = await startGraph();
    gateway = await startGatewayProcess(graph, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'test-gateway', LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await graph?.close();
    await tracing?.shutdown();
    await receiver?.close();
  });

  it('gives one request one trace, from the caller through the gateway to the subgraphs and their SQL', async () => {
    expect(tracing).toBeDefined();
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const { body } = await postGraphQL(gateway.url, operation('ProductPage'), { id: 'prod-00001', channel: 'WEB', near: PARIS }, { traceparent: `00-${traceId}-${callerSpanId}-01` });
    expect(body.errors).toBeUndefined();
    await tracing!.flush();

    const ofTrace = () => receiver.spans.filter((span) => span.traceId === traceId);
    // The gateway exports every second: wait for its root and for the subgraphs' spans.
    const root = await until(() => ofTrace().find((span) => span.service === 'test-gateway' && span.kind === SERVER), "the gateway's operation span");
    expect(root).toMatchObject({ name: 'query ProductPage', parentSpanId: callerSpanId, attributes: { 'graphql.operation.type': 'query', 'graphql.operation.name': 'ProductPage' } });
    // The request's log line leads to the trace.
    const lines = gateway.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.msg === 'graphql request' && line.operation === 'ProductPage')?.trace_id).toBe(traceId);

    const spans = await until(() => {
      const all = ofTrace();
      const subgraphServers = all.filter((span) => span.service === 'test-subgraphs' && span.kind === SERVER);
      return subgraphServers.length >= 5 && all.some((span) => span.scope === 'omnichannel-database') ? all : undefined;
    }, 'the subgraphs spans');
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const parentOf = (span: ReceivedSpan) => (span.parentSpanId === undefined ? undefined : byId.get(span.parentSpanId));

    // Plan steps: children of the operation span (or of a step before them), one per fetch node.
    const steps = spans.filter((span) => span.service === 'test-gateway' && /^(Batch)?Fetch /.test(span.name));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(parentOf(step)?.spanId).toBe(root.spanId);
    // Subgraph fetches: client spans, each the child of its step.
    const fetches = spans.filter((span) => span.service === 'test-gateway' && span.kind === CLIENT);
    expect(fetches.length).toBe(steps.length);
    for (const fetch of fetches) expect(parentOf(fetch)?.name).toMatch(/^(Batch)?Fetch /);
    // Each subgraph server span: the child of a gateway fetch to that subgraph, across processes.
    const servers = spans.filter((span) => span.service === 'test-subgraphs' && span.kind === SERVER);
    for (const server of servers) {
      const caller = parentOf(server);
      expect(caller?.service).toBe('test-gateway');
      expect(caller?.kind).toBe(CLIENT);
      expect(caller?.attributes['omnichannel.subgraph']).toBe(server.attributes['omnichannel.subgraph']);
    }
    expect(new Set(servers.map((server) => server.attributes['omnichannel.subgraph']))).toEqual(new Set(['catalog', 'inventory', 'promotions', 'reviews', 'customer']));
    // SQL statements: children of a subgraph's server span, with their text.
    const statements = spans.filter((span) => span.scope === 'omnichannel-database');
    for (const statement of statements) {
      expect(parentOf(statement)?.kind).toBe(SERVER);
      expect(parentOf(statement)?.service).toBe('test-subgraphs');
      expect(statement.attributes['db.query.text']).toEqual(expect.stringMatching(/^\s*(select|insert|update|delete|with)\b/i));
    }
  }, 60_000);

  it('starts a new trace for a request without traceparent, and keeps requests apart', async () => {
    const before = new Set(receiver.spans.map((span) => span.traceId));
    await postGraphQL(gateway.url, '{ categories { id } }');
    await postGraphQL(gateway.url, '{ categories { name } }');
    await tracing!.flush();
    const roots = await until(() => {
      const found = receiver.spans.filter((span) => span.service === 'test-gateway' && span.kind === SERVER && !before.has(span.traceId));
      return found.length >= 2 ? found : undefined;
    }, 'two operation spans');
    expect(new Set(roots.map((span) => span.traceId)).size).toBe(roots.length);
    for (const root of roots) expect(root.parentSpanId).toBeUndefined();
  }, 30_000);
});

describe('a subscription, traced', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let graph: TestGraph;
  let gateway: GatewayProcess;
  let upstream: WebSocketServer;
  const subscribes: { payload: { extensions?: Record<string, string> } }[] = [];
  beforeAll(async () => {
    receiver = await startReceiver();
    graph = await startGraph();
    // Plays the inventory's WebSocket endpoint: acknowledges, records each subscribe, answers nothing.
    upstream = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'graphql-transport-ws' });
    upstream.on('connection', (socket) => {
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { type: string; payload: { extensions?: Record<string, string> } };
        if (message.type === 'connection_init') socket.send('{"type":"connection_ack"}');
        else if (message.type === 'ping') socket.send('{"type":"pong"}');
        else if (message.type === 'subscribe') subscribes.push(message);
      });
    });
    await new Promise((resolve) => upstream.once('listening', resolve));
    const { port } = upstream.address() as AddressInfo;
    gateway = await startGatewayProcess(graph, { INVENTORY_URL: `http://127.0.0.1:${port}/graphql`, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'test-gateway' });
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
    await graph?.close();
    await receiver?.close();
  });

  it("sends its start span's trace context upstream in the subscribe message's extensions", async () => {
    const subscriber = subscribeOverWebSocket(gateway.url, operation('StockWatch'), { skus: ['SKU-00001-1'], locationIds: ['store-01'] }, { connectionParams: await asCallCenter() });
    try {
      const sent = await until(() => subscribes[0], 'the upstream subscribe');
      const traceparent = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(sent.payload.extensions?.traceparent ?? '');
      expect(traceparent).not.toBeNull();
      const span = await until(() => receiver.spans.find((received) => received.traceId === traceparent![1]), "the subscription's span");
      expect(span).toMatchObject({ service: 'test-gateway', name: 'subscription StockWatch', spanId: traceparent![2], kind: SERVER });
    } finally {
      await subscriber.stop();
    }
  }, 60_000);
});

describe('without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let graph: TestGraph;
  let gateway: GatewayProcess;
  let seen: IncomingHttpHeaders[] = [];
  let catalog: StandIn;
  beforeAll(async () => {
    graph = await startGraph();
    catalog = await fakeSubgraph((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"categories":[]}}');
    });
    gateway = await startGatewayProcess(graph, { CATALOG_URL: catalog.url, OTEL_EXPORTER_OTLP_ENDPOINT: '' });
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await catalog?.close();
    await graph?.close();
  });

  it('sends no trace context to the subgraphs', async () => {
    seen = [];
    await postGraphQL(gateway.url, '{ categories { id } }', undefined, { traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01` });
    expect(seen.length).toBe(1);
    expect(seen[0]!.traceparent).toBeUndefined();
  });
});
