/**
 * What the streaming transports (WebSocket, SSE) share: the request phases before execution, and
 * where each kind of operation runs — subscriptions through the subscription engine, queries and
 * mutations through the gateway's executor, as over plain HTTP.
 */
import { NoSchemaIntrospectionCustomRule, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import { createDocumentCache } from '../document-cache.js';
import { ErrorCode, codedError, toClientError } from '../errors.js';
import type { ExecuteOperation, PreparedOperation, SchemaSnapshot } from '../execute-operation.js';
import type { OperationLimits } from '../limits/operation-limits.js';
import { applyRemovals } from '../authorization/apply-removals.js';
import { authorizeOperation, type Removal } from '../authorization/authorize-operation.js';
import type { Principal } from '../identity/principal.js';
import { checkOperationCost, checkVariables, parseAndValidate, selectOperation } from '../prepare-operation.js';
import type { SubscriptionEngine } from './subscription-engine.js';

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
}

export interface StreamingOperations {
  /** Execution arguments for the transport library, or the errors to answer with. */
  prepare(request: StreamingRequest, requestId: string, principal: Principal): ExecutionArgs | readonly GraphQLError[];
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
}

export function createStreamingOperations(options: StreamingOperationsOptions): StreamingOperations {
  const documentCache = createDocumentCache(options.documentCacheSize);
  const extraRules = options.introspection ? [] : [NoSchemaIntrospectionCustomRule];
  return {
    prepare(request, requestId, principal) {
      const snapshot = options.currentSchema();
      if (!snapshot) return [codedError('No supergraph is loaded yet', ErrorCode.ServiceUnavailable)];
      if (typeof request.query !== 'string' || request.query === '') {
        return [codedError('A GraphQL request needs a `query` string', ErrorCode.BadRequest)];
      }
      const parsed = parseAndValidate(snapshot.schema, request.query, documentCache, extraRules, options.limits);
      if (!parsed.ok) return parsed.errors;
      const operationName = request.operationName ?? undefined;
      const selected = selectOperation(parsed.value.document, operationName);
      if (!selected.ok) return selected.errors;
      const variables = request.variables ?? undefined;
      const variableErrors = checkVariables(snapshot.schema, selected.value, variables);
      if (variableErrors.length > 0) return variableErrors;
      const costErrors = checkOperationCost(snapshot.schema, parsed.value.document, selected.value, variables, options.limits);
      if (costErrors.length > 0) return costErrors;
      const { prepared, removals, nothingToRun } = authorizeOperation(
        snapshot.schema,
        snapshot.authorization,
        {
          query: request.query,
          queryHash: parsed.value.queryHash,
          document: parsed.value.document,
          operation: selected.value,
          operationName,
          variables,
        },
        principal,
      );
      // A subscription the caller may not open is refused at subscribe time, not streamed empty.
      if (nothingToRun && selected.value.operation === 'subscription') return applyRemovals({}, removals).errors ?? [];
      const state: StreamingOperationState = { prepared, snapshot, requestId, principal, removals, nothingToRun };
      return {
        schema: snapshot.schema,
        document: parsed.value.document,
        operationName,
        variableValues: variables,
        contextValue: state,
      };
    },
    run(args) {
      const { prepared, snapshot, requestId, principal, removals, nothingToRun } = args.contextValue as StreamingOperationState;
      if (prepared.operation.operation === 'subscription') {
        const stream = options.subscriptions.subscribe(prepared, snapshot, principal);
        return removals.length === 0 || !(Symbol.asyncIterator in stream) ? stream : withRemovals(stream, removals);
      }
      const executed = nothingToRun ? Promise.resolve({}) : options.execute(prepared, snapshot, { requestId, principal });
      return executed.then((result: ExecutionResult) => {
        const answer = applyRemovals(result, removals);
        return answer.errors ? { ...answer, errors: answer.errors.map((error) => toClientError(error)) } : answer;
      }) as Promise<ExecutionResult>;
    },
  };
}

/** Every event answers the removed fields the same way: null, with their error. */
async function* withRemovals(stream: AsyncIterableIterator<ExecutionResult>, removals: readonly Removal[]): AsyncIterableIterator<ExecutionResult> {
  try {
    for await (const event of stream) yield applyRemovals(event, removals);
  } finally {
    await stream.return?.();
  }
}
