/**
 * Subscriptions through the gateway: plan with the federation planner, stream the root field from
 * its subgraph (resumable, shared between identical subscriptions), complete each event from the
 * other subgraphs by the plan. Transport-free: the WebSocket and SSE routes both use it.
 */
import type { GraphQLDataSourceProcessOptions, ServiceMap } from '@apollo/gateway';
import { GraphQLError, Kind, type ExecutionResult } from 'graphql';
import { ErrorCode, codedError, toClientError } from '../errors.js';
import type { GatewayRequestContext, PreparedOperation, SchemaSnapshot } from '../execute-operation.js';
import { rightsKey } from '../authorization/rights-key.js';
import type { Principal } from '../identity/principal.js';
import type { DirectSink } from './direct-delivery.js';
import { createEnrichers, type EventEnricher, type SequencedResult } from './enrich-event.js';
import { enrichAll, enrichInOrder } from './ordered-enrichment.js';
import type { SubscriptionPlanner } from './plan-subscription.js';
import { PAGE_SIZE_VARIABLE, historyFieldOf, prepareUpstreamOperation } from './resumable-operation.js';
import { createSharedStreams, type SharedStreams } from './shared-streams.js';
import type { UpstreamConnections } from './upstream-connections.js';
import { sequenceOf, streamFromUpstream, type UpstreamResult } from './upstream-stream.js';

