// Turning a manifest object (YAML or JSON, e.g. from SUBSCRIPTIONS_DIR or the API server) into a
// typed Subscription with CRD defaults applied. Only structure is checked here, as the API
// server's schema would; the rules of reference 3.4 are `validateSubscription`'s job.
import { z } from 'zod';
import { applySubscriptionDefaults } from './defaults';
import { toKubernetesTime } from './status';
import { SUBSCRIPTION_API_VERSION, SUBSCRIPTION_KIND, type Subscription } from './types';

export class SubscriptionParseError extends Error {
  override readonly name = 'SubscriptionParseError';
  constructor(
    readonly issues: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`invalid Subscription manifest: ${issues.join('; ')}`, options);
  }
}

/** Optional, and `null` counts as absent (the API server prunes nulls before defaulting). */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
const stringMap = z.record(z.string(), z.string());
const time = z.union([z.string(), z.date().transform((d) => toKubernetesTime(d))]);

const metadataSchema = z.object({
  name: z.string().min(1, 'must not be empty'),
  namespace: optional(z.string()),
  uid: optional(z.string()),
  generation: optional(z.number().int()),
  resourceVersion: optional(z.string()),
  creationTimestamp: optional(time),
  deletionTimestamp: optional(time),
  finalizers: optional(z.array(z.string())),
  labels: optional(stringMap),
  annotations: optional(stringMap),
});

const deliverySchema = z.object({
  maxDeliveries: optional(z.number().int()),
  backoff: optional(
    z.object({
      initialDelay: optional(z.string()),
      maxDelay: optional(z.string()),
      multiplier: optional(z.number()),
    }),
  ),
  timeout: optional(z.string()),
  deadLetterSink: optional(z.string()),
});

const specSchema = z.object({
  id: optional(z.string()),
  sink: z.string(),
  typeMatching: optional(z.string()),
  source: z.string(),
  types: z.array(z.string()),
  config: optional(stringMap),
  delivery: optional(deliverySchema),
});

const conditionSchema = z.object({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  lastTransitionTime: optional(time),
  reason: optional(z.string()),
  message: optional(z.string()),
});

const statusSchema = z.object({
  ready: z.boolean(),
  types: optional(z.array(z.object({ originalType: z.string(), cleanType: z.string() }))).transform((t) => t ?? []),
  conditions: optional(z.array(conditionSchema)),
  backend: optional(z.object({ types: optional(z.array(z.object({ originalType: z.string(), consumerName: z.string().default('') }))) })),
  observedGeneration: optional(z.number().int()),
  delivery: optional(
    z.object({
      lastError: optional(z.string()),
      lastErrorTime: optional(time),
      lastDeliveryTime: optional(time),
      pending: optional(z.number()),
      deadLettered: optional(z.number()),
    }),
  ),
});

const subscriptionSchema = z.object({
  apiVersion: z.literal(SUBSCRIPTION_API_VERSION),
  kind: z.literal(SUBSCRIPTION_KIND),
  metadata: metadataSchema,
  spec: specSchema,
  // A status we cannot read (e.g. written by another controller version) is dropped, not fatal.
  status: statusSchema.optional().catch(undefined),
});

export interface ParseOptions {
  /** Namespace for manifests without one (folder mode); like `kubectl apply` in the default namespace. */
  readonly defaultNamespace?: string;
}

/** Parse and default a Subscription; throws `SubscriptionParseError` naming every structural problem. */
export function parseSubscription(obj: unknown, options: ParseOptions = {}): Subscription {
  const result = subscriptionSchema.safeParse(obj);
  if (!result.success) {
    throw new SubscriptionParseError(result.error.issues.map(formatIssue), { cause: result.error });
  }
  const { metadata, spec, status } = result.data;
  const subscription = {
    apiVersion: SUBSCRIPTION_API_VERSION,
    kind: SUBSCRIPTION_KIND,
    metadata: { ...dropUndefined(metadata), namespace: metadata.namespace ?? options.defaultNamespace ?? 'default' },
    spec: dropUndefined(spec),
    ...(status === undefined ? {} : { status: dropUndefined(status) }),
  } as Subscription;
  return applySubscriptionDefaults(subscription);
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`),
    '',
  );
  return `${path === '' ? '(root)' : path}: ${issue.message}`;
}

/** Optional fields that were absent stay absent (not `key: undefined`), at every depth. */
function dropUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(dropUndefined) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, dropUndefined(v)]),
  ) as T;
}
