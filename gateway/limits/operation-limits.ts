/**
 * The published limits of an endpoint: what one operation may ask for before the gateway spends
 * anything on it. Each refusal is a request error naming the limit, its value and what was sent.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';

export interface OperationLimits {
  /** Deepest field nesting, fragments expanded (`{ a { b } }` is 2). */
  maxDepth: number;
  /** Aliased fields in one operation, fragments expanded. */
  maxAliases: number;
  /** Fields at the root of one operation (each a separate entry point, often a subgraph fetch). */
  maxRootFields: number;
  /**
   * Field selections of one operation with its fragments expanded (`{ a { b c } }` is 3): what
   * validation, authorization and the planner walk. Measured in linear time before any of them, so
   * fragments that spread each other twice over (2^n fields from a few lines) cost nothing.
   */
  maxSelections: number;
  /**
   * Pairs of same-named fields, and of fragment spreads, side by side in one selection set, summed
   * over the document: what validation's field-merging rule compares pairwise (quadratic), counted
   * in linear time before it runs. Real operations have a handful.
   */
  maxMergePairs: number;
  /**
   * Deepest bracket nesting of the text (`{`, `(`, `[`), checked before parsing (graphql-js parses
   * recursively), and longest chain of fragments spreading one another, checked after.
   */
  maxNesting: number;
  /** Lexical tokens of the document; parsing stops at the first one over. */
  maxTokens: number;
  /** Size of the query text in UTF-8 bytes, checked before parsing. */
  maxDocumentBytes: number;
  /** Estimated cost of one operation (gateway/limits/estimate-cost.ts). */
  maxCost: number;
}

export type LimitName = keyof OperationLimits;

/**
 * The main endpoint: generous, it serves our own applications and tools. The cost budget admits
 * the simulator's discovery query (100 products × their variants × their stock, about 22,000).
 */
export const DEFAULT_LIMITS: Readonly<OperationLimits> = {
  maxDepth: 15,
  maxAliases: 100,
  maxRootFields: 20,
  maxSelections: 2_000,
  maxMergePairs: 2_000,
  maxNesting: 50,
  maxTokens: 10_000,
  maxDocumentBytes: 100 * 1024,
  maxCost: 50_000,
};

/** The partners' endpoint: stricter, its callers are third parties. */
export const DEFAULT_PUBLIC_LIMITS: Readonly<OperationLimits> = {
  maxDepth: 8,
  maxAliases: 30,
  maxRootFields: 5,
  maxSelections: 1_000,
  maxMergePairs: 500,
  maxNesting: 30,
  maxTokens: 2_000,
  maxDocumentBytes: 20 * 1024,
  // The largest plan's budget: each partner's own plan (gateway/partners/plans.ts) narrows it.
  maxCost: 5_000,
};

/** How each limit reads in a message: "<what> <actual> exceeds the limit of <max>". */
const DESCRIPTIONS: Record<LimitName, string> = {
  maxDepth: 'Query depth',
  maxAliases: 'Alias count',
  maxRootFields: 'Root field count',
  maxSelections: 'Field selections with fragments expanded',
  maxNesting: 'Nesting depth',
  maxMergePairs: 'Pairs of same-named fields or fragments to merge',
  maxTokens: 'Token count',
  maxDocumentBytes: 'Document size in bytes',
  maxCost: 'Estimated cost',
};

export function limitExceeded(name: LimitName, max: number, actual: number): GraphQLError {
  const isCost = name === 'maxCost';
  return new GraphQLError(`${DESCRIPTIONS[name]} ${actual} exceeds the limit of ${max}`, {
    extensions: {
      code: isCost ? ErrorCode.CostLimitExceeded : ErrorCode.OperationLimitExceeded,
      limit: { name, max, actual },
      ...(isCost ? { cost: actual } : {}),
    },
  });
}
