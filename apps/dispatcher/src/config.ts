import { z } from 'zod';
import { natsConnectionEnvSchema, streamEnvSchema, toNatsAuth, type NatsAuth } from '@eventing/jetstream';
import { durationMs, integer, loggingEnvSchema, parseConfig, port, toTracingConfig, tracingEnvSchema, type Env, type TracingConfig } from '@eventing/platform';

/**
 * Connections per sink origin (performance.md 7.4: size the pool to at least max_ack_pending,
 * capped at about 64 per sink). Kyma's dispatcher uses 50 (reference 4.1 `MAX_CONNS_PER_HOST`).
 */
export const DEFAULT_MAX_CONNS_PER_HOST = 64;
/** Keep-alive of an idle sink connection (Kyma's `IDLE_CONN_TIMEOUT`, reference 4.1). */
export const DEFAULT_IDLE_CONN_TIMEOUT = '10s';
/** Below Kubernetes' default terminationGracePeriodSeconds (30 s), so we exit before SIGKILL. */
export const DEFAULT_SHUTDOWN_GRACE_PERIOD = '25s';
/** How long a dead-letter write may wait for its JetStream acknowledgement. */
export const DEFAULT_DEAD_LETTER_PUBLISH_TIMEOUT = '5s';

/** Environment of the dispatcher (SPEC section 5); everything per subscription comes from the dispatch specs. */
const envSchema = z
  .object({
    HEALTH_PORT: port(8081),
    METRICS_PORT: port(8080),
    BIND_ADDRESS: z.string().default('0.0.0.0'),
    MAX_CONNS_PER_HOST: integer(DEFAULT_MAX_CONNS_PER_HOST, 1, 10_000),
    IDLE_CONN_TIMEOUT: durationMs(DEFAULT_IDLE_CONN_TIMEOUT),
    DEAD_LETTER_PUBLISH_TIMEOUT: durationMs(DEFAULT_DEAD_LETTER_PUBLISH_TIMEOUT),
    SHUTDOWN_GRACE_PERIOD: durationMs(DEFAULT_SHUTDOWN_GRACE_PERIOD),
    JS_STREAM_SUBJECT_PREFIX: streamEnvSchema.shape.JS_STREAM_SUBJECT_PREFIX,
  })
  .extend(natsConnectionEnvSchema.shape)
  .extend(loggingEnvSchema.shape)
  .extend(tracingEnvSchema.shape);

export interface DispatcherConfig {
  readonly natsUrl: string;
  readonly natsAuth: NatsAuth;
  readonly healthPort: number;
  readonly metricsPort: number;
  readonly bindAddress: string;
  /** Sink HTTP client limits. */
  readonly maxConnsPerHost: number;
  readonly idleConnTimeoutMs: number;
  readonly deadLetterPublishTimeoutMs: number;
  readonly shutdownGraceMs: number;
  /** For reverting the stored type to the publisher's (reference 4.5 step 3). */
  readonly subjectPrefix: string;
  readonly logLevel: string;
  readonly logFormat: string;
  readonly tracing: TracingConfig;
}

export function loadDispatcherConfig(env: Env = process.env): DispatcherConfig {
  const e = parseConfig(envSchema, env);
  return Object.freeze({
    natsUrl: e.NATS_URL,
    natsAuth: toNatsAuth(e),
    healthPort: e.HEALTH_PORT,
    metricsPort: e.METRICS_PORT,
    bindAddress: e.BIND_ADDRESS,
    maxConnsPerHost: e.MAX_CONNS_PER_HOST,
    idleConnTimeoutMs: e.IDLE_CONN_TIMEOUT,
    deadLetterPublishTimeoutMs: e.DEAD_LETTER_PUBLISH_TIMEOUT,
    shutdownGraceMs: e.SHUTDOWN_GRACE_PERIOD,
    subjectPrefix: e.JS_STREAM_SUBJECT_PREFIX,
    logLevel: e.APP_LOG_LEVEL,
    logFormat: e.APP_LOG_FORMAT,
    tracing: toTracingConfig(e, 'dispatcher'),
  });
}
