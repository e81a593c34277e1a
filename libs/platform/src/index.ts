export {
  ConfigError,
  parseConfig,
  parseDurationMs,
  parseByteQuantity,
  durationMs,
  byteQuantity,
  integer,
  port,
  boolean,
  loggingEnvSchema,
  LOG_LEVELS,
  type Env,
} from './config';
export { createLogger, type Logger, type LoggerOptions } from './logger';
export { startMetricsServer } from './metrics-server';
export { startHealthServer, type HealthChecks } from './health-server';
export { listen, closeServer } from './http-listen';
export { installShutdown, exitOnStartupFailure, type Stoppable } from './lifecycle';
export { exponentialDelayMs, sleep } from './backoff';
export {
  TRACE_EXPORTERS,
  tracingEnvSchema,
  toTracingConfig,
  startTracing,
  extractContext,
  traceparentOf,
  traceLogFields,
  type Tracing,
  type TracingConfig,
  type TraceExporterName,
} from './tracing';
