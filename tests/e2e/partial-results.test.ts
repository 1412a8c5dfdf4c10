/**
 * Partial results: with any one subgraph stopped or frozen, the touchpoints' pages keep every field
 * the other subgraphs own, and each error names the path it could not resolve.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema/subgraphs.js';
import { deadSubgraphUrl, startGatewayAgainst } from '../gateway/helpers.js';
import { postGraphQL, startGraph, type GraphQLResponse, type TestGraph } from '../support/graph.js';
import { PARIS, operation } from '../support/operations.js';
import { asCallCenter } from '../support/tokens.js';

type Path = (string | number)[];
type Answer = GraphQLResponse['body'];

const PRODUCT_PAGE = { name: 'ProductPage', query: operation('ProductPage') };
const CUSTOMER_360 = { name: 'Customer360', query: operation('Customer360') };

/**
 * What may be lost when a subgraph is down: the fields it resolves, or the nearest nullable
 * reference to one of its entities (`*` is any list index). Everything else must arrive unchanged.
 */
const LOST_WHEN_DOWN: Record<SubgraphName, { ProductPage: string[]; Customer360: string[] }> = {
  catalog: {
    ProductPage: ['product'],
    Customer360: ['customer.orders.edges.*.node.lines.*.variant', 'customer.wishlist.*.variant', 'customer.reviews.*.product'],
  },
  inventory: {
    ProductPage: ['product.inStock', 'product.variants.*.availableOnline', 'product.variants.*.availability'],
    Customer360: ['customer.preferredStore', 'customer.orders.edges.*.node.store', 'customer.wishlist.*.variant.availableOnline'],
  },
  customer: {
    ProductPage: ['product.reviews.edges.*.node.verifiedPurchase', 'product.reviews.edges.*.node.author'],
    Customer360: ['customer'],
  },
  promotions: {
    ProductPage: ['product.variants.*.effectivePrice', 'product.variants.*.activePromotions'],
    Customer360: ['customer.wishlist.*.variant.effectivePrice', 'customer.personalOffers'],
  },
  reviews: {
    ProductPage: ['product.rating', 'product.reviews'],
    Customer360: ['customer.reviews'],
  },
};

/** Every leaf (scalar, null or empty list/object) of a response with its path. */
function leaves(value: unknown, path: Path = []): [Path, unknown][] {
  if (Array.isArray(value)) return value.length === 0 ? [[path, value]] : value.flatMap((item, index) => leaves(item, [...path, index]));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? [[path, value]] : entries.flatMap(([key, item]) => leaves(item, [...path, key]));
  }
  return [[path, value]];
}

/** The prefix of `path` that `pattern` matches, or undefined. */
function matchedPrefix(pattern: string, path: Path): Path | undefined {
  const parts = pattern.split('.');
  if (path.length < parts.length) return undefined;
  for (const [i, part] of parts.entries()) {
    if (part === '*' ? typeof path[i] !== 'number' : path[i] !== part) return undefined;
  }
  return path.slice(0, parts.length);
}

function startsWith(path: readonly unknown[], prefix: readonly unknown[]): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => path[i] === part);
}

function valueAt(data: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, key) => (value == null ? undefined : (value as Record<string | number, unknown>)[key]), data);
}

/**
 * Checks a degraded answer against the healthy one: each leaf outside `lost` is unchanged; each
 * lost part is null and has an error at (or under) its path coded `code` from `subgraph`; no error
 * lacks a path or points elsewhere.
 */
