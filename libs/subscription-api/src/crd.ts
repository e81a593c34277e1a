// The single source of the Subscription CRD (SPEC section 3, reference 3.1–3.3): Kyma's schema
// plus our extensions, printer columns and CEL rules. Only what is certainly invalid under every
// sink policy is rejected by the API server; everything else is validated by the controller and
// reported in status, as Kyma does, so valid Kyma manifests apply unchanged.
import { stringify } from 'yaml';
import { ACK_WAIT_MS } from '@eventing/delivery-policy';
import { DEFAULT_CONFIG, DEFAULT_TYPE_MATCHING } from './defaults';
import { DURATION_PATTERN, MAX_DURATION_LENGTH, formatDurationMs } from './duration';
import { MAX_SINK_LENGTH } from './sink';
import {
  SUBSCRIPTION_CATEGORY,
  SUBSCRIPTION_CRD_NAME,
  SUBSCRIPTION_GROUP,
  SUBSCRIPTION_KIND,
  SUBSCRIPTION_LIST_KIND,
  SUBSCRIPTION_PLURAL,
  SUBSCRIPTION_SINGULAR,
  SUBSCRIPTION_VERSION,
  TYPE_MATCHING,
} from './types';
import { MAX_DELIVERIES_LIMIT, MAX_MULTIPLIER } from './validate-delivery';
import { MAX_CONFIG_ENTRIES, MAX_SOURCE_LENGTH, MAX_TYPE_LENGTH, MAX_TYPES } from './validate';

type Schema = Record<string, unknown>;

const str = (description: string, extra: Schema = {}): Schema => ({ description, type: 'string', ...extra });
const httpUrlRule = { rule: "self.startsWith('http://') || self.startsWith('https://')", message: "must have URL scheme 'http' or 'https'" };
const duration = (description: string): Schema =>
  str(description, { maxLength: MAX_DURATION_LENGTH, pattern: DURATION_PATTERN });

const deliverySchema: Schema = {
  description: 'Delivery policy (extension to Kyma): retries, backoff, timeout and dead-letter sink. Every field is optional.',
  type: 'object',
  properties: {
    maxDeliveries: {
      description: 'Total delivery attempts before the event is dead-lettered. Default 100.',
      type: 'integer',
      minimum: 1,
      maximum: MAX_DELIVERIES_LIMIT,
    },
    backoff: {
      description: 'Exponential backoff between attempts.',
      type: 'object',
      properties: {
        initialDelay: duration('Delay before the second attempt, e.g. "500ms", "1s". Default "1s".'),
        maxDelay: duration('Upper bound of the backoff. Default "30s".'),
        multiplier: { description: 'Factor applied to the delay after each attempt. Default 2.', type: 'number', minimum: 1, maximum: MAX_MULTIPLIER },
      },
      'x-kubernetes-validations': [
        {
          rule: '!has(self.initialDelay) || !has(self.maxDelay) || duration(self.maxDelay) >= duration(self.initialDelay)',
          message: 'maxDelay must not be less than initialDelay',
        },
      ],
    },
    timeout: {
      ...duration(`Per-request timeout towards the sink. Default "10s"; must be less than the ${formatDurationMs(ACK_WAIT_MS)} ack wait.`),
      'x-kubernetes-validations': [
        { rule: `duration(self) < duration('${formatDurationMs(ACK_WAIT_MS)}')`, message: `must be less than ${formatDurationMs(ACK_WAIT_MS)} (the consumer's ack wait)` },
      ],
    },
    deadLetterSink: str('URL that dead-lettered events are also POSTed to; same sink policy as spec.sink.', {
      maxLength: MAX_SINK_LENGTH,
      'x-kubernetes-validations': [httpUrlRule],
    }),
  },
};

const specSchema: Schema = {
  description: 'Defines the desired state of the Subscription.',
  type: 'object',
  required: ['sink', 'source', 'types'],
  properties: {
    config: {
      description: 'Map of configuration options that will be applied on the backend (maxInFlightMessages).',
      type: 'object',
      additionalProperties: { type: 'string' },
      maxProperties: MAX_CONFIG_ENTRIES,
      default: { ...DEFAULT_CONFIG },
    },
    delivery: deliverySchema,
    id: str('Unique identifier of the Subscription, read-only.'),
    sink: str('Kubernetes Service that should be used as a target for the events that match the Subscription. Must exist in the same Namespace as the Subscription.', {
      maxLength: MAX_SINK_LENGTH,
      'x-kubernetes-validations': [httpUrlRule],
    }),
    source: str('Defines the origin of the event.', { maxLength: MAX_SOURCE_LENGTH }),
    typeMatching: str('Defines how types should be handled: `standard` applies backend-specific cleaning to source and types, `exact` uses them as they are.', {
      default: DEFAULT_TYPE_MATCHING,
      enum: [TYPE_MATCHING.standard, TYPE_MATCHING.exact],
    }),
    types: {
      description: 'List of event types that will be used for subscribing on the backend.',
      type: 'array',
      items: { type: 'string', maxLength: MAX_TYPE_LENGTH },
      minItems: 1,
      maxItems: MAX_TYPES,
    },
  },
};

