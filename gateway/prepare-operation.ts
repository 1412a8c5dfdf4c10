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
import { KnownOperationTypesRule } from './known-operation-types.js';
import { ErrorCode, codedError, withCode } from './errors.js';
import { checkCost, checkDocumentSize, checkShape, parseWithinTokenLimit } from './limits/check-limits.js';
import type { OperationLimits } from './limits/operation-limits.js';

const VALIDATION_RULES = [...specifiedRules, KnownOperationTypesRule];

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: readonly GraphQLError[] };

/**
 * Parses and validates `query` against `schema` with the spec's rules and `extraRules`, or takes
 * both from the cache (which must then belong to that set of rules and `limits`). With `limits`,
 * size, tokens and shape are checked first, so an abusive document costs no validation.
 */
export function parseAndValidate(
  schema: GraphQLSchema,
  query: string,
  cache: DocumentCache,
  extraRules: readonly ValidationRule[] = [],
  limits?: OperationLimits,
): Outcome<CachedDocument> {
  if (limits) {
    const sizeErrors = checkDocumentSize(query, limits);
    if (sizeErrors.length > 0) return { ok: false, errors: sizeErrors };
  }
  const cached = cache.get(schema, query);
  if (cached) return { ok: true, value: cached };
  let document: DocumentNode;
  try {
    if (limits) {
      const parsed = parseWithinTokenLimit(query, limits);
      if ('errors' in parsed) return { ok: false, errors: parsed.errors };
      document = parsed.document;
    } else {
      document = parse(query);
    }
  } catch (error) {
    if (error instanceof GraphQLError) return { ok: false, errors: [withCode(error, ErrorCode.GraphQLParseFailed)] };
    throw error;
  }
  if (limits) {
    const shapeErrors = checkShape(document, limits);
    if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors };
  }
  const validationErrors = validate(schema, document, [...VALIDATION_RULES, ...extraRules]);
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

/**
 * Demand control: refuses an operation whose estimated cost is over `limits.maxCost`. Run after
 * {@link checkVariables}, since list sizes often come from variables.
 */
export function checkOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  limits: OperationLimits | undefined,
): readonly GraphQLError[] {
  return limits ? checkCost(schema, document, operation, variables, limits) : [];
}
