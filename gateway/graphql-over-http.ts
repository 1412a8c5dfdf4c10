/**
 * GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/) on one endpoint, as a
 * Fastify plugin. graphql-http handles the protocol (methods, bodies, status codes per media type);
 * this adapter negotiates the media type, prepares operations with a cache, runs them through the
 * federation executor and keeps every error coded and free of internals.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FastifyBaseLogger, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ExecutionResult } from 'graphql';
import { createHandler, type Response as HandlerResponse } from 'graphql-http';
import { abortOnClientGone } from './client-abort.js';
import { createDocumentCache } from './document-cache.js';
import { ErrorCode, codedError, errorsBody, internalError, isInternalError, toClientError } from './errors.js';
import type { ExecuteOperation, PreparedOperation, SchemaSnapshot } from './execute-operation.js';
import { sendErrors } from './http-errors.js';
import type { GatewayMetrics, OperationOutcome } from './metrics.js';
import { negotiateMediaType } from './negotiate-media-type.js';
import { resolvePersistedQueryRequest, type PersistedQueryStore } from './persisted-queries.js';
import type { OperationLimits } from './limits/operation-limits.js';
import type { GraphiQLPage } from './graphiql.js';
import { ANONYMOUS_PRINCIPAL, type Principal } from './identity/principal.js';
import { applyRemovals } from './authorization/apply-removals.js';
import { isRawJson, RawJsonSlot } from './engine/raw-json.js';
import type { Removal } from './authorization/authorize-operation.js';
import { prepareRequest } from './pipeline/prepare-request.js';
import { SpanKind, contextFromHeaders, inSpan, markFailed } from '../platform/tracing.js';
import type { Span } from '@opentelemetry/api';
import type { Safelist } from './safelist.js';

export interface GraphQLOverHttpOptions {
  /** @default '/graphql' */
  path?: string;
  /** The schema in service; undefined while none is loaded. */
  currentSchema(): SchemaSnapshot | undefined;
  execute: ExecuteOperation;
  /** Parsed and validated operations to keep; 0 keeps none. */
  documentCacheSize: number;
  /** HTML for a browser that GETs the endpoint (its `Accept` prefers text/html). */
  graphiqlPage?: GraphiQLPage;
  /** Automatic persisted queries; absent turns them off. */
  persistedQueries?: PersistedQueryStore;
  /** When given, every operation is timed and counted. */
  metrics?: GatewayMetrics;
  /** false refuses `__schema` and `__type` (a validation error); `__typename` stays. @default true */
  introspection?: boolean;
  /** Depth, aliases, root fields, tokens, size and cost each operation must stay within; absent, none. */
  limits?: OperationLimits;
  /** The cost budget of the caller (a partner's plan), when it has one: the lower of it and `limits.maxCost` applies. */
  costBudget?: (request: FastifyRequest) => number | undefined;
  /**
   * Serves a request that accepts `text/event-stream` (GraphQL over SSE on the GraphQL path, as
   * GraphQL Yoga and Hive Gateway do); absent, such requests are negotiated as any other.
   */
  eventStream?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** Only the operations of this list run (persisted operations); its APQ store replaces `persistedQueries`. */
  safelist?: Safelist;
  /** What a client may see of an error. @default toClientError */
  formatError?: (error: Readonly<GraphQLError | Error>) => GraphQLError;
}

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const JSON_MEDIA_TYPE = 'application/json';
const HTML = 'text/html';
// graphql-response+json first: it lets status codes tell request errors apart; application/json
// is for clients that still ask for it only.
const GRAPHQL_MEDIA_TYPES = [GRAPHQL_RESPONSE, JSON_MEDIA_TYPE] as const;
const BROWSER_MEDIA_TYPES = [GRAPHQL_RESPONSE, JSON_MEDIA_TYPE, HTML] as const;
const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

type GraphQLMediaType = (typeof GRAPHQL_MEDIA_TYPES)[number];
/** What one request became, filled in as it goes, for the metrics and the request's log line. */
type OperationReport = {
  type?: string;
  name?: string | undefined;
  outcome?: OperationOutcome;
  /** The operation span's trace, with tracing on. */
  traceId?: string;
  /** `data` our engine wrote as JSON text: spliced into the body graphql-http writes. */
  rawData?: RawJsonSlot;
};
/** What the route hands to graphql-http with each request. */
type RequestState = { mediaType: GraphQLMediaType; report: OperationReport; clientSignal: AbortSignal; requestId: string; principal: Principal };
/** What onSubscribe hands to execute for one request. */
type OperationState = {
  prepared: PreparedOperation;
  snapshot: SchemaSnapshot;
  log: FastifyBaseLogger;
  report: OperationReport;
  clientSignal: AbortSignal;
  requestId: string;
  principal: Principal;
  /** Fields taken out for want of rights: answered null with their error after execution. */
  removals: readonly Removal[];
  nothingToRun: boolean;
};

