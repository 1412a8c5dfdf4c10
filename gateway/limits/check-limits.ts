/**
 * The limit checks in the order a request meets them: size and bracket nesting before parsing,
 * tokens while parsing, shape (depth, aliases, root fields, selections with fragments expanded)
 * before validation, cost once the variables are known. Each check is linear in the document.
 * Each answers the errors to send, empty when the operation is within its limits.
 */
import {
  GraphQLError,
  Lexer,
  Source,
  TokenKind,
  parse,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { estimateCost, type CostOptions } from './estimate-cost.js';
import { measureNesting } from './measure-nesting.js';
import { measureDocument } from './measure-operation.js';
import { limitExceeded, type OperationLimits } from './operation-limits.js';

export function checkDocumentSize(query: string, limits: OperationLimits): GraphQLError[] {
  const bytes = Buffer.byteLength(query, 'utf8');
  return bytes > limits.maxDocumentBytes ? [limitExceeded('maxDocumentBytes', limits.maxDocumentBytes, bytes)] : [];
}

/** Before parsing: graphql-js's recursive parser must never meet more levels than this. */
export function checkNesting(query: string, limits: OperationLimits): GraphQLError[] {
  const nesting = measureNesting(query);
  return nesting > limits.maxNesting ? [limitExceeded('maxNesting', limits.maxNesting, nesting)] : [];
}

/**
 * Parses with graphql-js's own token cap, so an oversized document costs no more than the cap.
 * Syntax errors are thrown as by `parse`; a document over the cap is answered as a limit.
 */
export function parseWithinTokenLimit(query: string, limits: OperationLimits): { document: DocumentNode } | { errors: GraphQLError[] } {
  try {
    return { document: parse(query, { maxTokens: limits.maxTokens }) };
  } catch (error) {
    if (error instanceof GraphQLError && /tokens\. Parsing aborted/.test(error.message)) {
      return { errors: [limitExceeded('maxTokens', limits.maxTokens, countTokens(query))] };
    }
    throw error;
  }
}

export function checkShape(document: DocumentNode, limits: OperationLimits): GraphQLError[] {
  const shape = measureDocument(document);
  const errors: GraphQLError[] = [];
  if (shape.depth > limits.maxDepth) errors.push(limitExceeded('maxDepth', limits.maxDepth, shape.depth));
  if (shape.aliases > limits.maxAliases) errors.push(limitExceeded('maxAliases', limits.maxAliases, shape.aliases));
  if (shape.rootFields > limits.maxRootFields) errors.push(limitExceeded('maxRootFields', limits.maxRootFields, shape.rootFields));
  if (shape.selections > limits.maxSelections) errors.push(limitExceeded('maxSelections', limits.maxSelections, shape.selections));
  // A chain of fragments nests as brackets do, where the text does not show it.
  if (shape.spreadDepth > limits.maxNesting) errors.push(limitExceeded('maxNesting', limits.maxNesting, shape.spreadDepth));
  if (shape.mergePairs > limits.maxMergePairs) errors.push(limitExceeded('maxMergePairs', limits.maxMergePairs, shape.mergePairs));
  return errors;
}

export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  limits: OperationLimits,
  options?: CostOptions,
): GraphQLError[] {
  const cost = estimateCost(schema, document, operation, variables, options);
  return cost > limits.maxCost ? [limitExceeded('maxCost', limits.maxCost, cost)] : [];
}

/** The document's token count, for the error only; the size limit has bounded the document. */
function countTokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A lexical error further on: what was counted is enough to show it is over.
  }
  return count;
}
