/**
 * Sends the gateway's subgraph fetches over an undici keep-alive pool. On the hot path: one
 * serialisation, one request, one parse. A subgraph that cannot be reached or answers garbage
 * becomes a GraphQL error for its part of the plan, so the rest of the response still arrives: one
 * error at the path of each field the fetch could not resolve (subgraph-error-paths.ts).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Dispatcher, Pool } from 'undici';
import { clientSignalOf } from '../client-abort.js';
import { fetchDeadline } from './fetch-deadline.js';
import { REQUEST_ID_HEADER, requestIdFromContext } from '../request-id.js';
import { ErrorCode } from '../errors.js';
import { hasOneEntityPerRepresentation, unresolvedFieldPaths, type SubgraphFetch } from './subgraph-error-paths.js';
import { failedFetch, fetchOf, type SubgraphResponse } from './subgraph-failure.js';
import { principalFromContext, type InternalTokenSigner } from '../identity/internal-token.js';
import { PRINCIPAL_HEADER } from '../../platform/internal-principal.js';
import { SpanKind, inSpan, markFailed, tracingEnabled, withTraceHeaders } from '../../platform/tracing.js';

/** The subset of a logger the data source needs (pino and @apollo/utils.logger both fit). */
export interface WarningLogger {
  warn(message: string): void;
}

export interface UndiciDataSourceOptions {
  /** Subgraph name, as in the supergraph: it names the subgraph in errors and logs. */
  name: string;
  /** The subgraph's GraphQL endpoint. */
  url: string;
  /** The pool of the URL's origin. */
  pool: Pool;
  /** Deadline of one request, waiting for a free connection included. */
  timeoutMs: number;
  logger: WarningLogger;
  /** Signs the vouching for the request's principal that the subgraph requires. */
  signer: InternalTokenSigner;
}

// Only these and the two below are ever sent: nothing of the client's request (its Authorization,
// a forged x-omnichannel-principal) reaches a subgraph.
const REQUEST_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json',
} as const;

export class UndiciDataSource implements GraphQLDataSource {
  readonly #name: string;
  readonly #path: string;
  readonly #pool: Pool;
  readonly #timeoutMs: number;
  readonly #logger: WarningLogger;
  readonly #signer: InternalTokenSigner;

  constructor({ name, url, pool, timeoutMs, logger, signer }: UndiciDataSourceOptions) {
    const { pathname, search } = new URL(url);
    this.#name = name;
    this.#path = pathname + search;
    this.#pool = pool;
    this.#timeoutMs = timeoutMs;
    this.#logger = logger;
    this.#signer = signer;
  }

