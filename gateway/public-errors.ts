/**
 * What a partner may see of an error: stricter than the main endpoint. Subgraph failures say that
 * a part of the graph is unavailable without naming which (subgraph names are internal), messages
 * relayed from subgraphs are replaced by their code's generic text, and only the extensions a
 * partner can act on (code, limits, retry) stay.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode, toClientError } from './errors.js';

/** Extensions a partner can act on; everything else is dropped. */
const KEPT_EXTENSIONS = new Set(['code', 'limit', 'cost', 'retryAfter', 'argument']);

/** Errors whose message the gateway itself wrote for clients (request and limit errors). */
const GATEWAY_WRITTEN = new Set<string>([
  ErrorCode.BadRequest,
  ErrorCode.GraphQLParseFailed,
  ErrorCode.GraphQLValidationFailed,
  ErrorCode.BadUserInput,
  ErrorCode.OperationResolutionFailure,
  ErrorCode.OperationNotSupported,
  ErrorCode.MethodNotAllowed,
  ErrorCode.NotAcceptable,
  ErrorCode.UnsupportedMediaType,
  ErrorCode.PayloadTooLarge,
  ErrorCode.PersistedQueryNotFound,
  ErrorCode.PersistedQueryNotSupported,
  ErrorCode.PersistedQueryHashMismatch,
  ErrorCode.PersistedQueryNotInList,
]);

const GENERIC_MESSAGES: Record<string, string> = {
  [ErrorCode.SubgraphUnavailable]: 'Part of the graph is unavailable; the rest of the answer is complete',
  [ErrorCode.SubgraphTimeout]: 'Part of the graph did not answer in time; the rest of the answer is complete',
  [ErrorCode.SubgraphBadResponse]: 'Part of the graph failed; the rest of the answer is complete',
};

export function toPublicError(error: Readonly<GraphQLError | Error>): GraphQLError {
  const client = toClientError(error);
  const code = String(client.extensions.code ?? ErrorCode.InternalServerError);
  const extensions = Object.fromEntries(Object.entries(client.extensions).filter(([key]) => KEPT_EXTENSIONS.has(key)));
  // Limit refusals and request errors are the gateway's own words; a subgraph's are replaced.
  const ownWords = GATEWAY_WRITTEN.has(code) || code.endsWith('_LIMIT_EXCEEDED') || code === 'RATE_LIMITED' || code === 'UNAUTHENTICATED';
  const message = GENERIC_MESSAGES[code] ?? (ownWords ? client.message : code === ErrorCode.InternalServerError ? 'Internal server error' : 'The request could not be completed');
  return new GraphQLError(message, {
    source: client.source,
    positions: client.positions,
    path: client.path,
    extensions: { ...extensions, code },
  });
}
