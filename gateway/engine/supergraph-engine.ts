/**
 * The engine of one supergraph in service: its query planner (Hive's Rust planner, or Apollo's),
 * the plans and compiled response shapes of the operations seen (one LRU, keyed by document hash
 * and operation name), and the executor that runs them (execute-plan.ts, then
 * shape-response.ts). Built once per supergraph load, per endpoint, and replaced whole on reload.
 */
import { createRequire } from 'node:module';
import type { GraphQLDataSource } from '@apollo/gateway';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { buildSchema, GraphQLError, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { OperationResult, PreparedOperation } from '../execute-operation.js';
import { coerceVariables } from '../prepare-operation.js';
import { executePlan } from './execute-plan.js';
import type { FetchCacheProvider } from './fetch-cache.js';
import { fromApolloPlan, fromHivePlan, isHiveSubscriptionPlan, subscriptionFromApolloPlan, subscriptionFromHivePlan, type ApolloRootNode, type HiveNode, type PlanNode, type PlannerKind, type SubscriptionPlan } from './plan.js';

export type { PlannerKind } from './plan.js';
import { createProgressiveOverride, type OverrideDecision } from './progressive-override.js';
import { compileShape, type CompiledShape } from './shape-response.js';
import { createTypeRelations, type TypeRelations } from './type-relations.js';


/** What the subscription engine needs of a supergraph's planner: each subscription's plan, and the supergraph's types. */
export interface SubscriptionPlanner {
  readonly types: TypeRelations;
  /** The plan of a subscription (cached); throws when it cannot be planned. */
  planSubscription(prepared: PreparedOperation): SubscriptionPlan;
}

export interface SupergraphEngine extends SubscriptionPlanner {
  /** The planner in use: `hive` unless the addon could not load (or `apollo` was asked for). */
  readonly planner: PlannerKind;
  /** Plans (cached), fetches and shapes one operation. */
  execute(prepared: PreparedOperation, serviceMap: Readonly<Record<string, GraphQLDataSource>>, context: Record<string, unknown>): Promise<OperationResult>;
}

interface PreparedPlan {
  node: PlanNode | undefined;
  shape: CompiledShape;
}

export interface EngineLogger {
  warn(message: string): void;
  debug(message: string): void;
}

export interface SupergraphEngineOptions {
  /** Plans kept (LRU). */
  planCacheSize?: number;
  /** `GATEWAY_PLANNER`. @default 'hive' */
  planner?: PlannerKind;
  /** `GATEWAY_OVERRIDE_LABELS`: progressive `@override` labels switched on (progressive-override.ts). */
  overrideLabels?: readonly string[];
  logger?: EngineLogger;
  /** Where query operations look their subgraph answers up first (gateway/cache/). @default none */
  cache?: FetchCacheProvider | undefined;
}

/** A planner's own plan of an operation, converted to ours by `convert`. */
type Plan = <T>(prepared: PreparedOperation, override: OverrideDecision, convert: Converters<T>) => T;
interface Converters<T> {
  apollo(node: ApolloRootNode | undefined): T;
  hive(node: HiveNode | undefined): T;
}

/** Queries and mutations: one plan to run. A subscription is executed event by event, not as one plan. */
const OPERATION: Converters<PlanNode | undefined> = {
  apollo(node) {
    if (node?.kind === 'Subscription') throw new Error('A subscription is executed event by event, not as one plan');
    return node ? fromApolloPlan(node) : undefined;
  },
  hive(node) {
    if (isHiveSubscriptionPlan(node)) throw new Error('A subscription is executed event by event, not as one plan');
    return node ? fromHivePlan(node) : undefined;
  },
};
const SUBSCRIPTION: Converters<SubscriptionPlan> = { apollo: subscriptionFromApolloPlan, hive: subscriptionFromHivePlan };

export function createSupergraphEngine(coreSupergraphSdl: string, apiSchema: GraphQLSchema, options: SupergraphEngineOptions = {}): SupergraphEngine {
  const supergraph = buildSchema(coreSupergraphSdl, { assumeValidSDL: true });
  const types: TypeRelations = createTypeRelations(supergraph);
  const cache = options.cache?.forSupergraph(supergraph);
  const plans = new LRUCache<string, PreparedPlan>({ max: options.planCacheSize ?? 1_000 });
  const subscriptionPlans = new LRUCache<string, SubscriptionPlan>({ max: options.planCacheSize ?? 1_000 });
  // Apollo's planner is built only when asked for or when Hive's cannot plan an operation.
  let apollo: Plan | undefined;
  const apolloPlan: Plan = (prepared, override, convert) => (apollo ??= createApolloPlanner(coreSupergraphSdl))(prepared, override, convert);
  const progressiveOverride = createProgressiveOverride(coreSupergraphSdl, options.overrideLabels);
  const hive = options.planner === 'apollo' ? undefined : createHivePlanner(coreSupergraphSdl, options.logger);
  const planner: PlannerKind = hive ? 'hive' : 'apollo';

  const planWith = <T>(prepared: PreparedOperation, override: OverrideDecision, convert: Converters<T>): T => {
    if (!hive) return apolloPlan(prepared, override, convert);
    try {
      return hive(prepared, override, convert);
    } catch (error) {
      options.logger?.debug(`Hive's planner could not plan operation ${prepared.queryHash.slice(0, 12)} (${(error as Error).message}); planned by Apollo's`);
      return apolloPlan(prepared, override, convert);
    }
  };

  /**
   * The cached plan of `prepared` in `cache`, made by `make` on a miss. Plans are keyed by document,
   * operation and, where the supergraph has labelled overrides, the labels this request's roll made active.
   */
  const cachedPlan = <T extends {}>(cache: LRUCache<string, T>, prepared: PreparedOperation, make: (override: OverrideDecision) => T): T => {
    const override = progressiveOverride.decide();
    const key = `${prepared.queryHash}\u0000${prepared.operationName ?? ''}\u0000${override.key}`;
    let plan = cache.get(key);
    if (!plan) {
      plan = make(override);
      cache.set(key, plan);
    }
    return plan;
  };
  const planFor = (prepared: PreparedOperation): PreparedPlan =>
    cachedPlan(plans, prepared, (override) => ({ node: planWith(prepared, override, OPERATION), shape: compileShape(apiSchema, prepared.document, prepared.operation) }));

  return {
    planner,
    types,
    // Planned once per subscription (its events all follow one plan), with the labels of its roll.
    planSubscription: (prepared) => cachedPlan(subscriptionPlans, prepared, (override) => planWith(prepared, override, SUBSCRIPTION)),
    async execute(prepared, serviceMap, context) {
      let plan: PreparedPlan;
      try {
        plan = planFor(prepared);
      } catch (error) {
        return { errors: [error instanceof GraphQLError ? error : new GraphQLError(String((error as Error)?.message ?? error), { originalError: error as Error })] };
      }
      const variableValues = variableValuesOf(apiSchema, prepared);
      // Only a query reads through the cache: a mutation's later fetches must see what it changed.
      const fetched = await executePlan(plan.node, { serviceMap, variables: prepared.variables, variableValues, context, types, cache: prepared.operation.operation === 'query' ? cache : undefined });
      const shaped = await plan.shape.shape(fetched.data, variableValues);
      // Shaping finds holes a failed fetch leaves: its own errors would repeat the fetch's. When no
      // fetch failed, they are reported apart, as Apollo Router does (`valueCompletion`).
      if (fetched.errors.length > 0) return { data: shaped.data, errors: fetched.errors };
      if (shaped.errors.length > 0) return { data: shaped.data, extensions: { valueCompletion: shaped.errors } };
      return { data: shaped.data };
    },
  };
}

function createApolloPlanner(coreSupergraphSdl: string): Plan {
  const supergraph = Supergraph.build(coreSupergraphSdl);
  const planner = new QueryPlanner(supergraph);
  const apiSchema = supergraph.apiSchema();
  return (prepared, override, convert) => {
    const operation = operationFromDocument(apiSchema, prepared.document, prepared.operationName === undefined ? {} : { operationName: prepared.operationName });
    return convert.apollo(planner.buildQueryPlan(operation, { overrideConditions: new Map(override.conditions) }).node);
  };
}

interface HiveQueryPlanner {
  plan(query: string, operationName: string | undefined | null, activeLabels: Set<string>, percentageValue: number): { node?: Record<string, unknown> & { kind: string } };
}

let hiveModule: { QueryPlanner: new (sdl: string) => HiveQueryPlanner } | null | undefined;

/** Hive Router's planner (a Node addon); undefined, said once in the log, where it cannot load. */
function createHivePlanner(coreSupergraphSdl: string, logger: EngineLogger | undefined): Plan | undefined {
  if (hiveModule === undefined) {
    try {
      hiveModule = createRequire(import.meta.url)('@graphql-hive/router-query-planner') as typeof hiveModule;
    } catch (error) {
      hiveModule = null;
      logger?.warn(`Hive's query planner (@graphql-hive/router-query-planner) cannot load here (${(error as Error).message}): planning with Apollo's (@apollo/query-planner)`);
    }
  }
  if (!hiveModule) return undefined;
  const planner = new hiveModule.QueryPlanner(coreSupergraphSdl);
  return (prepared, override, convert) => convert.hive(planner.plan(prepared.query, prepared.operationName ?? null, new Set(override.labels), override.roll).node);
}

/** The operation's coerced variable values: those the pipeline made, or made here (prepare-operation.ts). */
export function variableValuesOf(schema: GraphQLSchema, prepared: PreparedOperation): Readonly<Record<string, unknown>> {
  if (prepared.variableValues) return prepared.variableValues;
  const outcome = coerceVariables(schema, prepared.operation, prepared.variables);
  return outcome.ok ? outcome.value : {};
}
