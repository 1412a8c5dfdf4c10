/**
 * Plans subscriptions with the federation query planner. `@apollo/gateway` plans and runs queries
 * and mutations but refuses subscriptions, so the gateway keeps a planner of its own on the same
 * supergraph: a subscription plans as `Subscription { primary, rest }`, where `primary` is the
 * fetch that streams the root field from its subgraph and `rest` the fetches that complete each event.
 */
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';

export interface SubscriptionPlan {
  primary: FetchNode;
  rest: PlanNode | undefined;
}

export interface SubscriptionPlanner {
  /** The supergraph schema (with join directives) that the executor needs. */
  supergraphSchema: GraphQLSchema;
  /** The API schema in the planner's own representation. */
  apiSchema: Schema;
  plan(document: DocumentNode, queryHash: string, operationName: string | undefined): SubscriptionPlan;
}

export function createSubscriptionPlanner(coreSupergraphSdl: string, cacheSize = 500): SubscriptionPlanner {
  const supergraph = Supergraph.build(coreSupergraphSdl);
  const planner = new QueryPlanner(supergraph);
  const apiSchema = supergraph.apiSchema();
  const plans = new LRUCache<string, SubscriptionPlan>({ max: cacheSize });
  return {
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    apiSchema,
    plan(document, queryHash, operationName) {
      const key = `${queryHash}:${operationName ?? ''}`;
      const cached = plans.get(key);
      if (cached) return cached;
      const operation = operationFromDocument(apiSchema, document, operationName === undefined ? {} : { operationName });
      const { node } = planner.buildQueryPlan(operation);
      if (node?.kind !== 'Subscription') throw new Error(`Expected a subscription plan, got ${node?.kind ?? 'an empty plan'}`);
      const plan = { primary: node.primary, rest: node.rest };
      plans.set(key, plan);
      return plan;
    },
  };
}
