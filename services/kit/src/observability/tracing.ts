import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Attributes, type Context, type Span } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator, type ExportResult } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace";
import type { IncomingHttpHeaders } from "node:http";
import { redactAttributes, redactText } from "./redact.js";

/**
 * OpenTelemetry traces: one trace from the client's request through the gateway (whose Apollo library
 * adds its plan and fetch spans), each subgraph and each database command (mongo.ts). Off unless
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) names a collector: then spans are
 * batched and sent over OTLP/HTTP, with personal data taken out of every attribute, event and status.
 */

const tracer = () => trace.getTracer("sos");

export interface Tracing {
  enabled: boolean;
  /** Sends what is batched and stops (on shutdown; a test flushes before it reads the collector). */
  shutdown(): Promise<void>;
  flush(): Promise<void>;
}

/** A span as exported: the same span with its attributes, events and status message scrubbed. */
function redactedSpan(span: ReadableSpan): ReadableSpan {
  const copy = Object.create(span) as ReadableSpan & Record<string, unknown>;
  Object.defineProperties(copy, {
    attributes: { value: redactAttributes(span.attributes) },
    events: { value: span.events.map((event) => ({ ...event, name: redactText(event.name), ...(event.attributes && { attributes: redactAttributes(event.attributes) }) })) },
    status: { value: span.status.message ? { ...span.status, message: redactText(span.status.message) } : span.status },
    name: { value: redactText(span.name) },
  });
  return copy;
}

/** Wraps the exporter so nothing personal leaves, whatever a library put on a span. */
class RedactingExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans.map(redactedSpan), done);
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/** Where traces go: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
export function tracesEndpoint(env: NodeJS.ProcessEnv): string | null {
  if (env["OTEL_SDK_DISABLED"] === "true") return null;
  const traces = env["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]?.trim();
  if (traces) return traces;
  const base = env["OTEL_EXPORTER_OTLP_ENDPOINT"]?.trim();
  return base ? `${base.replace(/\/$/, "")}/v1/traces` : null;
}

let started: Tracing | null = null;

/**
 * Starts tracing for this process when a collector is configured (once per process: the provider is
 * global). `service` names the process in the collector (OTEL_SERVICE_NAME overrides it).
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  if (started) return started;
  const url = tracesEndpoint(env);
  if (!url) return { enabled: false, shutdown: async () => {}, flush: async () => {} };
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": env["OTEL_SERVICE_NAME"]?.trim() || service }),
    // A collector that does not answer costs a shutdown 3 s, not the exporter's default 30.
    spanProcessors: [new BatchSpanProcessor({ exporter: new RedactingExporter(new OTLPTraceExporter({ url, timeoutMillis: 3_000 })), exportTimeoutMillis: 3_000 })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  started = {
    enabled: true,
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
  return started;
}

/** The trace and span ids of the span under way, for log lines (none when tracing is off). */
export function activeTraceIds(): { trace_id: string; span_id: string } | null {
  const span = trace.getActiveSpan();
  if (!span) return null;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/**
 * Runs an HTTP request's handling inside a server span, continuing the caller's trace (a traceparent
 * header from the gateway, or from a client that traces). `finish` ends it with the status sent.
 */
export function serverSpan<T>(name: string, headers: IncomingHttpHeaders, attributes: Attributes, work: (span: Span) => T): T {
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  return tracer().startActiveSpan(name, { kind: SpanKind.SERVER, attributes }, parent, work);
}

/** Ends a server span with the response's status (5xx marks the span failed). */
export function endServerSpan(span: Span, status: number): void {
  span.setAttribute("http.response.status_code", status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** A client span for a call this process makes (a database command), child of the span under way. */
export function startClientSpan(name: string, attributes: Attributes, parent: Context = context.active()): Span {
  return tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
}

/** Writes the current trace context into outgoing headers (traceparent), so the next process continues it. */
export function injectTraceHeaders(headers: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}

/** Names the operation and the viewer's role on the request's span (the span under way). */
export function describeRequestSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}
