/**
 * What the gateway does when a subgraph fails (gateway/upstream/: subgraph-retry.ts,
 * subgraph-circuit-breaker.ts), against a real reviews subgraph in its own process, frozen
 * (SIGSTOP) and killed (SIGKILL): ProductPage answers within the reviews' own timeout with every
 * other field; once the breaker opens it answers at once; after the subgraph is back one probe
 * closes the breaker again. A query that could not reach its subgraph is sent again; a mutation
 * never. Breaker states show in /metrics and /ready.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import { startGraph, postGraphQL, type TestGraph } from '../support/graph.js';
import { PARIS, operation } from '../support/operations.js';
import { asCustomer } from '../support/tokens.js';
import { startSubgraphProcess, type SubgraphProcess } from '../support/subgraph-process.js';
import { fakeSubgraph, startGatewayAgainst, type StandIn } from './helpers.js';

interface ProductPageData {
  product: { id: string; name: string; variants: unknown[]; rating: { average: number } | null; reviews: unknown } | null;
}
interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; serviceName?: string };
}

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.close();
});

/** The reviews subgraph alone in a child process, seeded as the graph is. */
const startReviewsProcess = () => startSubgraphProcess('reviews', graph.internalTokenSecret);

async function productPage(url: string) {
  const started = performance.now();
  const { status, body } = await postGraphQL<ProductPageData>(url, operation('ProductPage'), { id: 'prod-00002', channel: 'WEB', near: PARIS });
  return { status, body: body as { data?: ProductPageData | null; errors?: GraphQLErrorBody[] }, ms: performance.now() - started };
}

/** The product and its variants are there; the reviews' two fields are null with an error coded `code` at each. */
function expectEverythingButReviews(body: { data?: ProductPageData | null; errors?: GraphQLErrorBody[] }, ...codes: string[]) {
  expect(body.data?.product).toMatchObject({ id: 'prod-00002', name: expect.any(String), rating: null, reviews: null });
  expect(body.data?.product?.variants.length).toBeGreaterThan(0);
  const reviewErrors = body.errors?.filter((error) => error.extensions?.serviceName === 'reviews') ?? [];
  expect(reviewErrors.map((error) => error.path)).toEqual(expect.arrayContaining([['product', 'rating'], ['product', 'reviews']]));
  for (const error of reviewErrors) expect(codes).toContain(error.extensions?.code);
  // Nothing else failed.
  expect(body.errors?.length).toBe(reviewErrors.length);
}

async function scrape(url: string, name: string, labels: string): Promise<number | undefined> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

async function readiness(url: string): Promise<{ breakers: Record<string, string> }> {
  return (await (await fetch(new URL('/ready', url))).json()) as { breakers: Record<string, string> };
}

describe('a frozen subgraph', () => {
  const TIMEOUT_MS = 400;
  const OPEN_MS = 4_000;
  let reviews: SubgraphProcess;
  let gateway: RunningGateway;
  beforeAll(async () => {
    reviews = await startReviewsProcess();
    gateway = await startGatewayAgainst(graph, {
      REVIEWS_URL: reviews.url,
      SUBGRAPH_REVIEWS_TIMEOUT_MS: String(TIMEOUT_MS),
      SUBGRAPH_REVIEWS_BREAKER_FAILURES: '3',
      SUBGRAPH_REVIEWS_BREAKER_OPEN_MS: String(OPEN_MS),
      // /ready asks each subgraph's /health too: the frozen one must not hold it for the default 2 s.
      HEALTH_CHECK_TIMEOUT_MS: '100',
    });
  }, 90_000);
  afterAll(async () => {
    await gateway?.close();
    await reviews?.stop();
  });

  it('costs ProductPage its own timeout, then nothing once the breaker opens, and the breaker closes when it is back', async () => {
    const healthy = await productPage(gateway.url);
    expect(healthy.body.errors).toBeUndefined();
    expect(healthy.body.data?.product?.rating).not.toBeNull();

    reviews.child.kill('SIGSTOP');
    // Each page waits the reviews' own timeout, not the global 10 s, and has every other field.
    const first = await productPage(gateway.url);
    expect(first.status).toBe(200);
    expectEverythingButReviews(first.body, 'SUBGRAPH_TIMEOUT');
    expect(first.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(first.ms).toBeLessThan(TIMEOUT_MS + 1_500);
    // Three failed fetches open the breaker (a page may send the reviews more than one).
    for (let i = 0; i < 3 && (await readiness(gateway.url)).breakers.reviews !== 'open'; i++) {
      const page = await productPage(gateway.url);
      expectEverythingButReviews(page.body, 'SUBGRAPH_TIMEOUT', 'SUBGRAPH_UNAVAILABLE');
      expect(page.ms).toBeLessThan(TIMEOUT_MS + 1_500);
    }
    expect((await readiness(gateway.url)).breakers.reviews).toBe('open');
    expect(await scrape(gateway.url, 'gateway_subgraph_breaker_state', 'subgraph="reviews"')).toBe(1);
    expect(await scrape(gateway.url, 'gateway_subgraph_breaker_opened_total', 'subgraph="reviews"')).toBe(1);

    // Open: answered at once (the best of five, so one stall of a busy machine does not decide).
    const open: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await productPage(gateway.url);
      expectEverythingButReviews(page.body, 'SUBGRAPH_UNAVAILABLE');
      expect(page.body.errors?.[0]?.message).toMatch(/circuit breaker is open/);
      open.push(page.ms);
    }
    expect(Math.min(...open)).toBeLessThan(50);

    // Back: after the open period one probe goes through, succeeds and closes the breaker.
    reviews.child.kill('SIGCONT');
    await new Promise((resolve) => setTimeout(resolve, OPEN_MS + 100));
    const probed = await productPage(gateway.url);
    expect(probed.body.errors).toBeUndefined();
    expect(probed.body.data?.product?.rating).not.toBeNull();
    expect((await readiness(gateway.url)).breakers.reviews).toBe('closed');
    expect(await scrape(gateway.url, 'gateway_subgraph_breaker_state', 'subgraph="reviews"')).toBe(0);
  }, 60_000);
});

