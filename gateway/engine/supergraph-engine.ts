/**
 * The engine of one supergraph in service: its query planner, the plans and compiled response
 * shapes of the operations seen (one LRU, keyed by document hash and operation name), and the
 * executor that runs them (execute-plan.ts, then shape-response.ts). Built once per supergraph
 * load, per endpoint, and replaced whole on reload.
 */
import type { GraphQLDataSource } from '@apollo/gateway';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode } from '@apollo/query-planner';
import { GraphQLError, getVariableValues, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { OperationResult, PreparedOperation } from '../execute-operation.js';
import { executePlan } from './execute-plan.js';
import { compileShape, type CompiledShape } from './shape-response.js';
import { createTypeRelations, type TypeRelations } from './type-relations.js';

export interface SupergraphEngine {
  /** Plans (cached), fetches and shapes one operation. */
  execute(prepared: PreparedOperation, serviceMap: Readonly<Record<string, GraphQLDataSource>>, context: Record<string, unknown>): Promise<OperationResult>;
}

interface PreparedPlan {
  node: PlanNode | undefined;
  shape: CompiledShape;
}

export interface SupergraphEngineOptions {
  /** Plans kept (LRU). */
  planCacheSize?: number;
}

export function createSupergraphEngine(coreSupergraphSdl: string, apiSchema: GraphQLSchema, options: SupergraphEngineOptions = {}): SupergraphEngine {
  const supergraph = Supergraph.build(coreSupergraphSdl);
  const planner = new QueryPlanner(supergraph);
  const plannerApiSchema = supergraph.apiSchema();
  const types: TypeRelations = createTypeRelations(supergraph.schema.toGraphQLJSSchema());
  const plans = new LRUCache<string, PreparedPlan>({ max: options.planCacheSize ?? 1_000 });

  const planFor = (prepared: PreparedOperation): PreparedPlan => {
    const key = `${prepared.queryHash}\u0000${prepared.operationName ?? ''}`;
    let plan = plans.get(key);
    if (!plan) {
      const operation = operationFromDocument(plannerApiSchema, prepared.document, prepared.operationName === undefined ? {} : { operationName: prepared.operationName });
      const { node } = planner.buildQueryPlan(operation);
      if (node?.kind === 'Subscription') throw new Error('A subscription is executed event by event, not as one plan');
      plan = { node, shape: compileShape(apiSchema, prepared.document, prepared.operation) };
      plans.set(key, plan);
    }
    return plan;
  };

  return {
    async execute(prepared, serviceMap, context) {
      let plan: PreparedPlan;
      try {
        plan = planFor(prepared);
      } catch (error) {
        return { errors: [error instanceof GraphQLError ? error : new GraphQLError(String((error as Error)?.message ?? error), { originalError: error as Error })] };
      }
      const variableValues = prepared.variableValues ?? coerced(apiSchema, prepared);
      const fetched = await executePlan(plan.node, { serviceMap, variables: prepared.variables, variableValues, context, types });
      const shaped = await plan.shape.shape(fetched.data, variableValues);
      // Shaping finds holes a failed fetch leaves: its own errors would repeat the fetch's. When no
      // fetch failed, they are reported apart, as Apollo Router does (`valueCompletion`).
      if (fetched.errors.length > 0) return { data: shaped.data, errors: fetched.errors };
      if (shaped.errors.length > 0) return { data: shaped.data, extensions: { valueCompletion: shaped.errors } };
      return { data: shaped.data };
    },
  };
}

function coerced(schema: GraphQLSchema, prepared: PreparedOperation): Record<string, unknown> {
  const definitions = prepared.operation.variableDefinitions;
  if (!definitions || definitions.length === 0) return {};
  return getVariableValues(schema, definitions, prepared.variables ?? {}).coerced ?? {};
}
