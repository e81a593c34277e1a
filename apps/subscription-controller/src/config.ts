// The controller's configuration (SPEC section 4, reference 4.10): parsed once at boot from the
// environment, frozen, passed down. The only file of the app that reads process.env.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { boolean, durationMs, integer, loggingEnvSchema, parseConfig, port, toTracingConfig, tracingEnvSchema, type Env, type TracingConfig } from '@eventing/platform';
import { consumerEnvSchema, streamEnvSchema, toStreamSettings, type DeliverPolicyName, type StreamSettings } from '@eventing/jetstream';
import { DEFAULT_MAX_IN_FLIGHT_MESSAGES, DEFAULT_SINK_POLICY, SINK_POLICIES, type SinkPolicy } from '@eventing/subscription-api';

export const DEFAULT_HEALTH_PORT = 8081;
export const DEFAULT_METRICS_PORT = 8080;
export const DEFAULT_STATUS_PORT = 8083;
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
/** Kyma's leader election id (reference 4.10). */
export const DEFAULT_LEADER_ELECTION_ID = '26479083.kyma-project.io';
export const DEFAULT_LEADER_ELECTION_NAMESPACE = 'kyma-system';
/** Kyma's `--reconcile-period` (reference 4.10). */
export const DEFAULT_RESYNC_PERIOD = '10m';
export const DEFAULT_SINK_RECHECK_INTERVAL = '30s';
export const DEFAULT_FILES_RESCAN_INTERVAL = '5s';
export const DEFAULT_WORKERS = 4;

const schema = z
  .object({
    NATS_URL: z.string().min(1).default(DEFAULT_NATS_URL),
    NATS_USER: z.string().optional(),
    NATS_PASSWORD: z.string().optional(),
    NATS_TOKEN: z.string().optional(),
    HEALTH_PORT: port(DEFAULT_HEALTH_PORT),
    METRICS_PORT: port(DEFAULT_METRICS_PORT),
    STATUS_PORT: port(DEFAULT_STATUS_PORT),
    BIND_ADDRESS: z.string().min(1).default('0.0.0.0'),
    LEADER_ELECT: boolean(false),
    LEADER_ELECTION_NAMESPACE: z.string().min(1).default(DEFAULT_LEADER_ELECTION_NAMESPACE),
    LEADER_ELECTION_ID: z.string().min(1).default(DEFAULT_LEADER_ELECTION_ID),
    POD_NAME: z.string().optional(),
    DEFAULT_MAX_IN_FLIGHT_MESSAGES: integer(DEFAULT_MAX_IN_FLIGHT_MESSAGES, 1, 1_000_000),
    SUBSCRIPTIONS_DIR: z.string().optional(),
    SINK_POLICY: z.enum(SINK_POLICIES).default(DEFAULT_SINK_POLICY),
    RESYNC_PERIOD: durationMs(DEFAULT_RESYNC_PERIOD),
    SINK_RECHECK_INTERVAL: durationMs(DEFAULT_SINK_RECHECK_INTERVAL),
    FILES_RESCAN_INTERVAL: durationMs(DEFAULT_FILES_RESCAN_INTERVAL),
    WORKERS: integer(DEFAULT_WORKERS, 1, 64),
    KUBECONFIG: z.string().optional(),
  })
  .extend(streamEnvSchema.shape)
  .extend(consumerEnvSchema.shape)
  .extend(loggingEnvSchema.shape)
  .extend(tracingEnvSchema.shape);

export interface ControllerConfig {
  readonly natsUrl: string;
  readonly natsAuth: { readonly user?: string; readonly pass?: string; readonly token?: string };
  readonly healthPort: number;
  readonly metricsPort: number;
  readonly statusPort: number;
  readonly bindAddress: string;
  readonly leaderElection: { readonly enabled: boolean; readonly namespace: string; readonly name: string; readonly identity: string };
  readonly defaultMaxInFlight: number;
  /** Folder mode when set: Subscriptions come from YAML files, status is served over HTTP. */
  readonly subscriptionsDir?: string;
  readonly sinkPolicy: SinkPolicy;
  readonly resyncPeriodMs: number;
  readonly sinkRecheckMs: number;
  readonly filesRescanMs: number;
  readonly workers: number;
  readonly stream: StreamSettings;
  /** The stream's consumer limit (nats-server 2.15 defaults to 1,000). */
  readonly deliverPolicy: DeliverPolicyName;
  readonly logLevel: string;
  readonly logFormat: string;
  readonly tracing: TracingConfig;
}

export function loadConfig(env: Env = process.env): ControllerConfig {
  const raw = parseConfig(schema, env);
  return Object.freeze({
    natsUrl: raw.NATS_URL,
    natsAuth: {
      ...(raw.NATS_USER ? { user: raw.NATS_USER, pass: raw.NATS_PASSWORD ?? '' } : {}),
      ...(raw.NATS_TOKEN ? { token: raw.NATS_TOKEN } : {}),
    },
    healthPort: raw.HEALTH_PORT,
    metricsPort: raw.METRICS_PORT,
    statusPort: raw.STATUS_PORT,
    bindAddress: raw.BIND_ADDRESS,
    leaderElection: {
      enabled: raw.LEADER_ELECT,
      namespace: raw.LEADER_ELECTION_NAMESPACE,
      name: raw.LEADER_ELECTION_ID,
      identity: `${raw.POD_NAME ?? hostname()}_${randomBytes(4).toString('hex')}`,
    },
    defaultMaxInFlight: raw.DEFAULT_MAX_IN_FLIGHT_MESSAGES,
    ...(raw.SUBSCRIPTIONS_DIR ? { subscriptionsDir: raw.SUBSCRIPTIONS_DIR } : {}),
    sinkPolicy: raw.SINK_POLICY,
    resyncPeriodMs: raw.RESYNC_PERIOD,
    sinkRecheckMs: raw.SINK_RECHECK_INTERVAL,
    filesRescanMs: raw.FILES_RESCAN_INTERVAL,
    workers: raw.WORKERS,
    stream: toStreamSettings(raw),
    deliverPolicy: raw.JS_CONSUMER_DELIVER_POLICY,
    logLevel: raw.APP_LOG_LEVEL,
    logFormat: raw.APP_LOG_FORMAT,
    tracing: toTracingConfig(raw, 'subscription-controller'),
  });
}
