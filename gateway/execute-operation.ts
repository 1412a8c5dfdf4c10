/**
 * Runs a prepared operation through the gateway's executor (plan, then fetch from the subgraphs).
 * The executor was written for Apollo Server's request context; this builds the part it reads.
 */
import type { ApolloGateway } from '@apollo/gateway';
import type { DocumentNode, ExecutionResult, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { RawJson } from './engine/raw-json.js';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { AuthorizationPolicy } from '../platform/authorization-policy.js';
import type { SupergraphEngine } from './engine/supergraph-engine.js';

type GatewayExecutor = ApolloGateway['executor'];
export type GatewayRequestContext = Parameters<GatewayExecutor>[0];
export type GatewayExecutionResult = Awaited<ReturnType<GatewayExecutor>>;
/**
 * What an operation answers: `data` is JSON text already (RawJson) when our engine ran it, an
 * object when stock's executor did. Whoever reads `data` goes through `materialize`.
 */
export type OperationResult = Omit<ExecutionResult, 'data'> & { data?: ExecutionResult['data'] | RawJson };

/** The schema in service, with the hash of the supergraph it came from. */
export interface SchemaSnapshot {
  schema: GraphQLSchema;
  hash: string;
  /** Who may read what (`@authenticated`, `@requiresScopes`), read from the same supergraph. */
  authorization: AuthorizationPolicy;
  /** Our engine on the same supergraph (absent when `GATEWAY_EXECUTOR=apollo`). */
  engine?: SupergraphEngine | undefined;
}

/** An operation that parsed, validated and has acceptable variables. */
export interface PreparedOperation {
  query: string;
  queryHash: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  /** The variables coerced against their declarations, defaults applied (what conditions read). */
  variableValues?: Record<string, unknown> | undefined;
}

export type ExecuteOperation = (
  prepared: PreparedOperation,
  snapshot: SchemaSnapshot,
  /** Handed to every data source of this request as `context`. */
  context: Record<string, unknown>,
) => Promise<OperationResult>;

// The executor never touches Apollo Server's response cache, but its context type requires one.
const NO_RESPONSE_CACHE: GatewayRequestContext['cache'] = {
  get: async () => undefined,
  set: async () => {},
  delete: async () => {},
};

/** The part of Apollo Server's request context that the gateway's executor reads. */
export function buildRequestContext(
  prepared: PreparedOperation,
  snapshot: SchemaSnapshot,
  context: Record<string, unknown>,
  logger: GatewayRequestContext['logger'],
): GatewayRequestContext {
  return {
    // Read by the executor: request.operationName and request.variables (plan key, variable
    // values for fetches), document, queryHash (plan cache key), operationName (tracing),
    // metrics (it records error paths there), logger. The rest completes the contract.
    request: {
      query: prepared.query,
      ...(prepared.operationName === undefined ? {} : { operationName: prepared.operationName }),
      ...(prepared.variables === undefined ? {} : { variables: prepared.variables }),
    },
    document: prepared.document,
    source: prepared.query,
    queryHash: prepared.queryHash,
    operationName: prepared.operation.name?.value ?? null,
    operation: prepared.operation,
    context,
    metrics: {},
    logger,
    cache: NO_RESPONSE_CACHE,
    schema: snapshot.schema,
    schemaHash: snapshot.hash as GatewayRequestContext['schemaHash'],
    overallCachePolicy: undefined,
  };
}

/** Runs operations on our engine (gateway/engine/), through the same data sources. */
export function createEngineExecutor(serviceMap: () => Readonly<Record<string, GraphQLDataSource>>, fallback: ExecuteOperation): ExecuteOperation {
  return (prepared, snapshot, context) => (snapshot.engine ? snapshot.engine.execute(prepared, serviceMap(), context) : fallback(prepared, snapshot, context));
}

export function createOperationExecutor(executor: GatewayExecutor, logger: GatewayRequestContext['logger']): ExecuteOperation {
  return (prepared, snapshot, context) => executor(buildRequestContext(prepared, snapshot, context, logger));
}