export const graphqlOverHttp: FastifyPluginAsync<GraphQLOverHttpOptions> = async (app, options) => {
  const { path = '/graphql', currentSchema, execute, graphiqlPage, metrics, safelist } = options;
  const persistedQueries = safelist?.persistedQueries ?? options.persistedQueries;
  const documentCache = createDocumentCache(options.documentCacheSize);
  const extraRules = options.introspection === false ? [NoSchemaIntrospectionCustomRule] : [];

  const handle = createHandler<FastifyRequest, RequestState, OperationState>({
    onSubscribe(request, params) {
      const snapshot = currentSchema();
      if (!snapshot) return plainResponse(503, 'Service Unavailable', ErrorCode.ServiceUnavailable, 'No supergraph is loaded yet');
      if (safelist && !safelist.allows(params.query)) {
        return [codedError('This operation is not in the list of registered operations.', ErrorCode.PersistedQueryNotInList)];
      }
      const budget = options.costBudget?.(request.raw);
      const costLimits = options.limits && budget !== undefined ? { ...options.limits, maxCost: Math.min(options.limits.maxCost, budget) } : undefined;
      const outcome = prepareRequest(snapshot, params, request.context.principal, { documentCache, extraRules, limits: options.limits, costLimits }, (operation) => {
        request.context.report.type = operation.operation;
        request.context.report.name = operation.name?.value;
        // Checked before anything runs: GET must stay safe, whatever a link or a prefetch sends.
        if (request.method === 'GET' && operation.operation !== 'query') {
          return [
            errorsBody('Only queries can be sent with GET; send mutations with POST.', ErrorCode.MethodNotAllowed),
            { status: 405, statusText: 'Method Not Allowed', headers: { allow: 'POST', 'content-type': `${request.context.mediaType}; charset=utf-8` } },
          ] satisfies HandlerResponse;
        }
        if (operation.operation === 'subscription') {
          return [codedError('Subscriptions are not served as a single HTTP response.', ErrorCode.OperationNotSupported)];
        }
        return undefined;
      });
      if (!outcome.ok) return outcome.refusal;
      const { document, operationName, variables, prepared, removals, nothingToRun } = outcome.value;
      return {
        schema: snapshot.schema,
        document,
        operationName,
        variableValues: variables,
        contextValue: {
          prepared,
          snapshot,
          log: request.raw.log,
          report: request.context.report,
          clientSignal: request.context.clientSignal,
          requestId: request.context.requestId,
          principal: request.context.principal,
          removals,
          nothingToRun,
        },
      };
    },
    async execute(args) {
      // Always the OperationState that onSubscribe returned just above.
      const { prepared, snapshot, log, report, clientSignal, requestId, principal, removals, nothingToRun } =
        args.contextValue as OperationState;
      const executed = nothingToRun ? {} : await execute(prepared, snapshot, { clientSignal, requestId, principal });
      // Shaping a large response and writing it are long stretches of work: other requests between them.
      if (!nothingToRun) await yieldToEventLoop();
      const answered = applyRemovals(executed, removals);
      report.outcome = !answered.errors ? 'ok' : answered.data ? 'partial' : 'failed';
      // Data our engine wrote as JSON text goes into the body as it is (see the route below).
      let result = answered as ExecutionResult;
      if (isRawJson(answered.data)) {
        const slot = new RawJsonSlot(answered.data);
        report.rawData = slot;
        result = { ...answered, data: slot as unknown as Record<string, unknown> };
      }
      if (!result.errors) return result;
      return { ...result, errors: result.errors.map((error) => keepInternalErrorsInTheLog(error, log)) };
    },
    formatError: options.formatError ?? toClientError,
  });

  // The body stays a string: graphql-http parses it and answers bad JSON (400) and other media
  // types (415) as the spec says, where Fastify's own parsers would answer in their own format.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.route({
    method: ROUTE_METHODS,
    url: path,
    async handler(request, reply) {
      if (options.eventStream && acceptsEventStream(request.headers.accept)) return options.eventStream(request, reply);
      const offered = request.method === 'GET' && graphiqlPage !== undefined ? BROWSER_MEDIA_TYPES : GRAPHQL_MEDIA_TYPES;
      const mediaType = negotiateMediaType(request.headers.accept, offered);
      if (mediaType === undefined) {
        reply.header('accept', `${GRAPHQL_RESPONSE}, ${JSON_MEDIA_TYPE}`);
        return sendErrors(reply, 406, `Accept ${GRAPHQL_RESPONSE} or ${JSON_MEDIA_TYPE}.`, ErrorCode.NotAcceptable);
      }
      if (mediaType === HTML) {
        return reply.type('text/html; charset=utf-8').send(typeof graphiqlPage === 'function' ? await graphiqlPage() : graphiqlPage);
      }

      const started = performance.now();
      const report: OperationReport = {};
      const rawBody = typeof request.body === 'string' ? request.body : null;
      const resolved = persistedQueries
        ? resolvePersistedQueryRequest(request.method, request.url, rawBody, persistedQueries)
        : { url: request.url, body: rawBody };
      if ('refusal' in resolved) {
        const { status, message, code } = resolved.refusal;
        return reply.status(status).type(`${mediaType}; charset=utf-8`).send(errorsBody(message, code));
      }
      // One span per operation (platform/tracing.ts), continuing the caller's traceparent; the plan's
      // steps and subgraph fetches are its children.
      const [body, init]: HandlerResponse = await inSpan('omnichannel-gateway', 'graphql.operation', { kind: SpanKind.SERVER, parent: contextFromHeaders(request.headers) }, async (span) => {
        const answered = await handle({
        method: request.method,
        url: resolved.url,
        // graphql-http reads the media type to answer in from `accept`: give it the negotiated one.
        headers: { accept: mediaType, 'content-type': request.headers['content-type'] },
        body: resolved.body,
        raw: request,
        context: {
          mediaType,
          report,
          clientSignal: abortOnClientGone(reply),
          requestId: request.id,
          // Routes without bearer authentication (the partners' endpoint) act for nobody in particular.
          principal: request.principal ?? ANONYMOUS_PRINCIPAL,
        },
        });
        if (span) describeOperationSpan(span, report, answered[1].status);
        return answered;
      });
      const outcome = report.outcome ?? (init.status >= 500 ? 'failed' : 'refused');
      // One line per GraphQL request at info (the request id is bound to request.log by Fastify).
      if (REQUEST_LINE_LEVELS.has(request.log.level)) {
        request.log.info(
          { method: request.method, operation: report.name ?? null, type: report.type ?? null, status: init.status, outcome, durationMs: Math.round((performance.now() - started) * 10) / 10, ...(report.traceId ? { trace_id: report.traceId } : {}) },
          'graphql request',
        );
      }
      if (metrics) {
        metrics.observeOperation(
          { type: report.type ?? 'unknown', name: metrics.operationNameLabel(report.name), outcome },
          (performance.now() - started) / 1000,
        );
      }
      reply.status(init.status);
      if (init.headers) reply.headers(init.headers);
      if (body !== null) return reply.send(report.rawData ? report.rawData.splice(body) : body);
      // graphql-http answers 405 (other methods) and 415 (other media types) without a body.
      return sendErrors(reply, init.status, init.statusText, codeOfBodylessStatus(init.status));
    },
  });
};

