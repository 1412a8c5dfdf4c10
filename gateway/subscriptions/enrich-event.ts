/**
 * Completes one subscription event by the query plan: the event stands in for the primary fetch's
 * answer, and `rest` fetches what other subgraphs add (product name, effective price...). A fetch
 * that fails leaves its fields null with an error on that event; the stream goes on.
 */
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { ExecutionResult } from 'graphql';
import { buildRequestContext, type GatewayRequestContext, type PreparedOperation, type SchemaSnapshot } from '../execute-operation.js';
import type { SubscriptionPlan, SubscriptionPlanner } from './plan-subscription.js';
import type { UpstreamResult } from './upstream-stream.js';

// Not a subgraph name: the primary fetch of each event is answered by the event itself.
const EVENT_SERVICE = '__subscription_event__';

export interface EventEnricherOptions {
  planner: SubscriptionPlanner;
  plan: SubscriptionPlan;
  prepared: PreparedOperation;
  snapshot: SchemaSnapshot;
  /** Data sources of the subgraphs, by name. */
  serviceMap: () => ServiceMap;
  /** Handed to every subgraph fetch (request id, abort signal). */
  context: Record<string, unknown>;
  logger: GatewayRequestContext['logger'];
}

export type EventEnricher = (event: UpstreamResult) => Promise<ExecutionResult>;

export function createEventEnricher(options: EventEnricherOptions): EventEnricher {
  const { planner, plan, prepared, snapshot } = options;
  const queryPlan: QueryPlan = {
    kind: 'QueryPlan',
    node: {
      kind: 'Sequence',
      nodes: [{ ...plan.primary, serviceName: EVENT_SERVICE }, ...(plan.rest ? [plan.rest] : [])],
    },
  };
  const operationContext = buildOperationContext({
    schema: snapshot.schema,
    operationDocument: prepared.document,
    ...(prepared.operationName === undefined ? {} : { operationName: prepared.operationName }),
  });
  const requestContext = buildRequestContext(prepared, snapshot, options.context, options.logger);

  return async (event) => {
    const data = event.data;
    if (!data) return { errors: (event.errors ?? []) as ExecutionResult['errors'] & object };
    const eventSource: GraphQLDataSource = { process: async () => ({ data, ...(event.errors ? { errors: event.errors } : {}) }) };
    const serviceMap = { ...options.serviceMap(), [EVENT_SERVICE]: eventSource };
    const result = await executeQueryPlan(queryPlan, serviceMap, requestContext, operationContext, planner.supergraphSchema, planner.apiSchema);
    return result as ExecutionResult;
  };
}