function expectPartial(healthy: Answer, degraded: Answer, lost: string[], subgraph: string, code: string): void {
  const lostRoots = new Map<string, Path>();
  for (const [path, value] of leaves(healthy.data)) {
    const prefix = lost.map((pattern) => matchedPrefix(pattern, path)).find((p) => p !== undefined);
    // A part that was null anyway (an order without a store) has nothing to lose.
    if (prefix && valueAt(healthy.data, prefix) !== null) {
      lostRoots.set(JSON.stringify(prefix), prefix);
    } else {
      expect(valueAt(degraded.data, path), `${path.join('.')} is kept`).toEqual(value);
    }
  }
  expect(lostRoots.size, 'the healthy answer has something to lose').toBeGreaterThan(0);
  const errors = degraded.errors ?? [];
  for (const root of lostRoots.values()) {
    expect(valueAt(degraded.data, root), `${root.join('.')} is null`).toBeNull();
    expect(
      errors.some((error) => Array.isArray(error.path) && startsWith(error.path, root)),
      `an error names ${root.join('.')}: ${JSON.stringify(errors.map((e) => e.path))}`,
    ).toBe(true);
  }
  for (const error of errors) {
    expect(error.path, `error "${error.message}" has a path`).toBeInstanceOf(Array);
    expect(
      [...lostRoots.values()].some((root) => startsWith(error.path as Path, root)),
      `error at ${JSON.stringify(error.path)} is at a lost field`,
    ).toBe(true);
    expect(error.extensions).toMatchObject({ code, serviceName: subgraph });
  }
}

let graph: TestGraph;
let agent: Record<string, string>;
const productPageVariables = { id: 'prod-00003', channel: 'WEB', near: PARIS };
const customer360Variables = { id: 'cust-00001' };
let healthyProductPage: Answer;
let healthyCustomer360: Answer;

beforeAll(async () => {
  graph = await startGraph();
  agent = await asCallCenter();
  healthyProductPage = (await postGraphQL(graph.gatewayUrl, PRODUCT_PAGE.query, productPageVariables)).body;
  healthyCustomer360 = (await postGraphQL(graph.gatewayUrl, CUSTOMER_360.query, customer360Variables, agent)).body;
});
afterAll(() => graph?.close());

describe('the healthy graph', () => {
  it('answers both pages in full, so there is something to lose', () => {
    expect(healthyProductPage.errors).toBeUndefined();
    expect(healthyCustomer360.errors).toBeUndefined();
    const product = healthyProductPage.data!.product as Record<string, any>;
    expect(product.reviews.edges.some((edge: any) => edge.node.author !== null)).toBe(true);
    expect(product.variants.some((variant: any) => variant.availability.length > 0)).toBe(true);
    const customer = healthyCustomer360.data!.customer as Record<string, any>;
    expect(customer.preferredStore).not.toBeNull();
    expect(customer.wishlist.length).toBeGreaterThan(0);
    expect(customer.reviews.length).toBeGreaterThan(0);
    expect(customer.orders.edges.some((edge: any) => edge.node.store !== null)).toBe(true);
  });
});

describe.each(SUBGRAPH_NAMES)('with the %s subgraph stopped', (name) => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGatewayAgainst(graph, { JWT_SECRET: DEVELOPMENT_JWT_SECRET, [`${name.toUpperCase()}_URL`]: await deadSubgraphUrl() });
  });
  afterAll(() => gateway?.close());

  it('ProductPage keeps every field the other subgraphs own, with SUBGRAPH_UNAVAILABLE at each lost path', async () => {
    const { status, body } = await postGraphQL(gateway.url, PRODUCT_PAGE.query, productPageVariables);
    expect(status).toBe(200);
    expectPartial(healthyProductPage, body, LOST_WHEN_DOWN[name].ProductPage, name, 'SUBGRAPH_UNAVAILABLE');
  });

  it('Customer360 keeps every field the other subgraphs own, with SUBGRAPH_UNAVAILABLE at each lost path', async () => {
    const { status, body } = await postGraphQL(gateway.url, CUSTOMER_360.query, customer360Variables, agent);
    expect(status).toBe(200);
    expectPartial(healthyCustomer360, body, LOST_WHEN_DOWN[name].Customer360, name, 'SUBGRAPH_UNAVAILABLE');
  });
});

