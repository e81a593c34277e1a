// @eventing/event-type: Kyma's event-type, source and subject rules (reference 2.4.2, 2.8, 2.10,
// 2.11, 4.2, 4.5). Pure functions, ASCII character classes as in Go RE2.
export {
  APPLICATION_TYPE_LABEL,
  applicationTypeOrName,
  cleanApplicationName,
  cleanApplicationTypeOrName,
  resolveCleanApplicationName,
  type ApplicationLike,
  type ApplicationResolver,
} from './application-name';
export {
  EVENT_TYPE_ERROR_CODES,
  EventTypeError,
  PREFIXED_PARSE_REASONS,
  emptySegmentsErrorText,
  prefixedParseErrorText,
  type EventTypeErrorCode,
  type EventTypeResult,
  type PrefixedParseReason,
} from './event-type-error';
export {
  GENERIC_TYPE_PREFIX,
  ORIGINAL_TYPE_EXTENSION,
  buildGenericEventType,
  type GenericEventTypeOptions,
} from './generic-event-type';
export {
  JETSTREAM_SOURCE_REMOVED_CHARS,
  JETSTREAM_TYPE_REMOVED_CHARS,
  cleanJetStreamEventType,
  cleanJetStreamSource,
} from './jetstream-cleaner';
export { combineEventNameSegments, formatEventType, removeNonAlphanumeric } from './legacy-helpers';
export { cleanPrefixedEventType, parsePrefixedEventType, type ParsedPrefixedEventType } from './prefixed-event-type';
export {
  DEFAULT_SUBJECT_PREFIX,
  TYPE_MATCHING,
  cleanSubscriptionType,
  publishSubject,
  revertEventType,
  subscriptionSubject,
  type RevertEventTypeOptions,
  type SubscriptionSubjectOptions,
  type TypeMatching,
} from './subjects';
export {
  TRACE_HEADER_EXTENSIONS,
  takeTraceHeaders,
  traceExtensionsFromHeaders,
  type TraceExtensionName,
  type TraceHeaderName,
} from './trace-headers';
