import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { send, startGatewayAgainst } from './helpers.js';

let graph: TestGraph;
let locked: RunningGateway;
beforeAll(async () => {
  graph = await startGraph();
  locked = await startGatewayAgainst(graph, { INTROSPECTION: 'false', GRAPHIQL: 'false' });
});
afterAll(async () => {
  await locked?.close();
  await graph?.close();
});

describe('production switches', () => {
  it('answers introspection by default, for codegen and GraphiQL', async () => {
    const { status, body } = await postGraphQL(graph.gatewayUrl, '{ __schema { queryType { name } } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('refuses __schema and __type with INTROSPECTION=false, but keeps __typename', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Customer") { fields { name } } }']) {
      const { status, body } = await postGraphQL(locked.url, query);
      expect(status, query).toBe(400);
      expect(body.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(body.errors![0]!.message).toMatch(/introspection/i);
    }
    const { body } = await postGraphQL(locked.url, '{ __typename categories { id } }');
    expect(body.errors).toBeUndefined();
    expect(body.data?.__typename).toBe('Query');
  });

  it('serves no GraphiQL with GRAPHIQL=false: a browser gets a GraphQL answer instead', async () => {
    const answer = await send(locked.url, { headers: { accept: 'text/html' } });
    expect(answer.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(answer.text).not.toMatch(/<html/i);
  });
});
