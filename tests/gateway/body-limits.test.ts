/**
 * Request bodies are bounded everywhere: every gateway route that reads a body (GraphQL over HTTP,
 * GraphQL over SSE on both its paths, the partners' endpoint, whatever else is registered), the
 * WebSocket's messages and each subgraph server refuse what is over `MAX_BODY_BYTES` with 413,
 * without reading (let alone buffering) more than the limit.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { startGraph, type TestGraph } from '../support/graph.js';
import { vouchFor, TEST_OPERATOR } from '../support/subgraph.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { gatewayPath, send } from './helpers.js';

const LIMIT = 64 * 1024;
const SUBGRAPH_LIMIT = 96 * 1024;
const METHODS_WITH_BODY = ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

let graph: TestGraph;
let partnerKey: string;
beforeAll(async () => {
  graph = await startGraph({ gatewayEnv: { MAX_BODY_BYTES: String(LIMIT) }, subgraph: { maxBodyBytes: SUBGRAPH_LIMIT } });
  partnerKey = (await graph.gateway.partners!.addPartner('Body limits', 'pro')).key;
});
afterAll(() => graph?.close());

interface RawAnswer {
  status: number | undefined;
  text: string;
  /** Bytes the client got to write before the server answered or closed. */
  written: number;
  /** The server closed the connection within 2 s of answering (the client never ends a refused body). */
  closed: boolean;
}

/**
 * Sends a JSON-looking body of `bytes` bytes, with a content-length or chunked, and stops writing
 * as soon as the server answers or closes: a server that reads on would be seen taking it all.
 */
function sendBody(url: string, method: string, headers: Record<string, string>, bytes: number, chunked: boolean): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const answer: RawAnswer = { status: undefined, text: '', written: 0, closed: false };
    let responseEnded = false;
    const finish = () => {
      clearTimeout(deadline);
      outgoing.destroy();
      resolve(answer);
    };
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method,
        // A connection of its own, so its close is this request's. Node chunks only POST, PUT and PATCH by itself.
        agent: false,
        headers: { ...headers, ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(bytes) }) },
      },
      (response) => {
        answer.status = response.statusCode;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (answer.text += chunk));
        response.once('end', () => {
          responseEnded = true;
          // A success may keep its connection alive; a refusal must be closed by the server.
          if (answer.closed || answer.status! < 400) finish();
          else deadline = setTimeout(finish, 2_000);
        });
      },
    );
    let deadline: NodeJS.Timeout | undefined;
    outgoing.on('error', () => {});
    outgoing.once('socket', (socket) =>
      socket.once('close', () => {
        answer.closed = true;
        if (responseEnded || answer.status === undefined) finish();
      }),
    );
    const head = Buffer.from('{"query":"{ __typename }","variables":{"padding":"');
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let remaining = bytes - head.length - 3;
    outgoing.write(head);
    answer.written += head.length;
    const pump = () => {
      while (remaining > 0 && answer.status === undefined && !outgoing.destroyed) {
        const piece = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
        remaining -= piece.length;
        answer.written += piece.length;
        if (!outgoing.write(piece)) {
          outgoing.once('drain', pump);
          return;
        }
      }
      if (answer.status === undefined && !outgoing.destroyed) outgoing.end('"}}');
    };
    // A server answers a content-length over its limit from the headers alone (its hooks done,
    // maybe after a Redis round trip): give it the time before sending the body, or the client
    // would see the connection reset before the answer. A chunked body must be read to be measured.
    setTimeout(pump, chunked ? 0 : 1_000);
  });
}

/** Every route of a Fastify app with its methods, from `printRoutes()`'s tree. */
function routesOf(app: FastifyInstance): { path: string; methods: string[] }[] {
  const routes: { path: string; methods: string[] }[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    prefixes.length = depth;
    const path = (prefixes[depth - 1] ?? '') + match[2]!;
    prefixes[depth] = path;
    routes.push({ path: path.replace(/:\w+/g, 'x').replace(/^\*$/, '/any-path'), methods: match[3]!.split(', ') });
  }
  return routes;
}

function headersFor(path: string): Record<string, string>[] {
  const json = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (path === '/graphql') return [json, { ...json, accept: 'text/event-stream' }];
  if (path === '/graphql/stream') return [{ ...json, accept: 'text/event-stream' }];
  if (path === '/public/graphql') return [{ ...json, 'x-api-key': partnerKey }];
  return [json];
}

