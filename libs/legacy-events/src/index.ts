// @eventing/legacy-events: Kyma's legacy event API (reference 2.5, 2.6): request decoding with Go
// `encoding/json` semantics, validation, the exact JSON bodies, and conversion to CloudEvents.
export {
  DEFAULT_LEGACY_NAMESPACE,
  EVENT_TYPE_VERSION_EXTENSION,
  LEGACY_DATA_CONTENT_TYPE,
  legacyDeduplicationKey,
  parseApplicationNameFromPath,
  toGenericCloudEvent,
  toPrefixedCloudEvent,
  type LegacyCloudEvent,
  type NewId,
  type PrefixedCloudEventOptions,
} from './legacy-cloud-event';
export {
  parseLegacyRequest,
  type LegacyParseOptions,
  type LegacyParseResult,
  type LegacyPublishRequest,
} from './legacy-request';
export {
  BAD_PAYLOAD_MESSAGE,
  LEGACY_FIELDS,
  legacyErrorBody,
  legacySuccessBody,
  type LegacyErrorResponse,
  type LegacyField,
} from './legacy-responses';
export {
  subscribedErrorBody,
  subscribedEvents,
  subscribedEventsBody,
  type SubscribedEvent,
  type SubscribedSubscription,
} from './subscribed-events';
export { goJsonString } from './go-json-encode';
