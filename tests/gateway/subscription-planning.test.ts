/**
 * Subscriptions are planned by our engine's planner (gateway/engine/supergraph-engine.ts): Hive's
 * by default, Apollo's when asked for, into one plan format (engine/plan.ts `SubscriptionPlan`)
 * that the subscription engine runs event by event. The live-stock end-to-end tests run those plans.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { downgradeEnforcedSecurityLinks } from '../../gateway/authorization/security-links.js';
import { createSupergraphEngine } from '../../gateway/engine/supergraph-engine.js';
import type { PlanNode } from '../../gateway/engine/plan.js';
import { createSubscriptionPlanner } from '../../gateway/subscriptions/plan-subscription.js';
import { SUPERGRAPH_PATH } from '../../schema/subgraphs.js';
import { operation } from '../support/operations.js';

const sdl = downgradeEnforcedSecurityLinks(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const apiSchema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();

function prepared(query: string) {
  const document = parse(query);
  const definition = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return { query, queryHash: createHash('sha256').update(query).digest('hex'), document, operation: definition, operationName: definition.name?.value, variables: {} };
}

/** The subgraph of every fetch of a plan, in plan order. */
function servicesOf(node: PlanNode | undefined): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
    case 'BatchFetch':
      return [node.serviceName];
    case 'Flatten':
      return servicesOf(node.node);
    case 'Condition':
      return [...servicesOf(node.ifClause), ...servicesOf(node.elseClause)];
    default:
      return node.nodes.flatMap(servicesOf);
  }
}

const STOCK_WATCH = prepared(operation('StockWatch'));

describe('subscription planning', () => {
  it.each(['hive', 'apollo'] as const)("plans StockWatch with %s's planner: the stream from inventory, each event completed from catalog and promotions", (planner) => {
    const engine = createSupergraphEngine(sdl, apiSchema, { planner });
    expect(engine.planner).toBe(planner);
    const plan = engine.planSubscription(STOCK_WATCH);
    expect(plan.primary).toMatchObject({ kind: 'Fetch', serviceName: 'inventory' });
    expect(plan.primary.operation).toMatch(/^subscription\b[^{]*\{\s*stockChanged\(/);
    // Each planner's own plan (no silent fall-back): Apollo names its fetches, Hive does not.
    if (planner === 'apollo') expect(plan.primary.operation).toContain('StockWatch__inventory__0');
    else expect(plan.primary.operation).toMatch(/^subscription\(/);
    expect([...plan.primary.variableUsages ?? []].sort()).toEqual(['after', 'locationIds', 'skus']);
    expect(new Set(servicesOf(plan.rest))).toEqual(new Set(['catalog', 'promotions']));
    // Planned once per document.
    expect(engine.planSubscription(STOCK_WATCH)).toBe(plan);
  });

  it("plans the same fetches as the stock executor's planner (Apollo's, for GATEWAY_EXECUTOR=apollo)", () => {
    const hive = createSupergraphEngine(sdl, apiSchema, { planner: 'hive' }).planSubscription(STOCK_WATCH);
    const stock = createSubscriptionPlanner(sdl).planSubscription(STOCK_WATCH);
    expect(stock.primary.serviceName).toBe(hive.primary.serviceName);
    expect(servicesOf(stock.rest).sort()).toEqual(servicesOf(hive.rest).sort());
  });

  it('refuses a query as a subscription plan, and a subscription as a query plan', async () => {
    const engine = createSupergraphEngine(sdl, apiSchema, { planner: 'hive' });
    expect(() => engine.planSubscription(prepared('{ __typename }'))).toThrow(/subscription plan/);
    const answer = await engine.execute(STOCK_WATCH, {}, {});
    expect(answer.errors?.[0]?.message).toMatch(/event by event/);
  });
});
