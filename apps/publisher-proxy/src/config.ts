import { z } from 'zod';
import { boolean, byteQuantity, durationMs, integer, loggingEnvSchema, parseConfig, port, toTracingConfig, tracingEnvSchema, type Env, type TracingConfig } from '@eventing/platform';
import { natsConnectionEnvSchema, streamEnvSchema, toNatsAuth, toStreamSettings, type NatsAuth, type StreamSettings } from '@eventing/jetstream';

/** Most publish requests in flight at once; past it the proxy answers 503 (SPEC section 2). */
export const DEFAULT_MAX_IN_FLIGHT_REQUESTS = 500;
export const DEFAULT_MAX_REQUEST_SIZE_BYTES = 65_536;
export const DEFAULT_REQUEST_TIMEOUT = '5s';

/** Environment of the publisher proxy, Kyma's names where Kyma has one (SPEC section 2). */
const envSchema = z
  .object({
    INGRESS_PORT: port(8080),
    METRICS_PORT: port(9090),
    BIND_ADDRESS: z.string().default('0.0.0.0'),
    MAX_REQUEST_SIZE: byteQuantity(String(DEFAULT_MAX_REQUEST_SIZE_BYTES)),
    MAX_IN_FLIGHT_REQUESTS: integer(DEFAULT_MAX_IN_FLIGHT_REQUESTS, 1, 1_000_000),
    EVENT_TYPE_PREFIX: z.string().default('sap.kyma.custom'),
    LEGACY_NAMESPACE: z.string().default('kyma'),
    REQUEST_TIMEOUT: durationMs(DEFAULT_REQUEST_TIMEOUT),
    APPLICATION_CRD_ENABLED: boolean(false),
    SHUTDOWN_GRACE_PERIOD: durationMs('30s'),
  })
  .extend(streamEnvSchema.shape)
  .extend(natsConnectionEnvSchema.shape)
  .extend(loggingEnvSchema.shape)
  .extend(tracingEnvSchema.shape);

export interface ProxyConfig {
  readonly natsUrl: string;
  readonly natsAuth: NatsAuth;
  readonly ingressPort: number;
  readonly metricsPort: number;
  readonly bindAddress: string;
  readonly maxRequestSizeBytes: number;
  readonly maxInFlightRequests: number;
  readonly eventTypePrefix: string;
  readonly legacyNamespace: string;
  readonly requestTimeoutMs: number;
  readonly applicationCrdEnabled: boolean;
  readonly shutdownGraceMs: number;
  readonly stream: StreamSettings;
  readonly logLevel: string;
  readonly logFormat: string;
  readonly tracing: TracingConfig;
}

export function loadProxyConfig(env: Env = process.env): ProxyConfig {
  const e = parseConfig(envSchema, env);
  return Object.freeze({
    natsUrl: e.NATS_URL,
    natsAuth: toNatsAuth(e),
    ingressPort: e.INGRESS_PORT,
    metricsPort: e.METRICS_PORT,
    bindAddress: e.BIND_ADDRESS,
    maxRequestSizeBytes: e.MAX_REQUEST_SIZE,
    maxInFlightRequests: e.MAX_IN_FLIGHT_REQUESTS,
    eventTypePrefix: e.EVENT_TYPE_PREFIX,
    legacyNamespace: e.LEGACY_NAMESPACE,
    requestTimeoutMs: e.REQUEST_TIMEOUT,
    applicationCrdEnabled: e.APPLICATION_CRD_ENABLED,
    shutdownGraceMs: e.SHUTDOWN_GRACE_PERIOD,
    stream: toStreamSettings(e),
    logLevel: e.APP_LOG_LEVEL,
    logFormat: e.APP_LOG_FORMAT,
    tracing: toTracingConfig(e, 'publisher-proxy'),
  });
}
