/**
 * Subscriptions through the gateway: plan with the federation planner, stream the root field from
 * its subgraph (resumable, shared between identical subscriptions), complete each event from the
 * other subgraphs by the plan. Transport-free: the WebSocket and SSE routes both use it.
 */
import type { GraphQLDataSourceProcessOptions, ServiceMap } from '@apollo/gateway';
import { Repeater } from '@repeaterjs/repeater';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { ErrorCode, codedError, toClientError } from '../errors.js';
import type { GatewayRequestContext, PreparedOperation, SchemaSnapshot } from '../execute-operation.js';
import { rightsKey } from '../authorization/rights-key.js';
import type { Principal } from '../identity/principal.js';
import { createEventEnricher } from './enrich-event.js';
import { enrichInOrder } from './ordered-enrichment.js';
import type { SubscriptionPlanner } from './plan-subscription.js';
import { prepareUpstreamOperation } from './resumable-operation.js';
import { createSharedStreams, type SharedStreams } from './shared-streams.js';
import type { UpstreamConnections } from './upstream-connections.js';
import { streamFromUpstream } from './upstream-stream.js';

export interface SubscriptionEngineOptions {
  /** The planner of the supergraph in service; undefined until one is loaded. */
  currentPlanner(): SubscriptionPlanner | undefined;
  serviceMap(): ServiceMap;
  /** The URL the gateway uses for a subgraph. */
  subgraphUrl(name: string): string | undefined;
  connections: UpstreamConnections;
  logger: GatewayRequestContext['logger'] & { warn(object: object, message: string): void };
  /** Events a client may fall behind before it is disconnected. */
  maxBacklog?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export interface SubscriptionEngine {
  /** Streams the operation for `principal`; subscribers with the same rights (authorization/rights-key.ts) share a stream. */
  subscribe(prepared: PreparedOperation, snapshot: SchemaSnapshot, principal: Principal): AsyncIterableIterator<ExecutionResult> | ExecutionResult;
  stats(): { streams: number; subscribers: number };
  /** Completes every subscription and closes the upstream connections. */
  close(): Promise<void>;
}

export function createSubscriptionEngine(options: SubscriptionEngineOptions): SubscriptionEngine {
  const shared: SharedStreams = createSharedStreams(options.maxBacklog === undefined ? {} : { maxBacklog: options.maxBacklog });
  let streamCount = 0;

  return {
    subscribe(prepared, snapshot, principal) {
      const planner = options.currentPlanner();
      if (!planner) return { errors: [codedError('No supergraph is loaded yet', ErrorCode.ServiceUnavailable)] };
      let plan;
      try {
        plan = planner.plan(prepared.document, prepared.queryHash, prepared.operationName);
      } catch (error) {
        options.logger.warn({ err: error }, 'could not plan a subscription');
        return { errors: [codedError('This subscription cannot be planned', ErrorCode.OperationNotSupported)] };
      }
      const url = options.subgraphUrl(plan.primary.serviceName);
      if (!url) return { errors: [codedError(`No URL for subgraph ${plan.primary.serviceName}`, ErrorCode.InternalServerError)] };
      const key = JSON.stringify([
        snapshot.hash,
        prepared.queryHash,
        prepared.operationName ?? null,
        canonical(prepared.variables ?? {}),
        // The subgraphs see the principal (their ownership rules may filter): streams are shared per rights.
        rightsKey(principal),
      ]);
      return shared.join(key, () => {
        streamCount += 1;
        const upstream = streamFromUpstream({
          connections: options.connections,
          url,
          principal,
          // A request of the gateway's own (not a client operation), through the same pools and vouching.
          query: (query) =>
            options.serviceMap()[plan.primary.serviceName]!.process({
              // @apollo/gateway does not export the enum of request kinds; its value is this string.
              kind: 'health check',
              request: { query },
              context: { requestId: `subscription-${streamCount}-head`, principal },
            } as GraphQLDataSourceProcessOptions) as Promise<{ data?: Record<string, unknown> | null }>,
          operation: prepareUpstreamOperation(snapshot.schema, plan.primary.operation, plan.primary.variableUsages, prepared.variables),
          logger: options.logger,
          ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
          ...(options.maxRetryDelayMs === undefined ? {} : { maxRetryDelayMs: options.maxRetryDelayMs }),
        });
        const enrich = createEventEnricher({
          planner,
          plan,
          prepared,
          snapshot,
          serviceMap: options.serviceMap,
          context: { requestId: `subscription-${streamCount}`, principal },
          logger: options.logger,
        });
        return clientSafe(enrichInOrder(upstream, enrich, { onError: (err) => options.logger.warn({ err }, 'subscription event failed') }));
      });
    },
    stats: () => shared.stats(),
    async close() {
      await shared.close();
      await options.connections.close();
    },
  };
}

/**
 * Errors leave the gateway coded and without internals, once per event whatever the fan-out.
 * (A Repeater, not an async generator: a generator waiting for the next event cannot be returned
 * until that event comes, which would keep a quiet upstream open after its last client left.)
 */
function clientSafe(results: AsyncIterableIterator<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  return new Repeater<ExecutionResult>(async (push, stop) => {
    const run = async () => {
      for await (const result of results) {
        await push(result.errors ? { ...result, errors: result.errors.map((error) => toClientError(asGraphQLError(error))) } : result);
      }
    };
    run().then(() => stop(), (error: unknown) => stop(error));
    await stop;
    await results.return?.();
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