const conditionSchema: Schema = {
  type: 'object',
  required: ['status'],
  properties: {
    lastTransitionTime: str('Defines the date of the last condition status change.', { format: 'date-time' }),
    message: str('Provides more details about the condition status change.'),
    reason: str('Defines the reason for the condition status change.'),
    status: str('Status of the condition. The value is either `True`, `False`, or `Unknown`.'),
    type: str('Short description of the condition.'),
  },
};

const statusSchema: Schema = {
  description: 'SubscriptionStatus defines the observed state of Subscription.',
  type: 'object',
  required: ['ready', 'types'],
  properties: {
    backend: {
      description: 'Backend-specific status which is applicable to the active backend only.',
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      properties: {
        types: {
          description: 'List of event type to consumer name mappings for the NATS backend.',
          type: 'array',
          items: {
            type: 'object',
            required: ['originalType'],
            properties: {
              consumerName: str('Name of the JetStream consumer created for the event type.'),
              originalType: str('Event type that was originally used to subscribe.'),
            },
          },
        },
      },
    },
    conditions: { description: 'Current state of the Subscription.', type: 'array', items: conditionSchema },
    delivery: {
      description: 'Delivery health (extension to Kyma): why events are or are not arriving.',
      type: 'object',
      properties: {
        deadLettered: { description: 'Events dead-lettered so far.', type: 'integer' },
        lastDeliveryTime: str('Time of the last successful delivery.', { format: 'date-time' }),
        lastError: str('Last delivery error.'),
        lastErrorTime: str('Time of the last delivery error.', { format: 'date-time' }),
        pending: { description: 'Messages waiting in the consumers of this Subscription.', type: 'integer' },
      },
    },
    observedGeneration: { description: 'The metadata.generation this status was computed for.', type: 'integer', format: 'int64' },
    ready: { description: 'Overall readiness of the Subscription.', type: 'boolean' },
    types: {
      description: 'List of event types after cleanup for use with the configured backend.',
      type: 'array',
      items: {
        type: 'object',
        required: ['cleanType', 'originalType'],
        properties: {
          cleanType: str('Event type after it was cleaned up from backend compatible characters.'),
          originalType: str('Event type as specified in the Subscription spec.'),
        },
      },
    },
  },
};

/** The CRD object (apiextensions.k8s.io/v1). */
export function subscriptionCrd(): Schema {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: SUBSCRIPTION_CRD_NAME },
    spec: {
      group: SUBSCRIPTION_GROUP,
      names: {
        categories: [SUBSCRIPTION_CATEGORY],
        kind: SUBSCRIPTION_KIND,
        listKind: SUBSCRIPTION_LIST_KIND,
        plural: SUBSCRIPTION_PLURAL,
        singular: SUBSCRIPTION_SINGULAR,
      },
      scope: 'Namespaced',
      versions: [
        {
          name: SUBSCRIPTION_VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Ready', type: 'string', jsonPath: '.status.ready' },
            { name: 'Source', type: 'string', jsonPath: '.spec.source' },
            { name: 'Type-Matching', type: 'string', jsonPath: '.spec.typeMatching' },
            { name: 'Sink', type: 'string', jsonPath: '.spec.sink', priority: 1 },
            { name: 'Types', type: 'string', jsonPath: '.spec.types', priority: 1 },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
          schema: {
            openAPIV3Schema: {
              description: 'Subscription declares which events (source and types) are delivered to which sink.',
              type: 'object',
              properties: {
                apiVersion: str('APIVersion defines the versioned schema of this representation of an object.'),
                kind: str('Kind is a string value representing the REST resource this object represents.'),
                metadata: { type: 'object' },
                spec: specSchema,
                status: statusSchema,
              },
            },
          },
        },
      ],
    },
  };
}

const HEADER = '# Generated by generateSubscriptionCrd() in libs/subscription-api. Do not edit:\n# UPDATE_CRD=1 npm run -s jest -- libs/subscription-api/src/crd-file.spec.ts\n';

/** The CRD as YAML; deterministic (fixed key order, no timestamps). */
export function generateSubscriptionCrd(): string {
  return HEADER + stringify(subscriptionCrd(), { lineWidth: 0 });
}
