import { z } from 'zod';
import { byteQuantity, durationMs, integer } from '@eventing/platform';

/**
 * The one event stream (reference 4.1): name, subjects `<prefix>.>`, file storage, interest
 * retention, discard new, 700Mi. Configurable by `JS_STREAM_*` (reference 4.10).
 */
export interface StreamSettings {
  readonly name: string;
  readonly subjectPrefix: string;
  readonly storage: 'file' | 'memory';
  readonly replicas: number;
  readonly retention: 'interest' | 'limits';
  readonly discard: 'new' | 'old';
  readonly maxMsgs: number;
  readonly maxBytes: number;
  readonly maxMsgsPerSubject: number;
  /** Window in which a repeated `Nats-Msg-Id` is stored once (idempotent publish, SPEC section 2). */
  readonly duplicateWindowMs: number;
  /**
   * Consumers the stream accepts: one per Subscription × type. nats-server 2.15 gives a stream
   * without an explicit limit 1,000, and reads 0 or -1 as that default.
   */
  readonly maxConsumers: number;
}

export const DEFAULT_STREAM_NAME = 'sap';
export const DEFAULT_SUBJECT_PREFIX = 'kyma';
export const DEFAULT_STREAM_MAX_BYTES = '700Mi';
export const DEFAULT_MAX_MSGS_PER_SUBJECT = 1_000_000;
export const DEFAULT_DUPLICATE_WINDOW = '2m';
export const DEFAULT_STREAM_MAX_CONSUMERS = 100_000;

export const DELIVER_POLICIES = ['all', 'last', 'last_per_subject', 'new'] as const;
export type DeliverPolicyName = (typeof DELIVER_POLICIES)[number];

/** `JS_STREAM_*` variables, for the apps' config schemas (reference 4.10). */
export const streamEnvSchema = z.object({
  JS_STREAM_NAME: z.string().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').default(DEFAULT_STREAM_NAME),
  JS_STREAM_SUBJECT_PREFIX: z.string().min(1).regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'a NATS subject token').default(DEFAULT_SUBJECT_PREFIX),
  JS_STREAM_STORAGE_TYPE: z.string().default('file').transform((v) => v.toLowerCase()).pipe(z.enum(['file', 'memory'])),
  JS_STREAM_REPLICAS: integer(1, 1, 5),
  JS_STREAM_RETENTION_POLICY: z.enum(['interest', 'limits']).default('interest'),
  JS_STREAM_DISCARD_POLICY: z.enum(['new', 'old']).default('new'),
  JS_STREAM_MAX_MSGS: integer(-1, -1),
  JS_STREAM_MAX_BYTES: byteQuantity(DEFAULT_STREAM_MAX_BYTES),
  JS_STREAM_MAX_MSGS_PER_TOPIC: integer(DEFAULT_MAX_MSGS_PER_SUBJECT, -1),
  JS_STREAM_DUPLICATE_WINDOW: durationMs(DEFAULT_DUPLICATE_WINDOW),
  JS_STREAM_MAX_CONSUMERS: integer(DEFAULT_STREAM_MAX_CONSUMERS, 1),
});

/** `JS_CONSUMER_DELIVER_POLICY`: anything unknown means `new`, as in Kyma (reference 4.3). */
export const consumerEnvSchema = z.object({
  JS_CONSUMER_DELIVER_POLICY: z
    .string()
    .default('new')
    .transform((v): DeliverPolicyName => ((DELIVER_POLICIES as readonly string[]).includes(v) ? (v as DeliverPolicyName) : 'new')),
});

export function toStreamSettings(env: z.output<typeof streamEnvSchema>): StreamSettings {
  return {
    name: env.JS_STREAM_NAME,
    subjectPrefix: env.JS_STREAM_SUBJECT_PREFIX,
    storage: env.JS_STREAM_STORAGE_TYPE,
    replicas: env.JS_STREAM_REPLICAS,
    retention: env.JS_STREAM_RETENTION_POLICY,
    discard: env.JS_STREAM_DISCARD_POLICY,
    maxMsgs: env.JS_STREAM_MAX_MSGS,
    maxBytes: env.JS_STREAM_MAX_BYTES,
    maxMsgsPerSubject: env.JS_STREAM_MAX_MSGS_PER_TOPIC,
    duplicateWindowMs: env.JS_STREAM_DUPLICATE_WINDOW,
    maxConsumers: env.JS_STREAM_MAX_CONSUMERS,
  };
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = toStreamSettings(streamEnvSchema.parse({}));