/** Levels at which each GraphQL request gets its log line (built only then). */
const REQUEST_LINE_LEVELS: ReadonlySet<string> = new Set(['info', 'debug', 'trace']);

/** The operation span named and described as OpenTelemetry's GraphQL conventions say, once the operation is known. */
function describeOperationSpan(span: Span, report: OperationReport, status: number): void {
  report.traceId = span.spanContext().traceId;
  if (report.type) span.updateName(report.name ? `${report.type} ${report.name}` : report.type);
  if (report.type) span.setAttribute('graphql.operation.type', report.type);
  if (report.name) span.setAttribute('graphql.operation.name', report.name);
  span.setAttribute('http.response.status_code', status);
  if (report.outcome) span.setAttribute('omnichannel.outcome', report.outcome);
  if (status >= 500 || report.outcome === 'failed') markFailed(span, report.outcome ?? `HTTP ${status}`);
}

/**
 * The executor's result can hold plain `Error`s (a failed fetch step pushes what it caught), typed
 * as GraphQL errors or not: those and internal GraphQL errors are logged here, where the request is
 * known, and reach the client only as a generic INTERNAL_SERVER_ERROR.
 */
function keepInternalErrorsInTheLog(error: GraphQLError, log: FastifyBaseLogger): GraphQLError {
  if (error instanceof GraphQLError && !isInternalError(error)) return error;
  log.error({ err: error instanceof GraphQLError ? (error.originalError ?? error) : error }, 'operation failed');
  return error instanceof GraphQLError ? internalError(error.path) : internalError();
}

function plainResponse(status: number, statusText: string, code: ErrorCode, message: string): HandlerResponse {
  return [errorsBody(message, code), { status, statusText, headers: { 'content-type': `${JSON_MEDIA_TYPE}; charset=utf-8` } }];
}

function codeOfBodylessStatus(status: number): ErrorCode {
  if (status === 405) return ErrorCode.MethodNotAllowed;
  if (status === 415) return ErrorCode.UnsupportedMediaType;
  return ErrorCode.BadRequest;
}

/** A client that lists text/event-stream (e.g. graphql-sse's) wants the streaming answer. */
function acceptsEventStream(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/event-stream\s*(;|,|$)/i.test(accept);
}
