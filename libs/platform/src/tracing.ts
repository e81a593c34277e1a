import { context, propagation, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { z } from 'zod';
import { boolean } from './config';

export const TRACE_EXPORTERS = ['otlp', 'zipkin', 'console', 'none'] as const;
export type TraceExporterName = (typeof TRACE_EXPORTERS)[number];

/** The standard `OTEL_*` variables this platform reads (SPEC section 7). */
export const tracingEnvSchema = z.object({
  OTEL_SDK_DISABLED: boolean(false),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_TRACES_EXPORTER: z.enum(TRACE_EXPORTERS).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_ZIPKIN_ENDPOINT: z.url().optional(),
});

export interface TracingConfig {
  readonly exporter: TraceExporterName;
  readonly serviceName: string;
  /** Where spans go: the OTLP traces URL or the Zipkin spans URL. */
  readonly endpoint?: string;
}

/**
 * Tracing is off unless an exporter is configured: `OTEL_TRACES_EXPORTER`, or an OTLP or Zipkin
 * endpoint (OTLP wins when both are set). `OTEL_SDK_DISABLED=true` turns it off regardless.
 */
export function toTracingConfig(env: z.output<typeof tracingEnvSchema>, defaultServiceName: string): TracingConfig {
  const serviceName = env.OTEL_SERVICE_NAME ?? defaultServiceName;
  const otlp = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces` : undefined);
  const zipkin = env.OTEL_EXPORTER_ZIPKIN_ENDPOINT;
  const exporter: TraceExporterName = env.OTEL_SDK_DISABLED
    ? 'none'
    : (env.OTEL_TRACES_EXPORTER ?? (otlp ? 'otlp' : zipkin ? 'zipkin' : 'none'));
  const endpoint = exporter === 'otlp' ? (otlp ?? 'http://localhost:4318/v1/traces') : exporter === 'zipkin' ? (zipkin ?? 'http://localhost:9411/api/v2/spans') : undefined;
  return { exporter, serviceName, ...(endpoint ? { endpoint } : {}) };
}

/** The tracing of one process: `enabled` lets hot paths skip span work entirely when off. */
export interface Tracing {
  readonly enabled: boolean;
  readonly tracer: Tracer;
  /** Exports the spans still buffered (tests, and before exit). */
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK: W3C trace context (B3 extracted too, for Kyma's B3 headers),
 * async-local context for logs, a batch processor. No global instrumentation is installed: spans
 * are made at the edges of each app (ARCHITECTURE.md "Observability at the edges").
 */
export function startTracing(config: TracingConfig, exporterOverride?: SpanExporter): Tracing {
  if (config.exporter === 'none' && !exporterOverride) {
    return { enabled: false, tracer: trace.getTracer(config.serviceName), forceFlush: async () => {}, shutdown: async () => {} };
  }
  const exporter = exporterOverride ?? createExporter(config);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: 500 })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER })] }),
  );
  trace.setGlobalTracerProvider(provider);
  return {
    enabled: true,
    tracer: provider.getTracer(config.serviceName),
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

function createExporter(config: TracingConfig): SpanExporter {
  if (config.exporter === 'zipkin') return new ZipkinExporter({ url: config.endpoint!, serviceName: config.serviceName });
  if (config.exporter === 'console') return new ConsoleSpanExporter();
  return new OTLPTraceExporter({ url: config.endpoint! });
}

/** Reads a parent context from headers (`traceparent`, B3); lower-case header names. */
export function extractContext(headers: Readonly<Record<string, string | string[] | undefined>>): Context {
  return propagation.extract(context.active(), headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
  });
}

/** The W3C `traceparent` of a span (what is sent on to the next hop). */
export function traceparentOf(span: Span): string {
  const c = span.spanContext();
  return `00-${c.traceId}-${c.spanId}-0${(c.traceFlags & 1).toString(16)}`;
}

/** Log fields for a span: every log line of a traced unit of work carries them (SPEC section 7). */
export function traceLogFields(span: Span | undefined): { trace_id?: string; span_id?: string } {
  if (!span) return {};
  const c = span.spanContext();
  return { trace_id: c.traceId, span_id: c.spanId };
}
