import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductPageQuery, SubmitReviewMutation } from '../generated/operations.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { PARIS, operation } from '../support/operations.js';
import { asCustomer } from '../support/tokens.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.close());

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

describe('bad input gets a clear error and changes nothing', () => {
  it('an unknown field is a 400 validation error naming the field', async () => {
    const { status, body, contentType } = await postGraphQL(graph.gatewayUrl, '{ product(id: "prod-00001") { id colour } }');
    expect(status).toBe(400);
    expect(contentType).toContain(GRAPHQL_RESPONSE);
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.message).toMatch(/colour/);
    expect(body.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a variable of the wrong type is a 400 naming the variable', async () => {
    const { status, body } = await postGraphQL(graph.gatewayUrl, operation('ProductPage'), {
      id: 'prod-00001',
      channel: 'NOT_A_CHANNEL',
      near: PARIS,
    });
    expect(status).toBe(400);
    expect(body.errors![0]!.message).toMatch(/\$channel/);
    expect(body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an unparsable JSON body is a 400', async () => {
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE },
      body: '{"query": "{ categories { id } }"',
    });
    expect(response.status).toBe(400);
  });

  it('an unparsable document is a 400 syntax error', async () => {
    const { status, body } = await postGraphQL(graph.gatewayUrl, '{ product(id: "x") { id ');
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('a mutation over GET is refused with 405 and is not executed', async () => {
    const query = 'mutation { submitReview(input: { productId: "prod-00002", customerId: "cust-00398", rating: 5, title: "t", body: "b" }) { review { id } } }';
    // The reviewer's own token: were the GET executed, it would be allowed to publish the review.
    const reviewer = await asCustomer('cust-00398');
    // The preflight header gets it past CSRF prevention (gateway/csrf.ts), to the method check.
    const response = await fetch(`${graph.gatewayUrl}?query=${encodeURIComponent(query)}`, {
      headers: { accept: GRAPHQL_RESPONSE, 'apollo-require-preflight': 'true', ...reviewer },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toMatch(/POST/);
    const again = await postGraphQL<SubmitReviewMutation>(
      graph.gatewayUrl,
      query.replace('{ review { id } }', '{ review { id } userErrors { code } }'),
      undefined,
      reviewer,
    );
    expect(again.body.data!.submitReview.userErrors).toEqual([]);
  });

  it('a negative first is a BAD_USER_INPUT error', async () => {
    const { body } = await postGraphQL(graph.gatewayUrl, operation('ProductListing'), { channel: 'WEB', first: -1 });
    expect(body.data ?? null).toBeNull();
    expect(body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toMatch(/first/);
  });

  it('an unknown product id is null, not an error', async () => {
    const { status, body } = await postGraphQL<ProductPageQuery>(graph.gatewayUrl, operation('ProductPage'), {
      id: 'prod-99999',
      channel: 'APP',
      near: PARIS,
    });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { product: null } });
  });

  it('a review with an out-of-range rating is refused and changes nothing', async () => {
    const rating = async () =>
      (await postGraphQL<ProductPageQuery>(graph.gatewayUrl, operation('ProductPage'), { id: 'prod-00004', channel: 'WEB', near: PARIS }))
        .body.data!.product!.rating;
    const before = await rating();
    const { body } = await postGraphQL<SubmitReviewMutation>(
      graph.gatewayUrl,
      operation('SubmitReview'),
      { input: { productId: 'prod-00004', customerId: 'cust-00397', rating: 6, title: 'Too good', body: 'Six stars' } },
      await asCustomer('cust-00397'),
    );
    expect(body.data!.submitReview.review).toBeNull();
    expect(body.data!.submitReview.userErrors.map((e) => e.code)).toEqual(['RATING_OUT_OF_RANGE']);
    expect(await rating()).toEqual(before);
  });
});
