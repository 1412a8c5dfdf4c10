/**
 * A subgraph enforces its own `@authenticated` / `@requiresScopes` directives against the principal
 * the gateway vouched for: a request crafted with a valid vouching still meets every rule.
 */
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { inventorySubgraph } from '../../subgraphs/inventory/index.js';
import { PRINCIPAL_HEADER } from '../../platform/internal-principal.js';
import { ANONYMOUS, type SubgraphPrincipal } from '../../platform/principal.js';
import { TEST_OPERATOR, startTestSubgraph, vouchFor, type TestSubgraph, errorCodes } from '../support/subgraph.js';
import { subscribeOverWebSocket } from '../support/subscribers.js';

let inventory: TestSubgraph;
beforeAll(async () => {
  inventory = await startTestSubgraph(inventorySubgraph, 0.01);
});
afterAll(() => inventory?.close());

const SHOPPER: SubgraphPrincipal = { authenticated: true, subject: 'cust-00001', scopes: ['customer'] };

describe("a subgraph's own directive checks", () => {
  it('answers @authenticated fields to a signed-in principal only', async () => {
    const anonymous = await inventory.query('{ stockLedgerHead }', undefined, { as: ANONYMOUS });
    expect(anonymous.data).toBeNull();
    expect(errorCodes(anonymous)).toEqual(['UNAUTHORIZED']);
    const operator = await inventory.query<{ stockLedgerHead: number }>('{ stockLedgerHead }', undefined, { as: TEST_OPERATOR });
    expect(operator.errors).toBeUndefined();
    expect(operator.data!.stockLedgerHead).toBeGreaterThan(0);
  });

  it('answers @requiresScopes fields only to a principal holding one of the scope sets', async () => {
    const query = '{ reservation(id: "res-none") { id } }';
    expect(errorCodes(await inventory.query(query, undefined, { as: { authenticated: true, subject: 'x', scopes: ['stock:write'] } }))).toEqual(['FORBIDDEN']);
    expect((await inventory.query(query, undefined, { as: SHOPPER })).errors).toBeUndefined();
  });

  it('refuses a subscription to an anonymous principal at subscribe time', async () => {
    const url = inventory.subgraph.url;
    const subscribeAs = async (principal: SubgraphPrincipal) =>
      subscribeOverWebSocket(
        url,
        'subscription { stockChanged { sequence } }',
        undefined,
        createWsClient({
          url: url.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          lazy: true,
          connectionParams: { principalToken: (await vouchFor(principal))[PRINCIPAL_HEADER] },
        }),
      );
    const refused = await subscribeAs(ANONYMOUS);
    await refused.ended();
    expect(JSON.stringify(refused.error ?? refused.results)).toMatch(/UNAUTHORIZED/);
    await refused.stop();
  });
});
