/**
 * Completes one subscription event by the query plan, on the engine that runs queries
 * (gateway/engine/): the event stands in for the primary fetch's answer, and `rest` fetches what
 * other subgraphs add (product name, effective price...). A fetch that fails leaves its fields null
 * with an error on that event; the stream goes on. Each event is shaped once, whatever the number
 * of subscribers its shared stream has.
 */
import type { GraphQLDataSource, ServiceMap } from '@apollo/gateway';
import { Kind, OperationTypeNode, type DocumentNode, type ExecutionResult, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { GatewayRequestContext, PreparedOperation, SchemaSnapshot } from '../execute-operation.js';
import { executePlan } from '../engine/execute-plan.js';
import { variableValuesOf } from '../engine/supergraph-engine.js';
import type { PathSegment, PlanNode, SubscriptionPlan } from '../engine/plan.js';
import { isRawJson, materialize } from '../engine/raw-json.js';
import { rememberSerialized } from './serialize-once.js';
import { compileShape, type CompiledShape } from '../engine/shape-response.js';
import type { SubscriptionPlanner } from './plan-subscription.js';
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

/**
 * An enriched event with the ledger sequence of the change it tells (read from the upstream result's
 * `__resumeSequence`, which the client's selection may not contain); undefined for a stream that is
 * not resumable and for an error that ends the stream.
 */
export interface SequencedResult {
  sequence: number | undefined;
  result: ExecutionResult;
}

/**
 * Enriches a page of events (history rows, in order) with one run of the plan: each fetch of `rest`
 * gets the entities of the whole page at once instead of one request per event. Undefined when the
 * page came back with any error (or the plan cannot run by pages): the caller then enriches each
 * event alone, so each error sits on its own event exactly as it would live.
 */
export type PageEnricher = (events: readonly UpstreamResult[]) => Promise<ExecutionResult[] | undefined>;

export function createEventEnricher(options: EventEnricherOptions): EventEnricher {
  return createEnrichers(options).enrichEvent;
}

interface EventRun {
  node: PlanNode;
  shape: CompiledShape;
}

export function createEnrichers(options: EventEnricherOptions & { historyField?: string | undefined }): { enrichEvent: EventEnricher; enrichPage: PageEnricher | undefined } {
  const { planner, plan, prepared, snapshot } = options;
  const types = planner.types;
  const variableValues = variableValuesOf(snapshot.schema, prepared);
  const eventRun: EventRun = {
    node: sequenceAfterEvent(plan, plan.rest),
    shape: compileShape(snapshot.schema, prepared.document, prepared.operation),
  };
  const run = async ({ node, shape }: EventRun, answer: { data: Record<string, unknown>; errors?: unknown }): Promise<ExecutionResult> => {
    const eventSource: GraphQLDataSource = { process: async () => answer as never };
    const serviceMap = { ...options.serviceMap(), [EVENT_SERVICE]: eventSource };
    const fetched = await executePlan(node, { serviceMap, variables: prepared.variables, variableValues, context: options.context, types });
    const shaped = await shape.shape(fetched.data, variableValues);
    // Parsed once here, for whatever reads the value (removals, SSE); WebSocket messages are written
    // from the text the shaping wrote, once for every subscriber (serialize-once.ts).
    const data = materialize(shaped.data);
    if (data && isRawJson(shaped.data)) rememberSerialized(data, shaped.data.text);
    if (fetched.errors.length > 0) return { data, errors: fetched.errors };
    if (shaped.errors.length > 0) return { data, extensions: { valueCompletion: shaped.errors } };
    return { data };
  };

  const enrichEvent: EventEnricher = async (event) => {
    const data = event.data;
    if (!data) return { errors: (event.errors ?? []) as ExecutionResult['errors'] & object };
    return run(eventRun, { data, ...(event.errors ? { errors: event.errors } : {}) });
  };
  const pageRun = options.historyField === undefined ? undefined : preparePageRun(options, options.historyField);
  const enrichPage: PageEnricher | undefined = pageRun
    ? async (events) => {
        if (events.some((event) => !event.data || event.errors)) return undefined;
        const rows = events.map((event) => (event.data as Record<string, unknown>)[pageRun.responseKey]);
        const result = await run(pageRun, { data: { [pageRun.responseKey]: rows } });
        const enriched = (result.data as Record<string, unknown> | null | undefined)?.[pageRun.responseKey];
        if (result.errors?.length || result.extensions || !Array.isArray(enriched) || enriched.length !== events.length || enriched.some((item) => item == null)) return undefined;
        return enriched.map((item) => ({ data: { [pageRun.responseKey]: item } }));
      }
    : undefined;
  return { enrichEvent, enrichPage };
}

/** The plan of one event: its primary fetch answered by the event, then `rest`. */
function sequenceAfterEvent(plan: SubscriptionPlan, rest: PlanNode | undefined): PlanNode {
  return { kind: 'Sequence', nodes: [{ ...plan.primary, serviceName: EVENT_SERVICE }, ...(rest ? [rest] : [])] };
}

function preparePageRun(options: EventEnricherOptions, historyField: string): (EventRun & { responseKey: string }) | undefined {
  const { plan, prepared, snapshot } = options;
  const operation = prepared.operation;
  const root = operation.selectionSet.selections[0];
  if (operation.selectionSet.selections.length !== 1 || root?.kind !== Kind.FIELD) return undefined;
  const responseKey = root.alias?.value ?? root.name.value;
  const rest = plan.rest === undefined ? undefined : overList(plan.rest);
  if (plan.rest !== undefined && rest === undefined) return undefined;
  // The client's selection on the history field (a list of the same type): the answer's shape for a page.
  const pageRoot: FieldNode = { ...root, alias: { kind: Kind.NAME, value: responseKey }, name: { kind: Kind.NAME, value: historyField }, arguments: [] };
  const pageOperation: OperationDefinitionNode = { ...operation, operation: OperationTypeNode.QUERY, selectionSet: { ...operation.selectionSet, selections: [pageRoot] } };
  const pageDocument: DocumentNode = { ...prepared.document, definitions: prepared.document.definitions.map((d) => (d === operation ? pageOperation : d)) };
  let shape: CompiledShape;
  try {
    shape = compileShape(snapshot.schema, pageDocument, pageOperation);
  } catch {
    return undefined;
  }
  return { node: sequenceAfterEvent(plan, rest), shape, responseKey };
}

/** The plan of one event's enrichment made to run over a list of events: each path goes through the list (`@`) after the root field. */
function overList(node: PlanNode): PlanNode | undefined {
  const throughList = (path: PathSegment[]): PathSegment[] | undefined => (path.length === 0 ? undefined : [path[0]!, '@', ...path.slice(1)]);
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel': {
      const nodes = node.nodes.map(overList);
      return nodes.every((n): n is PlanNode => n !== undefined) ? { ...node, nodes } : undefined;
    }
    case 'Flatten': {
      const path = throughList(node.path);
      return path === undefined ? undefined : { ...node, path };
    }
    case 'BatchFetch': {
      // Hive's merged entity fetches: each alias says where its entities are, from the root.
      const aliases = node.aliases.map((alias) => {
        const paths = alias.paths.map(throughList);
        return paths.every((path) => path !== undefined) ? { ...alias, paths } : undefined;
      });
      return aliases.every((alias) => alias !== undefined) ? { ...node, aliases } : undefined;
    }
    case 'Condition': {
      const ifClause = node.ifClause === undefined ? undefined : overList(node.ifClause);
      const elseClause = node.elseClause === undefined ? undefined : overList(node.elseClause);
      if ((node.ifClause && !ifClause) || (node.elseClause && !elseClause)) return undefined;
      return { ...node, ifClause, elseClause };
    }
    default:
      // A root fetch or a @defer: not a per-event completion; enrich event by event.
      return undefined;
  }
}
