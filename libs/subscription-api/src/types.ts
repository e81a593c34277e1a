// Subscription `eventing.kyma-project.io/v1alpha2` (reference 3.1–3.3) plus our optional
// extensions (SPEC sections 3 and 10), which Kyma manifests simply lack.

export const SUBSCRIPTION_GROUP = 'eventing.kyma-project.io';
export const SUBSCRIPTION_VERSION = 'v1alpha2';
export const SUBSCRIPTION_API_VERSION = `${SUBSCRIPTION_GROUP}/${SUBSCRIPTION_VERSION}`;
export const SUBSCRIPTION_KIND = 'Subscription';
export const SUBSCRIPTION_LIST_KIND = 'SubscriptionList';
export const SUBSCRIPTION_PLURAL = 'subscriptions';
export const SUBSCRIPTION_SINGULAR = 'subscription';
export const SUBSCRIPTION_CATEGORY = 'kyma-eventing';
export const SUBSCRIPTION_CRD_NAME = `${SUBSCRIPTION_PLURAL}.${SUBSCRIPTION_GROUP}`;
/** The finalizer is the API group string (reference 3.1). */
export const SUBSCRIPTION_FINALIZER = SUBSCRIPTION_GROUP;

// One definition of the typeMatching values for the whole workspace.
export { TYPE_MATCHING, type TypeMatching } from '@eventing/event-type';

/** Known `spec.config` keys (reference 3.2); only `maxInFlightMessages` matters with NATS. */
export const CONFIG_KEYS = {
  maxInFlightMessages: 'maxInFlightMessages',
  qos: 'qos',
  webhookAuthType: 'type',
  webhookAuthGrantType: 'grantType',
} as const;

/** A duration string: a sequence of `<number><unit>` with unit ms, s, m or h, e.g. "500ms", "1m30s". */
export type DurationString = string;

export interface BackoffSpec {
  initialDelay?: DurationString;
  maxDelay?: DurationString;
  multiplier?: number;
}

/** Our extension `spec.delivery`; every field optional (defaults in `@eventing/delivery-policy`). */
export interface DeliverySpec {
  maxDeliveries?: number;
  backoff?: BackoffSpec;
  timeout?: DurationString;
  deadLetterSink?: string;
}

export interface SubscriptionSpec {
  id?: string;
  sink: string;
  /** `standard` | `exact` once valid; typed loosely because invalid values must reach the validator (rule 1). */
  typeMatching?: string;
  source: string;
  types: string[];
  config?: Record<string, string>;
  delivery?: DeliverySpec;
}

export interface SubscriptionMetadata {
  name: string;
  namespace: string;
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface SubscriptionCondition {
  type: string;
  status: ConditionStatus;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface StatusType {
  originalType: string;
  cleanType: string;
}

export interface BackendType {
  originalType: string;
  consumerName: string;
}

export interface BackendStatus {
  types?: BackendType[];
}

/** Our extension `status.delivery`: why events are (not) arriving. */
export interface DeliveryStatus {
  lastError?: string;
  lastErrorTime?: string;
  lastDeliveryTime?: string;
  /** Messages waiting in the consumers of this subscription. */
  pending?: number;
  /** Events dead-lettered so far. */
  deadLettered?: number;
}

export interface SubscriptionStatus {
  ready: boolean;
  /** Always an array (Kyma marshals a nil list as `[]`, reference 3.2). */
  types: StatusType[];
  conditions?: SubscriptionCondition[];
  backend?: BackendStatus;
  observedGeneration?: number;
  delivery?: DeliveryStatus;
}

export interface Subscription {
  apiVersion: typeof SUBSCRIPTION_API_VERSION;
  kind: typeof SUBSCRIPTION_KIND;
  metadata: SubscriptionMetadata;
  spec: SubscriptionSpec;
  status?: SubscriptionStatus;
}
