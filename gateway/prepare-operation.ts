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
import { FiniteNumbersRule } from './finite-numbers.js';
import { KnownOperationTypesRule } from './known-operation-types.js';
import { NoNulCharactersRule, findNulCharacter } from './no-nul-characters.js';
import { ErrorCode, codedError, withCode } from './errors.js';
import { checkCost, checkDocumentSize, checkNesting, checkShape, parseWithinTokenLimit } from './limits/check-limits.js';
import type { OperationLimits } from './limits/operation-limits.js';
import { SafeVariableNamesRule } from './safe-variable-names.js';
import { NoAliasedIntrospectionListsRule } from './no-aliased-introspection-lists.js';

const VALIDATION_RULES = [...specifiedRules, KnownOperationTypesRule, SafeVariableNamesRule, FiniteNumbersRule, NoNulCharactersRule, NoAliasedIntrospectionListsRule];

/** Variable values as the spec's CoerceVariableValues makes them: types applied, defaults filled in. */
export type VariableValues = Readonly<Record<string, unknown>>;

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: readonly GraphQLError[] };

/**
 * Parses and validates `query` against `schema` with the spec's rules and `extraRules`, or takes
 * both from the cache (which must then belong to that set of rules and `limits`). With `limits`,
 * size, nesting, tokens and shape are checked first, each in linear time, so an abusive document
 * costs no validation: validation (OverlappingFieldsCanBeMerged compares fields pairwise) only ever
 * sees a document of bounded expanded size.
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
  try {
    return parseAndValidateAfresh(schema, query, cache, extraRules, limits);
  } catch (error) {
    // graphql-js parses and validates recursively: a nesting no limit caught (or no limits given)
    // overflows the stack. That is the document's fault, answered as such, never a 500.
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, errors: [codedError('The document is nested too deeply to be processed.', ErrorCode.OperationLimitExceeded)] };
  }
}

function parseAndValidateAfresh(
  schema: GraphQLSchema,
  query: string,
  cache: DocumentCache,
  extraRules: readonly ValidationRule[],
  limits: OperationLimits | undefined,
): Outcome<CachedDocument> {
  if (limits) {
    const nestingErrors = checkNesting(query, limits);
    if (nestingErrors.length > 0) return { ok: false, errors: nestingErrors };
  }
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
  // The name is echoed at most 100 characters long: a 1 MB name would come back as a 1 MB error.
  const shown = operationName && operationName.length > 100 ? `${operationName.slice(0, 100)}…` : operationName;
  const message = operationName
    ? `Unknown operation named "${shown}".`
    : 'Must provide operation name if query contains multiple operations.';
  return { ok: false, errors: [codedError(message, ErrorCode.OperationResolutionFailure)] };
}

/**
 * Coerces the variables against the operation's declarations (graphql-js's getVariableValues:
 * types applied, declared defaults filled in), once per request: every check that reads a variable
 * (cost, authorization, ownership) takes these values, so none can be told one thing by the raw
 * JSON and another by a default. The gateway's executor coerces them again itself, but answers a
 * failure as a 200 without a code; the spec wants a 400 before execution.
 */
export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): Outcome<VariableValues> {
  const definitions = operation.variableDefinitions;
  if (!definitions || definitions.length === 0) return { ok: true, value: {} };
  const { errors, coerced } = getVariableValues(schema, definitions, variables ?? {});
  if (errors) return { ok: false, errors: errors.map((error) => withCode(error, ErrorCode.BadUserInput)) };
  const nulAt = findNulCharacter(coerced);
  if (nulAt) {
    const [name, ...inside] = nulAt;
    const where = inside.length > 0 ? ` at "${nulAt.join('.')}"` : '';
    return { ok: false, errors: [codedError(`Variable "$${String(name)}" got invalid value${where}: text may not contain the character U+0000 (NUL).`, ErrorCode.BadUserInput)] };
  }
  return { ok: true, value: coerced };
}

/**
 * Demand control: refuses an operation whose estimated cost is over `limits.maxCost`, its list
 * sizes read from the coerced variables ({@link coerceVariables}), defaults included.
 */
export function checkOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variableValues: VariableValues,
  limits: OperationLimits | undefined,
): readonly GraphQLError[] {
  return limits ? checkCost(schema, document, operation, variableValues, limits) : [];
}
