/**
 * The differential suite on a federation fixture (tests/support/federation-fixture.ts): the same
 * document through our engine and through stock @apollo/gateway's executor, two gateways on the
 * same in-process subgraphs; `data` deep-equal, errors at the same paths with the same codes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type RunningGateway } from '../../gateway/create-gateway.js';
import { loadGatewayConfig, type GatewayExecutorKind } from '../../gateway/config.js';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import { postGraphQL } from '../support/graph.js';
import { compareAnswers } from '../support/differential.js';
import { startFederationFixture, type FederationFixture } from '../support/federation-fixture.js';

let fixture: FederationFixture;
let folder: string;
const gateways: Partial<Record<GatewayExecutorKind, RunningGateway>> = {};

beforeAll(async () => {
  fixture = await startFederationFixture();
  folder = mkdtempSync(join(tmpdir(), 'differential-'));
  const supergraphPath = join(folder, 'supergraph.graphql');
  writeFileSync(supergraphPath, fixture.supergraphSdl);
  for (const executor of ['own', 'apollo'] as const) {
    gateways[executor] = await createGateway(
      loadGatewayConfig({
        SUPERGRAPH_PATH: supergraphPath,
        SUPERGRAPH_WATCH: 'false',
        GATEWAY_EXECUTOR: executor,
        PUBLIC_SUPERGRAPH_PATH: 'off',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATA_DIR: folder,
        JWT_SECRET: DEVELOPMENT_JWT_SECRET,
        INTERNAL_TOKEN_SECRET: 'differential-suite-internal-token-secret-0123456789',
      }),
    );
  }
}, 60_000);
afterAll(async () => {
  await gateways.own?.close();
  await gateways.apollo?.close();
  await fixture?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function bothAnswer(query: string, variables: Record<string, unknown> = {}) {
  const [ours, stock] = await Promise.all([postGraphQL(gateways.own!.url, query, variables), postGraphQL(gateways.apollo!.url, query, variables)]);
  expect(ours.status).toBe(stock.status);
  compareAnswers(ours.body, stock.body);
  return ours.body;
}

describe('our engine answers as stock @apollo/gateway does, on the federation fixture', () => {
  it('@requires (two fields, and one with arguments under aliases), @provides, nested lists of entities', async () => {
    const body = await bothAnswer(`{
      topProducts(first: 2) {
        upc name price shippingEstimate inStock
        near: shippingTo(zone: 1) far: shippingTo(zone: 3)
        reviews { id body author { username name reviews { id product { upc name shippingEstimate } } } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    expect((body.data as { topProducts: unknown[] }).topProducts).toHaveLength(2);
  });

  it('a failing field and a null entity: errors at their paths, the rest of the answer kept', async () => {
    const body = await bothAnswer(`{ topProducts { upc flaky inStock shippingEstimate } }`);
    expect(body.errors?.length).toBeGreaterThan(0);
  });

  it('a non-null field left null propagates to the nearest nullable parent', async () => {
    await bothAnswer(`{ product(upc: "p3") { name reviews { id body } } other: product(upc: "p1") { name } }`);
    await bothAnswer(`{ latestReviews { id body } }`);
  });

  it('an @inaccessible enum value from a subgraph is not shown', async () => {
    await bothAnswer(`{ topProducts { upc state } }`);
  });

  it('entities missing in the subgraph that owns them; entities reached from several subgraphs', async () => {
    await bothAnswer(`{ latestReviews { id author { id username name } product { upc name inStock shippingEstimate } } }`);
  });

  it('interfaces and unions spread across subgraphs, fragments by concrete type, __typename everywhere', async () => {
    await bothAnswer(`{
      __typename
      search(text: "e") {
        __typename
        ... on Product { upc name inStock }
        ... on Media { id title }
        ... on Book { pages reviews { __typename body author { __typename username } } }
        ... on Movie { minutes }
      }
      media { __typename id title ... on Book { pages } ... on Movie { minutes } }
    }`);
  });

  it('@interfaceObject: fields added to an interface by a subgraph that sees it as an object', async () => {
    await bothAnswer(`{ media { id title stars ... on Book { pages } } }`);
    await bothAnswer(`{ bestMedia { __typename id stars title ... on Movie { minutes } ... on Book { reviews { body } } } }`);
    await bothAnswer(`{ bestMedia { id stars } }`);
  });

  it('@skip and @include with variables choose the fetches (condition nodes)', async () => {
    const query = `query Q($withReviews: Boolean!, $skipStock: Boolean = false) {
      topProducts(first: 3) { name reviews @include(if: $withReviews) { body author { name } } inStock @skip(if: $skipStock) shippingEstimate @include(if: $withReviews) }
    }`;
    for (const withReviews of [true, false]) {
      for (const skipStock of [true, false]) await bothAnswer(query, { withReviews, skipStock });
    }
  });

  it('root fields of several subgraphs, aliases on entity fields, repeated selections merged', async () => {
    await bothAnswer(`{
      me { name n: name reviews { body product { upc price p: price } } reviews { id } }
      users { id username }
      a: product(upc: "p1") { upc x: name y: shippingEstimate ...P }
      b: product(upc: "p9") { upc }
    }
    fragment P on Product { inStock reviews { id author { id } } }`);
  });
});