  process(options: GraphQLDataSourceProcessOptions): Promise<SubgraphResponse> {
    // With tracing on, the request is a client span whose traceparent goes to the subgraph.
    if (!tracingEnabled()) return this.#process(options);
    return inSpan('omnichannel-gateway', `POST ${this.#name}`, { kind: SpanKind.CLIENT, attributes: { 'omnichannel.subgraph': this.#name, 'http.request.method': 'POST', 'url.path': this.#path } }, async (span) => {
      const answer = await this.#process(options);
      const code = answer.errors?.[0]?.extensions?.code;
      if (answer.data == null && typeof code === 'string') markFailed(span, code);
      return answer;
    });
  }

  async #process(options: GraphQLDataSourceProcessOptions): Promise<SubgraphResponse> {
    const { request, context } = options;
    const operation = fetchOf(options);
    const clientSignal = clientSignalOf(context);
    const requestId = requestIdFromContext(context);
    // Usually a cached token: signing happens about once per principal per half-minute.
    const principalToken = await this.#signer.tokenFor(principalFromContext(context));
    const deadline = fetchDeadline(this.#timeoutMs, clientSignal);
    let statusCode: number;
    let text: string;
    let cacheControl: string | undefined;
    try {
      const response = await this.#pool.request({
        method: 'POST',
        path: this.#path,
        headers: withTraceHeaders({ ...REQUEST_HEADERS, [PRINCIPAL_HEADER]: principalToken, ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}) }),
        body: JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName }),
        signal: deadline.signal,
      });
      statusCode = response.statusCode;
      cacheControl = headerText(response.headers['cache-control']);
      text = await readBodyText(response);
    } catch (error) {
      // Nobody waits for this answer any more: no warning, the response is never sent.
      if (clientSignal?.aborted) return { data: null, errors: [{ message: 'The client closed the connection', extensions: { code: ErrorCode.ClientClosedRequest } }] };
      return isTimeout(error)
        ? this.#failure(operation, ErrorCode.SubgraphTimeout, `did not answer within ${this.#timeoutMs} ms`, error)
        : this.#failure(operation, ErrorCode.SubgraphUnavailable, 'is unavailable', error);
    } finally {
      deadline.release();
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return this.#failure(operation, ErrorCode.SubgraphBadResponse, 'sent a response that is not JSON', `HTTP ${statusCode}`);
    }
    if (!isGraphQLResponse(payload)) {
      return this.#failure(operation, ErrorCode.SubgraphBadResponse, 'sent a response that is not a GraphQL response', `HTTP ${statusCode}`);
    }
    // The executor would throw on it, and the client would get a bare INTERNAL_SERVER_ERROR.
    if (!hasOneEntityPerRepresentation(operation, payload.data)) {
      return this.#failure(operation, ErrorCode.SubgraphBadResponse, 'sent a response that does not match its entity representations', `HTTP ${statusCode}`);
    }
    // A GraphQL body is relayed whatever the status: a 400 with `errors` says more than "HTTP 400".
    // Its Cache-Control goes along, as Apollo's data sources hand it on (`http`): the gateway's
    // cache reads it (gateway/cache/CACHE.md).
    const answer = withHttp(withErrorPaths(operation, payload), statusCode, cacheControl);
    // The executor goes on from here without a break (merging, and after the last fetch shaping the
    // whole response): let the event loop serve other requests between the two.
    await yieldToEventLoop();
    return answer;
  }

  #failure(operation: SubgraphFetch, code: ErrorCode, what: string, cause: unknown): SubgraphResponse {
    const message = `Subgraph "${this.#name}" ${what}`;
    // The cause (address, errno, status) is for operators; clients get the code and the subgraph name.
    this.#logger.warn(`${message}: ${cause instanceof Error ? cause.message : String(cause)}`);
    return failedFetch(this.#name, operation, code, message);
  }
}

/**
 * A subgraph's errors that name no path (a refused request, a failed validation...) are repeated at
 * the path of each field its answer leaves unresolved, so none of them is lost without a place.
 * List indices sent as strings (`"_entities", "0"`) become numbers: the executor maps an entity
 * error to its place in the response only by a numeric index, and no field name is all digits.
 */
function withErrorPaths(operation: SubgraphFetch, response: SubgraphResponse): SubgraphResponse {
  const errors = response.errors;
  if (!errors?.some((error) => !Array.isArray(error.path) || error.path.some(isIndexString))) return response;
  const unresolved = errors.some((error) => !Array.isArray(error.path)) ? unresolvedFieldPaths(operation, response.data) : [];
  return {
    ...response,
    errors: errors.flatMap((error) => {
      if (Array.isArray(error.path)) return [{ ...error, path: error.path.map((part) => (isIndexString(part) ? Number(part) : part)) }];
      return unresolved.length > 0 ? unresolved.map((path) => ({ ...error, path })) : [error];
    }),
  };
}

function withHttp(answer: SubgraphResponse, status: number, cacheControl: string | undefined): SubgraphResponse {
  if (cacheControl === undefined) return answer;
  return { ...answer, http: { status, headers: new Headers({ 'cache-control': cacheControl }) } };
}

/** One header's text (several of the same name joined, as HTTP reads them). */
function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function isIndexString(part: unknown): part is string {
  return typeof part === 'string' && /^\d+$/.test(part);
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

function isGraphQLResponse(payload: unknown): payload is SubgraphResponse {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const { data, errors } = payload as Record<string, unknown>;
  const hasData = typeof data === 'object' && !Array.isArray(data);
  return hasData || (Array.isArray(errors) && errors.length > 0);
}

/** Answers up to this size are read in one go; larger ones are decoded chunk by chunk as they arrive. */
const READ_WHOLE_BELOW_BYTES = 65_536;

/**
 * The answer's text. A large answer (a full listing with stock, megabytes) is decoded as its chunks
 * arrive, each in its own turn of the event loop, instead of gathered, copied and decoded in one
 * stretch at the end that holds every other request (and `/health`) waiting.
 */
async function readBodyText(response: Dispatcher.ResponseData): Promise<string> {
  const length = Number(response.headers['content-length']);
  if (length < READ_WHOLE_BELOW_BYTES) return response.body.text();
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of response.body) text += decoder.decode(chunk as Buffer, { stream: true });
  return text + decoder.decode();
}
