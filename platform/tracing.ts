/**
 * OpenTelemetry tracing for the gateway and the subgraphs, exported over OTLP/HTTP (JSON) when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set — the exporter
 * reads the standard `OTEL_*` variables itself (headers, timeout); `OTEL_SERVICE_NAME` names the
 * process. Off otherwise, and free: every span helper below checks one boolean before doing
 * anything, so an untraced request allocates no span, context or header.
 *
 * Context travels as W3C `traceparent`/`tracestate` (the gateway injects them into each subgraph
 * request; a subgraph extracts them and continues the trace), and within a process through
 * AsyncLocalStorage (the SDK's context manager).
 */
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export { SpanKind };

let enabled = false;

/** True while a tracer provider of ours is registered. */
export function tracingEnabled(): boolean {
  return enabled;
}

export interface Tracing {
  /** Sends what is buffered now (tests, and before exit). */
  flush(): Promise<void>;
  /** Flushes, stops exporting and unregisters: later spans are free no-ops again. */
  shutdown(): Promise<void>;
}

/** Whether the environment asks for traces: an OTLP endpoint is set and the SDK not disabled. */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts exporting this process's spans, named `serviceName` unless `OTEL_SERVICE_NAME` says
 * otherwise; undefined (and nothing registered) when the environment asks for no traces. One per
 * process: a second call returns undefined.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  if (enabled || !tracingRequested(env)) return undefined;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${env.OTEL_EXPORTER_OTLP_ENDPOINT!.replace(/\/$/, '')}/v1/traces`;
  const provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': env.OTEL_SERVICE_NAME || serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }), { scheduledDelayMillis: 1_000 })],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  enabled = true;
  return {
    flush: () => provider.forceFlush(),
    async shutdown() {
      if (!enabled) return;
      enabled = false;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

function tracerOf(name: string): Tracer {
  return trace.getTracer(name);
}

type SpanOptions = { kind?: SpanKind; attributes?: Attributes };

/** A new span of tracer `scope`, child of `parent`, and the context in which it is the active one. */
function startSpanIn(scope: string, name: string, options: SpanOptions, parent: Context): { span: Span; active: Context } {
  const span = tracerOf(scope).startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}) }, parent);
  return { span, active: trace.setSpan(parent, span) };
}

/**
 * Runs `run` inside a new span `name` of tracer `scope`, child of the active span (or of `parent`),
 * ended when `run` settles (an exception marks it failed); without tracing, just runs `run`.
 */
export async function inSpan<T>(scope: string, name: string, options: SpanOptions & { parent?: Context }, run: (span: Span | undefined) => Promise<T>): Promise<T> {
  if (!enabled) return run(undefined);
  const { span, active } = startSpanIn(scope, name, options, options.parent ?? context.active());
  try {
    return await context.with(active, () => run(span));
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/** {@link inSpan} for synchronous work (the span ends when `run` returns): what `run` starts, even later, is its child. */
export function inSpanSync<T>(scope: string, name: string, options: SpanOptions, run: () => T): T {
  if (!enabled) return run();
  const { span, active } = startSpanIn(scope, name, options, context.active());
  try {
    return context.with(active, run);
  } finally {
    span.end();
  }
}

/** The trace context carried by incoming `headers` (W3C traceparent/tracestate), for a server span's parent. */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): Context {
  return enabled ? propagation.extract(ROOT_CONTEXT, headers) : ROOT_CONTEXT;
}

/**
 * Starts a server span `name` continuing the trace of incoming `headers`; `run` then runs with it
 * active (what it starts, and all that follows from it, are its children). Undefined without tracing.
 */
export function startServerSpan(scope: string, name: string, headers: Record<string, string | string[] | undefined>, attributes: Attributes = {}): { span: Span; run<T>(fn: () => T): T } | undefined {
  if (!enabled) return undefined;
  const { span, active } = startSpanIn(scope, name, { kind: SpanKind.SERVER, attributes }, propagation.extract(ROOT_CONTEXT, headers));
  return { span, run: (fn) => context.with(active, fn) };
}

/** `headers` with the active trace context added (traceparent, tracestate); unchanged without tracing. */
export function withTraceHeaders<H extends Record<string, string>>(headers: H): H {
  if (!enabled) return headers;
  const carrier: Record<string, string> = { ...headers };
  propagation.inject(context.active(), carrier);
  return carrier as H;
}

/**
 * The active trace context as W3C fields (`traceparent`, and `tracestate` when there is one), for
 * a carrier other than HTTP headers (a WebSocket subscribe message's `extensions`); empty without tracing.
 */
export function traceContextFields(): Record<string, string> {
  const carrier: Record<string, string> = {};
  if (enabled) propagation.inject(context.active(), carrier);
  return carrier;
}

/** Marks `span` failed with `message` (a GraphQL error, an HTTP 5xx...). */
export function markFailed(span: Span | undefined, message: string): void {
  span?.setStatus({ code: SpanStatusCode.ERROR, message });
}

/**
 * Records a finished piece of work that took `durationMs` up to now as a child span of the active
 * one (what a SQL statement reports once done).
 */
export function recordFinishedSpan(scope: string, name: string, durationMs: number, attributes: Attributes, failed?: unknown): void {
  if (!enabled) return;
  const active = context.active();
  if (!trace.getSpan(active)) return;
  const now = Date.now();
  const span = tracerOf(scope).startSpan(name, { kind: SpanKind.CLIENT, startTime: now - durationMs, attributes }, active);
  if (failed !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: failed instanceof Error ? failed.message : String(failed) });
  span.end(now);
}

/** The active span's trace id, for log lines; undefined without tracing. */
export function activeTraceId(): string | undefined {
  if (!enabled) return undefined;
  const span = trace.getSpan(context.active());
  return span?.spanContext().traceId;
}