describe('a killed subgraph', () => {
  let reviews: SubgraphProcess;
  let gateway: RunningGateway;
  beforeAll(async () => {
    reviews = await startReviewsProcess();
    gateway = await startGatewayAgainst(graph, { REVIEWS_URL: reviews.url, SUBGRAPH_REVIEWS_BREAKER_FAILURES: '100' });
  }, 90_000);
  afterAll(async () => {
    await gateway?.close();
    await reviews?.stop();
  });

  it('is tried again (twice by default) for a query, then reported at its fields', async () => {
    expect((await productPage(gateway.url)).body.errors).toBeUndefined();
    const before = (await scrape(gateway.url, 'gateway_subgraph_retries_total', 'subgraph="reviews"')) ?? 0;
    reviews.child.kill('SIGKILL');
    await new Promise((resolve) => reviews.child.once('exit', resolve));
    const page = await productPage(gateway.url);
    expect(page.status).toBe(200);
    expectEverythingButReviews(page.body, 'SUBGRAPH_UNAVAILABLE');
    expect(page.ms).toBeLessThan(2_000);
    expect(await scrape(gateway.url, 'gateway_subgraph_retries_total', 'subgraph="reviews"')).toBe(before + 2);
  }, 30_000);
});

describe('a subgraph connection that breaks once', () => {
  let flaky: StandIn;
  let gateway: RunningGateway;
  let requests: { operation: string }[] = [];
  let breakNext = false;
  beforeAll(async () => {
    // In front of the graph's real reviews subgraph: drops the connection of the next request
    // when told to, passes every other one through.
    flaky = await fakeSubgraph((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        requests.push({ operation: (JSON.parse(body) as { query: string }).query });
        if (breakNext) {
          breakNext = false;
          request.socket.destroy();
          return;
        }
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
        void fetch(graph.subgraphs.reviews.url, { method: 'POST', headers, body }).then(async (answer) => {
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text());
        });
      });
    });
    gateway = await startGatewayAgainst(graph, { REVIEWS_URL: flaky.url, JWT_SECRET: DEVELOPMENT_JWT_SECRET });
  });
  afterAll(async () => {
    await gateway?.close();
    await flaky?.close();
  });
  afterEach(() => {
    requests = [];
  });

  it('is sent again for a query, which then gets its answer', async () => {
    await productPage(gateway.url);
    const unbroken = requests.length;
    requests = [];
    breakNext = true;
    const page = await productPage(gateway.url);
    expect(page.body.errors).toBeUndefined();
    expect(page.body.data?.product?.rating).not.toBeNull();
    // One more request than without the break: the broken one, sent again.
    expect(requests.length).toBe(unbroken + 1);
    expect(requests[1]!.operation).toBe(requests[0]!.operation);
  });

  it('is never sent again for a mutation: an error, and the subgraph saw it once', async () => {
    breakNext = true;
    const { body } = await postGraphQL<{ submitReview: unknown }>(
      gateway.url,
      operation('SubmitReview'),
      { input: { productId: 'prod-00004', customerId: 'cust-00007', rating: 4, title: 'Once', body: 'Sent once.' } },
      await asCustomer('cust-00007'),
    );
    expect((body as { errors?: GraphQLErrorBody[] }).errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(requests.filter((request) => /submitReview/.test(request.operation)).length).toBe(1);
  });
});
