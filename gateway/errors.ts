/**
 * The gateway's error vocabulary: every error a client sees carries one of these codes in
 * `extensions.code`, and nothing internal (stack traces, exception details) reaches it.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  /** The HTTP request is not a well-formed GraphQL-over-HTTP request (bad JSON, no query...). */
  BadRequest: 'BAD_REQUEST',
  GraphQLParseFailed: 'GRAPHQL_PARSE_FAILED',
  GraphQLValidationFailed: 'GRAPHQL_VALIDATION_FAILED',
  /** A variable does not fit its declared type. */
  BadUserInput: 'BAD_USER_INPUT',
  /** No operation to run: several in the document and no (or an unknown) `operationName`. */
  OperationResolutionFailure: 'OPERATION_RESOLUTION_FAILURE',
  /** A subscription sent as a plain request/response. */
  OperationNotSupported: 'OPERATION_NOT_SUPPORTED',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  NotAcceptable: 'NOT_ACCEPTABLE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** The request (headers and body) did not arrive within `REQUEST_TIMEOUT_MS` (408). */
  RequestTimeout: 'REQUEST_TIMEOUT',
  /** The request line and headers are over Node's header size limit, 16 KiB (431): send a long operation by POST. */
  RequestHeaderFieldsTooLarge: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  NotFound: 'NOT_FOUND',
  /** The gateway cannot serve yet (no supergraph) or any more (closing). */
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  /** A subgraph could not be reached (refused, reset, DNS...). */
  SubgraphUnavailable: 'SUBGRAPH_UNAVAILABLE',
  /** A subgraph did not answer within `SUBGRAPH_TIMEOUT_MS`. */
  SubgraphTimeout: 'SUBGRAPH_TIMEOUT',
  /** A subgraph answered something that is not a GraphQL response. */
  SubgraphBadResponse: 'SUBGRAPH_BAD_RESPONSE',
  /** A subgraph's error that came without a code of its own (`extensions.serviceName` names the subgraph). */
  DownstreamServiceError: 'DOWNSTREAM_SERVICE_ERROR',
  /**
   * A subgraph's value does not fit the schema (a null for a non-null field, a wrong leaf, an
   * unknown `__typename`). Apollo's code for it, kept for clients; reported under
   * `extensions.valueCompletion` when no fetch failed, as Apollo Router and @apollo/gateway do.
   */
  InvalidGraphQL: 'INVALID_GRAPHQL',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
  /** The client went away before its answer was ready; the subgraph fetch was cancelled. */
  ClientClosedRequest: 'CLIENT_CLOSED_REQUEST',
  /** A subscriber fell too far behind its stream and was ended; it resumes with `after`. */
  SubscriberTooSlow: 'SUBSCRIBER_TOO_SLOW',
  /** Too many operations at once on one WebSocket, or subscriptions of one caller (`extensions.limit = { name, max }`). */
  SubscriptionLimitExceeded: 'SUBSCRIPTION_LIMIT_EXCEEDED',
  /** Depth, aliases, root fields, tokens or size over the endpoint's limit (`extensions.limit`). */
  OperationLimitExceeded: 'OPERATION_LIMIT_EXCEEDED',
  /** The operation's estimated cost is over the endpoint's budget (`extensions.cost`, `extensions.limit`). */
  CostLimitExceeded: 'COST_LIMIT_EXCEEDED',
  /** APQ: the hash is not known (yet); send the query with it. */
  PersistedQueryNotFound: 'PERSISTED_QUERY_NOT_FOUND',
  /** Safelist mode: the operation is not registered. */
  PersistedQueryNotInList: 'PERSISTED_QUERY_NOT_IN_LIST',
  /** APQ: a version other than 1. */
  PersistedQueryNotSupported: 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** APQ: the query sent does not hash to the hash sent. */
  PersistedQueryHashMismatch: 'PERSISTED_QUERY_HASH_MISMATCH',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The same error with `extensions.code` set; graphql-js errors are immutable. */
export function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    originalError: error.originalError ?? null,
    extensions: { ...error.extensions, code },
  });
}

export function codedError(message: string, code: ErrorCode): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** A complete `{ errors }` body for answers that never reach GraphQL execution (406, 413, 500...). */
export function errorsBody(message: string, code: ErrorCode): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

/**
 * An error our code or a library threw (an `originalError` that is not a GraphQL error, and no
 * code): its message can name files, hosts or SQL, so it is logged and never shown.
 */
export function isInternalError(error: Readonly<GraphQLError>): boolean {
  const { originalError } = error;
  return originalError instanceof Error && !(originalError instanceof GraphQLError) && error.extensions.code === undefined;
}

export function internalError(path?: GraphQLError['path']): GraphQLError {
  return new GraphQLError('Internal server error', { path, extensions: { code: ErrorCode.InternalServerError } });
}

/**
 * What a client may see of an error: internal errors become a generic one; errors relayed from
 * subgraphs keep their message and code, minus debugging extensions; every error gets a code.
 */
export function toClientError(error: Readonly<GraphQLError | Error>): GraphQLError {
  if (!(error instanceof GraphQLError)) {
    // Execution results never carry plain errors here (the HTTP adapter replaces them), so this
    // is graphql-http's request parsing ("Unparsable JSON body", "Missing query"...), whose
    // messages are written for clients.
    return codedError(error.message, ErrorCode.BadRequest);
  }
  if (isInternalError(error)) return internalError(error.path);
  const { exception, stacktrace, ...extensions } = error.extensions;
  if (exception === undefined && stacktrace === undefined && extensions.code !== undefined) return error;
  return new GraphQLError(error.message, {
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...extensions, code: extensions.code ?? ErrorCode.InternalServerError },
  });
}
