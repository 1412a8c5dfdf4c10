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
}

export interface StreamingOperations {
  /** Execution arguments for the transport library, or the errors to answer with. */
  prepare(request: StreamingRequest, requestId: string): ExecutionArgs | readonly GraphQLError[];
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
    prepare(request, requestId) {
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
      const state: StreamingOperationState = {
        prepared: {
          query: request.query,
          queryHash: parsed.value.queryHash,
          document: parsed.value.document,
          operation: selected.value,
          operationName,
          variables,
        },
        snapshot,
        requestId,
      };
      return {
        schema: snapshot.schema,
        document: parsed.value.document,
        operationName,
        variableValues: variables,
        contextValue: state,
      };
    },
    run(args) {
      const { prepared, snapshot, requestId } = args.contextValue as StreamingOperationState;
      if (prepared.operation.operation === 'subscription') return options.subscriptions.subscribe(prepared, snapshot);
      return options.execute(prepared, snapshot, { requestId }).then((result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => toClientError(error)) } : result,
      ) as Promise<ExecutionResult>;
    },
  };
}