export interface SubscriptionEngineOptions {
  /** Apollo's subscription planner of the supergraph in service, for snapshots without our engine; undefined until one is loaded. */
  currentPlanner(): SubscriptionPlanner | undefined;
  serviceMap(): ServiceMap;
  /** The URL the gateway uses for a subgraph. */
  subgraphUrl(name: string): string | undefined;
  connections: UpstreamConnections;
  logger: GatewayRequestContext['logger'] & { warn(object: object, message: string): void };
  /**
   * Events a client may leave unread: beyond it, a client of a resumable stream goes on from the
   * history at its own pace, a client of another stream is disconnected (SUBSCRIBER_TOO_SLOW).
   */
  maxBacklog?: number;
  /** Events per history page a catching-up client reads. @default 100 */
  historyPageSize?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export interface SubscriptionEngine {
  /**
   * Streams the operation for `principal`; subscribers with the same rights (authorization/rights-key.ts) share a stream.
   * `sink`: the transport's direct writer (direct-delivery.ts), for a client that receives the events unchanged.
   */
  subscribe(prepared: PreparedOperation, snapshot: SchemaSnapshot, principal: Principal, sink?: DirectSink): AsyncIterableIterator<ExecutionResult> | ExecutionResult;
  stats(): { streams: number; subscribers: number };
  /** Completes every subscription and closes the upstream connections. */
  close(): Promise<void>;
}

export function createSubscriptionEngine(options: SubscriptionEngineOptions): SubscriptionEngine {
  const shared: SharedStreams = createSharedStreams({
    logger: options.logger,
    ...(options.maxBacklog === undefined ? {} : { maxBacklog: options.maxBacklog }),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    ...(options.maxRetryDelayMs === undefined ? {} : { maxRetryDelayMs: options.maxRetryDelayMs }),
  });
  const historyPageSize = options.historyPageSize ?? 100;
  let streamCount = 0;

  return {
    subscribe(prepared, snapshot, principal, sink) {
      // Our engine plans (Hive's planner, or Apollo's) where it is in service; Apollo's otherwise.
      const planner = snapshot.engine ?? options.currentPlanner();
      if (!planner) return { errors: [codedError('No supergraph is loaded yet', ErrorCode.ServiceUnavailable)] };
      let plan;
      try {
        plan = planner.planSubscription(prepared);
      } catch (error) {
        options.logger.warn({ err: error }, 'could not plan a subscription');
        return { errors: [codedError('This subscription cannot be planned', ErrorCode.OperationNotSupported)] };
      }
      const url = options.subgraphUrl(plan.primary.serviceName);
      if (!url) return { errors: [codedError(`No URL for subgraph ${plan.primary.serviceName}`, ErrorCode.InternalServerError)] };
      const operation = prepareUpstreamOperation(snapshot.schema, plan.primary.operation, plan.primary.variableUsages, prepared.variables);
      const resume = operation.resume;
      // Subscribers that differ only by their cursor share the stream: each catches up from its own.
      const sharedVariables = { ...prepared.variables };
      if (resume) delete sharedVariables[resume.cursorVariable];
      const key = JSON.stringify([
        snapshot.hash,
        prepared.queryHash,
        prepared.operationName ?? null,
        canonical(sharedVariables),
        // The subgraphs see the principal (their ownership rules may filter): streams are shared per rights.
        rightsKey(principal),
      ]);
      return shared.join(
        key,
        () => {
          streamCount += 1;
          const streamId = streamCount;
          const serviceName = plan.primary.serviceName;
          // A request of the gateway's own (not a client operation), through the same pools and vouching.
          const runQuery = (query: string, variables: Record<string, unknown> | undefined, purpose: string) => {
            const source = options.serviceMap()[serviceName];
            if (!source) return Promise.reject(new Error(`No data source for subgraph ${serviceName}`));
            return source.process({
              // @apollo/gateway does not export the enum of request kinds; its value is this string.
              kind: 'health check',
              request: { query, ...(variables ? { variables } : {}) },
              context: { requestId: `subscription-${streamId}-${purpose}`, principal },
            } as GraphQLDataSourceProcessOptions) as Promise<{ data?: Record<string, unknown> | null; errors?: readonly UpstreamError[] }>;
          };
          // The shared stream always starts live: a subscriber's own cursor is served from the history.
          const live = resume ? { ...operation, resume: { ...resume, initialCursor: null } } : operation;
          let markStarted: () => void = () => {};
          const started = new Promise<void>((resolve) => (markStarted = resolve));
          const upstream = streamFromUpstream({
            connections: options.connections,
            url,
            principal,
            query: (query) => runQuery(query, undefined, 'head'),
            onStart: () => markStarted(),
            operation: live,
            logger: options.logger,
            ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
            ...(options.maxRetryDelayMs === undefined ? {} : { maxRetryDelayMs: options.maxRetryDelayMs }),
          });
          const rootField = prepared.operation.selectionSet.selections[0];
          const { enrichEvent: enrich, enrichPage } = createEnrichers({
            planner,
            plan,
            prepared,
            snapshot,
            serviceMap: options.serviceMap,
            context: { requestId: `subscription-${streamId}`, principal },
            logger: options.logger,
            historyField: resume?.historyQuery && rootField?.kind === Kind.FIELD ? historyFieldOf(rootField.name.value) : undefined,
          });
          // Errors leave the gateway coded and without internals, once per event whatever the fan-out.
          const enrichForClients: EventEnricher = async (event) => clientSafe(await enrich(event));
          const enrichOptions = {
            sequenceOf: (event: UpstreamResult) => sequenceOf(live, event),
            onError: (err: unknown) => options.logger.warn({ err }, 'subscription event failed'),
          };
          const historyQuery = resume?.historyQuery;
          // A page in one run of the plan when nothing fails; event by event otherwise (each error on its event).
          const enrichHistory = async (events: UpstreamResult[]): Promise<SequencedResult[]> => {
            const page = await enrichPage?.(events).catch((err: unknown) => {
              options.logger.warn({ err }, 'subscription history page failed; enriching event by event');
              return undefined;
            });
            if (!page) return enrichAll(events, enrichForClients, enrichOptions);
            return page.map((result, index) => ({ sequence: sequenceOf(live, events[index]!), result }));
          };
          return {
            events: enrichInOrder(upstream, enrichForClients, enrichOptions),
            started,
            ...(resume && historyQuery
              ? {
                  history: async (cursor: number) => {
                    const variables = { ...live.variables, [resume.cursorVariable]: cursor, [PAGE_SIZE_VARIABLE]: historyPageSize };
                    const answer = await runQuery(historyQuery, variables, 'history');
                    const rows = answer.data?.[resume.responseKey];
                    if (!Array.isArray(rows)) {
                      const errors = answer.errors ?? [];
                      // The subgraph refuses the reading itself (bad filters, no right): so would the subscription.
                      if (errors.length > 0 && errors.every((error) => REFUSALS.has(String(error.extensions?.code)))) {
                        return { items: [{ sequence: undefined, result: clientSafe({ errors: errors as ExecutionResult['errors'] & object }) }], last: true };
                      }
                      throw new Error(`history page unreadable: ${errors.map((error) => error.message).join('; ') || 'no data'}`);
                    }
                    const events = rows.map((row, index): UpstreamResult => {
                      const errors = errorsOfRow(answer.errors, resume.responseKey, index);
                      return { data: { [resume.responseKey]: row }, ...(errors.length > 0 ? { errors } : {}) } as UpstreamResult;
                    });
                    return { items: await enrichHistory(events), last: rows.length < historyPageSize };
                  },
                }
              : {}),
          };
        },
        { after: resume?.initialCursor ?? null, ...(sink ? { sink } : {}) },
      );
    },
    stats: () => shared.stats(),
    async close() {
      await shared.close();
      await options.connections.close();
    },
  };
}

/** What a client may see of a result: coded errors, no internals. */
function clientSafe(result: ExecutionResult): ExecutionResult {
  return result.errors ? { ...result, errors: result.errors.map((error) => toClientError(asGraphQLError(error))) } : result;
}

type UpstreamError = { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> };

/** Codes of a subgraph refusing a request for good: reading again cannot help. */
const REFUSALS = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'UNAUTHORIZED', 'UNAUTHENTICATED', 'FORBIDDEN']);

/** The errors of row `index` of a history page, at the path the same event would have had (`[responseKey, ...]`); errors of no row go to every row. */
function errorsOfRow(errors: readonly UpstreamError[] | undefined, responseKey: string, index: number): UpstreamError[] {
  return (errors ?? []).flatMap((error) => {
    const [root, position, ...rest] = error.path ?? [];
    if (root !== responseKey || typeof position !== 'number') return [error];
    return position === index ? [{ ...error, path: [responseKey, ...rest] }] : [];
  });
}

// Upstream errors arrive as JSON objects (a subgraph's answer), not GraphQLError instances.
function asGraphQLError(error: GraphQLError | { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }): GraphQLError {
  if (error instanceof GraphQLError) return error;
  return new GraphQLError(error.message, { ...(error.path ? { path: error.path } : {}), ...(error.extensions ? { extensions: error.extensions } : {}) });
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}