/** A subgraph frozen like a hung process: connections are accepted, requests received, nothing is ever answered. */
async function frozenSubgraph(): Promise<{ url: string; requests(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => (requests += chunk.toString('latin1').split('POST /graphql').length - 1));
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests: () => requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('with the reviews subgraph frozen', () => {
  const TIMEOUT_MS = 3_000;
  let frozen: Awaited<ReturnType<typeof frozenSubgraph>>;
  let gateway: RunningGateway;
  beforeAll(async () => {
    frozen = await frozenSubgraph();
    gateway = await startGatewayAgainst(graph, { REVIEWS_URL: frozen.url, SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) });
  });
  afterAll(async () => {
    await gateway?.close();
    await frozen?.close();
  });

  it('gives ProductPage the rest of the page after SUBGRAPH_TIMEOUT_MS, with SUBGRAPH_TIMEOUT at the rating and reviews paths', async () => {
    const started = performance.now();
    const { status, body } = await postGraphQL(gateway.url, PRODUCT_PAGE.query, productPageVariables);
    const elapsed = performance.now() - started;
    expect(status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 5_000);
    expectPartial(healthyProductPage, body, LOST_WHEN_DOWN.reviews.ProductPage, 'reviews', 'SUBGRAPH_TIMEOUT');
  });

  it('answers operations that do not need it at once, while requests to it hang', async () => {
    const before = frozen.requests();
    const hanging = Array.from({ length: 5 }, () => postGraphQL(gateway.url, PRODUCT_PAGE.query, productPageVariables));
    // Once each hanging request waits on the frozen subgraph (its own connection there), nothing else is busy.
    const since = Date.now();
    while (frozen.requests() < before + hanging.length && Date.now() - since < TIMEOUT_MS - 1_000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(frozen.requests()).toBeGreaterThanOrEqual(before + hanging.length);
    const started = performance.now();
    const { body } = await postGraphQL(gateway.url, '{ product(id: "prod-00003") { id name variants { sku availableOnline effectivePrice(channel: WEB) { amount } } } }');
    const elapsed = performance.now() - started;
    expect(body.errors).toBeUndefined();
    expect((body.data!.product as { id: string }).id).toBe('prod-00003');
    // Well under the subgraph timeout: nothing waits for the frozen subgraph.
    expect(elapsed).toBeLessThan(1_000);
    for (const answer of await Promise.all(hanging)) {
      expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(['SUBGRAPH_TIMEOUT', 'SUBGRAPH_TIMEOUT']);
    }
  });
});

describe('with the reviews subgraph frozen and only its own deadline short (SUBGRAPH_REVIEWS_TIMEOUT_MS)', () => {
  const REVIEWS_TIMEOUT_MS = 1_500;
  let frozen: Awaited<ReturnType<typeof frozenSubgraph>>;
  let gateway: RunningGateway;
  beforeAll(async () => {
    frozen = await frozenSubgraph();
    // Every other subgraph keeps a deadline far beyond the test's.
    gateway = await startGatewayAgainst(graph, { REVIEWS_URL: frozen.url, SUBGRAPH_TIMEOUT_MS: '60000', SUBGRAPH_REVIEWS_TIMEOUT_MS: String(REVIEWS_TIMEOUT_MS) });
  });
  afterAll(async () => {
    await gateway?.close();
    await frozen?.close();
  });

  it("gives ProductPage the rest of the page after the reviews subgraph's own deadline", async () => {
    const started = performance.now();
    const { status, body } = await postGraphQL(gateway.url, PRODUCT_PAGE.query, productPageVariables);
    const elapsed = performance.now() - started;
    expect(status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(REVIEWS_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(REVIEWS_TIMEOUT_MS + 5_000);
    expectPartial(healthyProductPage, body, LOST_WHEN_DOWN.reviews.ProductPage, 'reviews', 'SUBGRAPH_TIMEOUT');
  });
});
