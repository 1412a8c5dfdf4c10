/**
 * The answer that stands for a failed subgraph fetch, and how the upstream policies recognise one.
 * A fetch that fails whole gets one error per field it left unresolved, at that field's path
 * (subgraph-error-paths.ts), coded and naming the subgraph, so the client gets every other field.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ErrorCode } from '../errors.js';
import { unresolvedFieldPaths, type SubgraphFetch } from './subgraph-error-paths.js';

export type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** What a data source is asked to fetch, as the error paths read it. */
export function fetchOf(options: GraphQLDataSourceProcessOptions): SubgraphFetch {
  return { query: options.request.query, variables: options.request.variables, document: 'document' in options ? options.document : undefined };
}

/** The errors of a fetch that failed whole with `code`: at each unresolved path, or one without a path. */
export function failedFetch(name: string, fetch: SubgraphFetch, code: ErrorCode, message: string): SubgraphResponse {
  const error = { message, extensions: { code, serviceName: name } };
  const paths = unresolvedFieldPaths(fetch);
  return { data: null, errors: paths.length > 0 ? paths.map((path) => ({ ...error, path })) : [error] };
}

const codeOf = (response: SubgraphResponse): unknown => response.errors?.[0]?.extensions?.code;

// Answers given for a subgraph without asking it (its circuit is open): no retry can change them.
const unasked = new WeakSet<SubgraphResponse>();

/** `response` was given without asking the subgraph (an open circuit): not worth a retry. */
export function answeredWithoutAsking(response: SubgraphResponse): SubgraphResponse {
  unasked.add(response);
  return response;
}

/** The subgraph could not be reached at all (refused, reset, unresolvable): worth another try for a query. */
export function isUnreachable(response: SubgraphResponse): boolean {
  return response.data == null && codeOf(response) === ErrorCode.SubgraphUnavailable && !unasked.has(response);
}

const FAILURES: ReadonlySet<unknown> = new Set([ErrorCode.SubgraphUnavailable, ErrorCode.SubgraphTimeout, ErrorCode.SubgraphBadResponse]);

/** The subgraph failed the fetch (unreachable, too slow, or garbage): what a circuit breaker counts. Its own GraphQL errors are answers, not failures. */
export function isSubgraphFailure(response: SubgraphResponse): boolean {
  return response.data == null && FAILURES.has(codeOf(response));
}

/** A query, for certain: only those are retried (a mutation's retry could apply it twice). */
export function isQueryFetch(options: GraphQLDataSourceProcessOptions): boolean {
  const kind = (options as { operationKind?: unknown }).operationKind;
  return kind === 'query';
}
