/**
 * Helpers of the gateway tests: a second gateway pointed at the test graph's subgraphs (with some
 * options changed), stand-ins for broken subgraphs, and small HTTP shortcuts.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { loadGatewayConfig, subgraphUrlVariable } from '../../gateway/config.js';
import { createGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import type { TestGraph } from '../support/graph.js';

export const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** The URL of `path` on the gateway whose GraphQL endpoint is `graphqlUrl`. */
export function gatewayPath(graphqlUrl: string, path: string): string {
  return new URL(path, graphqlUrl).href;
}

/** Another gateway on a free port, on the graph's subgraphs unless `env` says otherwise. */
export async function startGatewayAgainst(graph: TestGraph, env: NodeJS.ProcessEnv = {}): Promise<RunningGateway> {
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), graph.subgraphs[name].url]));
  return createGateway(
    loadGatewayConfig({ LOG_LEVEL: 'silent', INTERNAL_TOKEN_SECRET: graph.internalTokenSecret, ...subgraphUrls, ...env, PORT: '0', HOST: '127.0.0.1' }),
  );
}

export interface StandIn {
  url: string;
  close(): Promise<void>;
}

/** A subgraph played by a plain HTTP handler, to break it in ways a real one does not. */
export async function fakeSubgraph(handler: RequestListener): Promise<StandIn> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A subgraph that accepts requests and never answers. */
export function silentSubgraph(): Promise<StandIn> {
  return fakeSubgraph(() => {});
}

/** A URL where nothing listens: its port was free a moment ago. */
export async function deadSubgraphUrl(): Promise<string> {
  const standIn = await fakeSubgraph(() => {});
  await standIn.close();
  return standIn.url;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined;
}

export async function send(url: string, init: RequestInit = {}): Promise<HttpAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: HttpAnswer['json'];
  try {
    json = JSON.parse(text) as HttpAnswer['json'];
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** POSTs a GraphQL request as JSON; `headers` may override the Accept header. */
export function postQuery(
  url: string,
  body: { query: string; variables?: Record<string, unknown>; operationName?: string },
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE, ...headers },
    body: JSON.stringify(body),
  });
}

/** The codes of the errors of an answer, in order. */
export function errorCodes(answer: HttpAnswer): unknown[] {
  return (answer.json?.errors ?? []).map((error) => error.extensions?.code);
}
