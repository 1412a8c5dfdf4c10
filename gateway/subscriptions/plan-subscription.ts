/**
 * Plans subscriptions where our engine is not in service (`GATEWAY_EXECUTOR=apollo`): stock
 * `@apollo/gateway` plans and runs queries and mutations but refuses subscriptions, so the gateway
 * keeps Apollo's planner on the same supergraph for them. With our engine, the engine plans them
 * (Hive's planner, or Apollo's: supergraph-engine.ts) and this file is not used. Either way a
 * subscription's plan is `{ primary, rest }` in our plan format (engine/plan.ts).
 */
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { LRUCache } from 'lru-cache';
import { subscriptionFromApolloPlan, type SubscriptionPlan } from '../engine/plan.js';
import type { SubscriptionPlanner } from '../engine/supergraph-engine.js';
import { createTypeRelations } from '../engine/type-relations.js';

export type { SubscriptionPlanner } from '../engine/supergraph-engine.js';

export function createSubscriptionPlanner(coreSupergraphSdl: string, cacheSize = 500): SubscriptionPlanner {
  const supergraph = Supergraph.build(coreSupergraphSdl);
  const planner = new QueryPlanner(supergraph);
  const apiSchema = supergraph.apiSchema();
  const plans = new LRUCache<string, SubscriptionPlan>({ max: cacheSize });
  return {
    types: createTypeRelations(supergraph.schema.toGraphQLJSSchema()),
    planSubscription(prepared) {
      const key = `${prepared.queryHash}:${prepared.operationName ?? ''}`;
      const cached = plans.get(key);
      if (cached) return cached;
      const operation = operationFromDocument(apiSchema, prepared.document, prepared.operationName === undefined ? {} : { operationName: prepared.operationName });
      const plan = subscriptionFromApolloPlan(planner.buildQueryPlan(operation).node);
      plans.set(key, plan);
      return plan;
    },
  };
}
