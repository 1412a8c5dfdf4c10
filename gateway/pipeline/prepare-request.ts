/**
 * The request pipeline every transport runs (HTTP in graphql-over-http.ts; WebSocket and SSE in
 * subscriptions/streaming-operations.ts): parse and validate (cached) → operation → the
 * transport's own guard (GET may not mutate...) → variables, coerced once → cost → authorization
 * (what the caller may not read is taken out before planning). Transport-free: a refusal is GraphQL
 * errors, or whatever the guard answers; the transports translate, they do not decide.
 */
import type { DocumentNode, GraphQLError, OperationDefinitionNode, ValidationRule } from 'graphql';
import { authorizeOperation, type Removal } from '../authorization/authorize-operation.js';
import type { DocumentCache } from '../document-cache.js';
import type { PreparedOperation, SchemaSnapshot } from '../execute-operation.js';
import type { Principal } from '../identity/principal.js';
import type { OperationLimits } from '../limits/operation-limits.js';
import { checkOperationCost, coerceVariables, parseAndValidate, selectOperation } from '../prepare-operation.js';

export interface GraphQLRequestParams {
  query: string;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
}

export interface PipelineSettings {
  documentCache: DocumentCache;
  /** Validation rules beyond the spec's and ours (no introspection, when it is off). */
  extraRules: readonly ValidationRule[];
  /** The endpoint's limits; absent, none. */
  limits?: OperationLimits | undefined;
  /** The limits the cost is checked against when they differ (a partner's plan lowers `maxCost`). */
  costLimits?: OperationLimits | undefined;
}

export interface PreparedRequest {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  /** What runs: the operation without the fields the caller may not read. */
  prepared: PreparedOperation;
  /** Those fields, answered null with their error after execution. */
  removals: readonly Removal[];
  /** Every root field was taken out: nothing to execute. */
  nothingToRun: boolean;
}

export type Prepared<Refusal> = { ok: true; value: PreparedRequest } | { ok: false; refusal: readonly GraphQLError[] | Refusal };

export function prepareRequest<Refusal = never>(
  snapshot: SchemaSnapshot,
  request: GraphQLRequestParams,
  principal: Principal,
  settings: PipelineSettings,
  /** The transport's own refusal of an operation it cannot carry, checked before anything runs. */
  guard?: (operation: OperationDefinitionNode) => readonly GraphQLError[] | Refusal | undefined,
): Prepared<Refusal> {
  const parsed = parseAndValidate(snapshot.schema, request.query, settings.documentCache, settings.extraRules, settings.limits);
  if (!parsed.ok) return { ok: false, refusal: parsed.errors };
  const { document, queryHash } = parsed.value;
  const operationName = request.operationName ?? undefined;
  const selected = selectOperation(document, operationName);
  if (!selected.ok) return { ok: false, refusal: selected.errors };
  const operation = selected.value;
  const refused = guard?.(operation);
  if (refused !== undefined) return { ok: false, refusal: refused };
  const variables = request.variables ?? undefined;
  // One coercion (types, defaults) that every check below reads.
  const coerced = coerceVariables(snapshot.schema, operation, variables);
  if (!coerced.ok) return { ok: false, refusal: coerced.errors };
  const costErrors = checkOperationCost(snapshot.schema, document, operation, coerced.value, settings.costLimits ?? settings.limits);
  if (costErrors.length > 0) return { ok: false, refusal: costErrors };
  // Before planning, so a field the caller may not read is never fetched from a subgraph.
  const { prepared, removals, nothingToRun } = authorizeOperation(
    snapshot.schema,
    snapshot.authorization,
    { query: request.query, queryHash, document, operation, operationName, variables, variableValues: coerced.value },
    principal,
    coerced.value,
  );
  return { ok: true, value: { document, operation, operationName, variables, prepared, removals, nothingToRun } };
}