async function expectHealthy(): Promise<void> {
  const started = performance.now();
  const health = await send(gatewayPath(graph.gatewayUrl, '/health'));
  expect(health.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(1_000);
}

describe('the gateway', () => {
  it('serves the routes this suite knows how to feed', () => {
    const paths = routesOf(graph.gateway.app).map((route) => route.path);
    expect(paths).toEqual(expect.arrayContaining(['/graphql', '/graphql/stream', '/public/graphql', '/health']));
  });

  it('refuses a body just over MAX_BODY_BYTES on every route and method, with or without a content-length', async () => {
    const refusals: string[] = [];
    for (const route of routesOf(graph.gateway.app)) {
      const methods = route.methods.filter((method) => METHODS_WITH_BODY.includes(method));
      for (const method of methods.length > 0 ? methods : ['POST']) {
        for (const headers of headersFor(route.path)) {
          for (const chunked of [false, true]) {
            const answer = await sendBody(gatewayPath(graph.gatewayUrl, route.path), method, headers, LIMIT + 1, chunked);
            const label = `${method} ${route.path} accept=${headers.accept} ${chunked ? 'chunked' : 'content-length'}`;
            const code = answer.status === 413 ? (JSON.parse(answer.text) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code : undefined;
            refusals.push(`${label}: ${answer.status} ${code ?? answer.text.slice(0, 80)}${answer.closed ? '' : ' (left open)'}`);
          }
        }
      }
    }
    // CORS preflights (OPTIONS on any path) are answered from their headers, the body never read:
    // the connection must still be closed rather than read on.
    const answeredFromHeaders = (line: string) => line.startsWith('OPTIONS ') && !line.endsWith('(left open)');
    expect(refusals.filter((line) => !line.endsWith(': 413 PAYLOAD_TOO_LARGE') && !answeredFromHeaders(line))).toEqual([]);
    await expectHealthy();
  });

  it.each([
    ['POST /graphql/stream', '/graphql/stream', 'text/event-stream'],
    ['POST /graphql accepting text/event-stream', '/graphql', 'text/event-stream'],
    ['POST /graphql', '/graphql', 'application/graphql-response+json'],
  ])('stops reading a 200 MB body on %s and keeps its memory', async (_name, path, accept) => {
    for (const chunked of [true, false]) {
      global.gc?.();
      const before = process.memoryUsage().rss;
      const bytes = 200 * 1024 * 1024;
      const answer = await sendBody(gatewayPath(graph.gatewayUrl, path), 'POST', { 'content-type': 'application/json', accept }, bytes, chunked);
      // The server answers 413 and closes; a client still writing may only see the close.
      if (answer.status !== undefined) expect(answer.status).toBe(413);
      expect(answer.written).toBeLessThan(bytes / 4);
      expect(answer.closed).toBe(true);
      expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
      await expectHealthy();
    }
  }, 60_000);

  it.each(['/graphql/stream', '/graphql'])('answers an empty SSE request body on %s with 400 at once, not a wait', async (path) => {
    const answer = await send(gatewayPath(graph.gatewayUrl, path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: '',
      signal: AbortSignal.timeout(5_000),
    });
    expect(answer.status).toBe(400);
  });

  it('closes a WebSocket whose message is over MAX_BODY_BYTES with 1009 (message too big)', async () => {
    const socket = new WebSocket(graph.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'a'.repeat(LIMIT) } }));
    expect(await closed).toBe(1009);
    await expectHealthy();
  }, 10_000);
});

describe('each subgraph server', () => {
  it.each(SUBGRAPH_NAMES)('%s refuses a body over its limit with 413 and a GraphQL error, with or without a content-length', async (name) => {
    const headers = { 'content-type': 'application/json', ...(await vouchFor(TEST_OPERATOR, graph.internalTokenSecret)) };
    for (const chunked of [false, true]) {
      const answer = await sendBody(graph.subgraphs[name].url, 'POST', headers, SUBGRAPH_LIMIT + 1, chunked);
      expect(answer.status).toBe(413);
      expect(answer.closed).toBe(true);
      expect(JSON.parse(answer.text)).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    }
    // Just under the limit is still served.
    const fits = await sendBody(graph.subgraphs[name].url, 'POST', headers, SUBGRAPH_LIMIT - 1024, false);
    expect(fits.status).toBe(200);
  });

  it('refuses a caller the gateway did not vouch for before reading its body', async () => {
    const bytes = 50 * 1024 * 1024;
    const answer = await sendBody(graph.subgraphs.catalog.url, 'POST', { 'content-type': 'application/json' }, bytes, true);
    if (answer.status !== undefined) expect(answer.status).toBe(401);
    expect(answer.written).toBeLessThan(bytes / 4);
    expect(answer.closed).toBe(true);
  });
});
