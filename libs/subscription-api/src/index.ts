// @eventing/subscription-api: the Subscription resource (reference 3, SPEC 3 and 10): types,
// defaults, validation, status helpers, the manifest parser and the CRD. Pure, no I/O.
export {
  CONFIG_KEYS,
  SUBSCRIPTION_API_VERSION,
  SUBSCRIPTION_CATEGORY,
  SUBSCRIPTION_CRD_NAME,
  SUBSCRIPTION_FINALIZER,
  SUBSCRIPTION_GROUP,
  SUBSCRIPTION_KIND,
  SUBSCRIPTION_LIST_KIND,
  SUBSCRIPTION_PLURAL,
  SUBSCRIPTION_SINGULAR,
  SUBSCRIPTION_VERSION,
  TYPE_MATCHING,
  type BackendStatus,
  type BackendType,
  type BackoffSpec,
  type ConditionStatus,
  type DeliverySpec,
  type DeliveryStatus,
  type DurationString,
  type StatusType,
  type Subscription,
  type SubscriptionCondition,
  type SubscriptionMetadata,
  type SubscriptionSpec,
  type SubscriptionStatus,
  type TypeMatching,
} from './types';
export {
  DEFAULT_CONFIG,
  DEFAULT_MAX_IN_FLIGHT_MESSAGES,
  DEFAULT_TYPE_MATCHING,
  applySpecDefaults,
  applySubscriptionDefaults,
  maxInFlight,
  resolveDeliveryPolicy,
} from './defaults';
export { DURATION_PATTERN, formatDurationMs, parseDurationMs } from './duration';
export {
  FIELD_ERROR_TYPES,
  SINK_VALIDATION_FAILED,
  SUBSCRIPTION_VALIDATION_FAILED,
  aggregateMessages,
  formatFieldError,
  sinkNotFoundMessage,
  validationFailureMessage,
  type FieldError,
  type FieldErrorType,
} from './field-errors';
export {
  CLUSTER_LOCAL_SUFFIX,
  DEFAULT_SINK_POLICY,
  MAX_SINK_LENGTH,
  SINK_POLICIES,
  sinkServiceRef,
  validateSinkUrl,
  type SinkCheck,
  type SinkPolicy,
} from './sink';
export {
  FORBIDDEN_STANDARD_TYPE_PREFIX,
  MAX_CONFIG_ENTRIES,
  MAX_CONFIG_VALUE_LENGTH,
  MAX_SOURCE_LENGTH,
  MAX_TYPES,
  MAX_TYPE_LENGTH,
  validateSpec,
  validateSubscription,
  type ValidationOptions,
  type ValidationResult,
} from './validate';
export { MAX_BACKOFF_DELAY_MS, MAX_DELIVERIES_LIMIT, MAX_MULTIPLIER, validateDelivery } from './validate-delivery';
export {
  CONDITION_REASONS,
  CONDITION_TYPES,
  computeStatusTypes,
  setCondition,
  statusEqual,
  statusForDeletionFailure,
  statusForActive,
  statusForNotActive,
  statusForValidationFailure,
  toKubernetesTime,
  type StatusExtras,
} from './status';
export { SubscriptionParseError, parseSubscription, type ParseOptions } from './parse';
export { generateSubscriptionCrd, subscriptionCrd } from './crd';
