/**
 * What the streaming transports (WebSocket, SSE) share: the request phases before execution, and
 * where each kind of operation runs — subscriptions through the subscription engine, queries and
 * mutations through the gateway's executor, as over plain HTTP.
 */
import { NoSchemaIntrospectionCustomRule, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import { createDocumentCache } from '../document-cache.js';
import { ErrorCode, codedError, toClientError } from '../errors.js';
import type { ExecuteOperation, OperationResult, PreparedOperation, SchemaSnapshot } from '../execute-operation.js';
import type { OperationLimits } from '../limits/operation-limits.js';
import { applyRemovals } from '../authorization/apply-removals.js';
import type { Removal } from '../authorization/authorize-operation.js';
import type { Principal } from '../identity/principal.js';
import { prepareRequest } from '../pipeline/prepare-request.js';
import type { DirectSink } from './direct-delivery.js';
import type { SubscriptionEngine } from './subscription-engine.js';
import { createSubscriptionQuota, subscriptionLimitError } from './subscription-quota.js';
import { SpanKind, inSpanSync } from '../../platform/tracing.js';

export interface StreamingRequest {
  query: string;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
}

/** Handed from a transport's onSubscribe to its execute/subscribe as the context value. */
export interface StreamingOperationState {
  prepared: PreparedOperation;
  snapshot: SchemaSnapshot;
  requestId: string;
  principal: Principal;
  /** Fields taken out for want of rights: null with their error in the answer, and in every event. */
  removals: readonly Removal[];
  nothingToRun: boolean;
  /** Frees the caller's subscription place (subscription-quota.ts); idempotent. */
  release?: () => void;
  /** The transport's direct writer of live events (direct-delivery.ts). */
  sink?: DirectSink;
}

export interface StreamingOperations {
  /** Execution arguments for the transport library, or the errors to answer with. */
  /** `caller`: who the per-caller subscription cap counts for (subscription-quota.ts `callerKey`). */
  /** `sink`: the transport's direct writer of live events (direct-delivery.ts), used when the client receives them unchanged. */
  prepare(request: StreamingRequest, requestId: string, principal: Principal, caller?: string, sink?: DirectSink): ExecutionArgs | readonly GraphQLError[];
  run(args: ExecutionArgs): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>> | AsyncIterableIterator<ExecutionResult> | ExecutionResult;
}

export interface StreamingOperationsOptions {
  currentSchema(): SchemaSnapshot | undefined;
  execute: ExecuteOperation;
  subscriptions: SubscriptionEngine;
  documentCacheSize: number;
  introspection: boolean;
  /** The limits of the endpoint these transports share a path with; absent, none. */
  limits?: OperationLimits;
  /** Subscriptions one caller may hold at once over WebSocket and SSE (`SUBSCRIPTION_MAX_PER_CALLER`); absent, no cap. */
  subscriptionsPerCaller?: number;
}

export function createStreamingOperations(options: StreamingOperationsOptions): StreamingOperations {
  const documentCache = createDocumentCache(options.documentCacheSize);
  const extraRules = options.introspection ? [] : [NoSchemaIntrospectionCustomRule];
  const quota = options.subscriptionsPerCaller === undefined ? undefined : createSubscriptionQuota(options.subscriptionsPerCaller);
  return {
    prepare(request, requestId, principal, caller, sink) {
      const snapshot = options.currentSchema();
      if (!snapshot) return [codedError('No supergraph is loaded yet', ErrorCode.ServiceUnavailable)];
      if (typeof request.query !== 'string' || request.query === '') {
        return [codedError('A GraphQL request needs a `query` string', ErrorCode.BadRequest)];
      }
      const outcome = prepareRequest(snapshot, { query: request.query, operationName: request.operationName, variables: request.variables }, principal, { documentCache, extraRules, limits: options.limits });
      if (!outcome.ok) return outcome.refusal;
      const { document, operation, operationName, variables, prepared, removals, nothingToRun } = outcome.value;
      // A subscription the caller may not open is refused at subscribe time, not streamed empty.
      if (nothingToRun && operation.operation === 'subscription') return applyRemovals({}, removals).errors ?? [];
      let release: (() => void) | undefined;
      if (operation.operation === 'subscription' && quota && caller !== undefined) {
        // Last, so that a refusal above holds no place; the place is freed when the stream ends.
        release = quota.acquire(caller);
        if (!release) return [subscriptionLimitError('perCaller', options.subscriptionsPerCaller!)];
      }
      const state: StreamingOperationState = { prepared, snapshot, requestId, principal, removals, nothingToRun, ...(release ? { release } : {}), ...(sink ? { sink } : {}) };
      return {
        schema: snapshot.schema,
        document,
        operationName,
        variableValues: variables,
        contextValue: state,
      };
    },
    run(args) {
      const { prepared, snapshot, requestId, principal, removals, nothingToRun, release, sink } = args.contextValue as StreamingOperationState;
      if (prepared.operation.operation === 'subscription') {
        // Events with fields removed are rebuilt per subscriber: those go the ordinary way.
        // With tracing on, a span for the subscription's start: an upstream subscription it opens
        // carries its traceparent (upstream-connections.ts).
        const stream = inSpanSync('omnichannel-gateway', `subscription ${prepared.operation.name?.value ?? ''}`.trim(), { kind: SpanKind.SERVER, attributes: { 'graphql.operation.type': 'subscription' } }, () =>
          options.subscriptions.subscribe(prepared, snapshot, principal, removals.length === 0 ? sink : undefined),
        );
        if (!(Symbol.asyncIterator in stream)) {
          release?.();
          return stream;
        }
        const answered = removals.length === 0 ? stream : withRemovals(stream, removals);
        return release ? releasingAtEnd(answered, release) : answered;
      }
      const executed = nothingToRun ? Promise.resolve({}) : options.execute(prepared, snapshot, { requestId, principal });
      return executed.then((result: OperationResult) => {
        // A RawJson `data` is written by graphql-ws and graphql-sse through its toJSON.
        const answer = applyRemovals(result, removals);
        return answer.errors ? { ...answer, errors: answer.errors.map((error) => toClientError(error)) } : answer;
      }) as Promise<ExecutionResult>;
    },
  };
}

/**
 * The stream, freeing the caller's place once it ends, fails or the client leaves. A plain iterator
 * delegating to the stream, not a Repeater: it is on every event's path for every subscriber, and
 * the place is freed at once when the client leaves, whatever the stream is waiting for.
 */
function releasingAtEnd(stream: AsyncIterableIterator<ExecutionResult>, release: () => void): AsyncIterableIterator<ExecutionResult> {
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      try {
        const next = await stream.next();
        if (next.done) release();
        return next;
      } catch (error) {
        release();
        throw error;
      }
    },
    async return() {
      release();
      return (await stream.return?.()) ?? { done: true, value: undefined };
    },
    async throw(error: unknown) {
      release();
      if (stream.throw) return stream.throw(error);
      throw error;
    },
  };
  return iterator;
}

/** Every event answers the removed fields the same way: null, with their error. */
async function* withRemovals(stream: AsyncIterableIterator<ExecutionResult>, removals: readonly Removal[]): AsyncIterableIterator<ExecutionResult> {
  try {
    for await (const event of stream) yield applyRemovals(event, removals) as ExecutionResult;
  } finally {
    await stream.return?.();
  }
}
