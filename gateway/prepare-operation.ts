/**
 * The request phases of the GraphQL spec before execution — parse, validate, pick the operation,
 * coerce the variables — each failure a coded error the client can act on. Transport-free.
 */
import { createHash } from 'node:crypto';
import {
  getOperationAST,
  getVariableValues,
  parse,
  validate,
  GraphQLError,
  specifiedRules,
  type DocumentNode,
  type ValidationRule,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { CachedDocument, DocumentCache } from './document-cache.js';
import { ErrorCode, codedError, withCode } from './errors.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: readonly GraphQLError[] };

/**
 * Parses and validates `query` against `schema` with the spec's rules and `extraRules`, or takes
 * both from the cache (which must then belong to that set of rules).
 */
export function parseAndValidate(
  schema: GraphQLSchema,
  query: string,
  cache: DocumentCache,
  extraRules: readonly ValidationRule[] = [],
): Outcome<CachedDocument> {
  const cached = cache.get(schema, query);
  if (cached) return { ok: true, value: cached };
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    if (error instanceof GraphQLError) return { ok: false, errors: [withCode(error, ErrorCode.GraphQLParseFailed)] };
    throw error;
  }
  const validationErrors = validate(schema, document, extraRules.length ? [...specifiedRules, ...extraRules] : specifiedRules);
  if (validationErrors.length > 0) {
    return { ok: false, errors: validationErrors.map((error) => withCode(error, ErrorCode.GraphQLValidationFailed)) };
  }
  const entry = { document, queryHash: createHash('sha256').update(query).digest('hex') };
  cache.set(schema, query, entry);
  return { ok: true, value: entry };
}

/** The operation to run: the only one, or the one named `operationName`. */
export function selectOperation(document: DocumentNode, operationName: string | undefined): Outcome<OperationDefinitionNode> {
  const operation = getOperationAST(document, operationName);
  if (operation) return { ok: true, value: operation };
  const message = operationName
    ? `Unknown operation named "${operationName}".`
    : 'Must provide operation name if query contains multiple operations.';
  return { ok: false, errors: [codedError(message, ErrorCode.OperationResolutionFailure)] };
}

/**
 * Checks the variables against the operation's declarations. The gateway's executor checks them
 * too, but answers a failure as a 200 without a code; the spec wants a 400 before execution.
 */
export function checkVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): readonly GraphQLError[] {
  const definitions = operation.variableDefinitions;
  if (!definitions || definitions.length === 0) return [];
  const { errors } = getVariableValues(schema, definitions, variables ?? {});
  return errors ? errors.map((error) => withCode(error, ErrorCode.BadUserInput)) : [];
}
