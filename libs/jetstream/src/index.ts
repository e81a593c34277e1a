export {
  streamEnvSchema,
  consumerEnvSchema,
  toStreamSettings,
  DEFAULT_STREAM_SETTINGS,
  DEFAULT_STREAM_NAME,
  DEFAULT_SUBJECT_PREFIX,
  DELIVER_POLICIES,
  type StreamSettings,
  type DeliverPolicyName,
} from './stream-settings';
export { consumerName, consumerDescription, deliverGroup, deliverSubject, messageId } from './naming';
export { connectNats, type ManagedConnection, type NatsConnectionOptions, type ConnectionState } from './connection';
export { PublishError, PUBLISH_ERROR_TEXT, toPublishError } from './publish-error';
export { createEventPublisher, type EventMessage, type EventPublisher, type PublishResult } from './publisher';
export { ensureStream, streamInfo, toStreamConfig, streamNeedsUpdate, isNotFound, type EnsureStreamOutcome } from './stream-admin';
export {
  ACK_WAIT_MS,
  toConsumerConfig,
  consumerNeedsUpdate,
  consumerInfo,
  ensureConsumer,
  deleteConsumer,
  listConsumerNames,
  type ConsumerSpec,
  type EnsureConsumerOutcome,
} from './consumer-admin';
export {
  DISPATCH_SPECS_BUCKET,
  SUBSCRIPTIONS_BUCKET,
  subscriptionKey,
  type DispatchSpec,
  type ResolvedDeliveryPolicy,
  type SubscriptionSummary,
} from './dispatch-spec';
export { openJsonKvStore, type JsonKvStore, type KvChange } from './kv-store';
export {
  DEAD_LETTER_STREAM,
  DEAD_LETTER_SUBJECT_PREFIX,
  DEAD_LETTER_HEADERS,
  deadLetterSubject,
  deadLetterStreamConfig,
  ensureDeadLetterStream,
} from './dead-letter';
export { jetstreamManager } from '@nats-io/jetstream';
export { natsConnectionEnvSchema, toNatsAuth, type NatsAuth } from './connection-env';
