// Conversion of a validated legacy request into the CloudEvents Kyma publishes (reference 2.5.3):
// step A (source = application, type `<event-type>.<version>`, later run through the generic
// builder) and step B (the prefixed type `exact` subscriptions listen to, source LEGACY_NAMESPACE).
import {
  combineEventNameSegments,
  formatEventType,
  removeNonAlphanumeric,
  resolveCleanApplicationName,
  type ApplicationResolver,
} from '@eventing/event-type';
import type { LegacyPublishRequest } from './legacy-request';

/** A CloudEvent as plain data; `data` is JSON text (the content type is always application/json). */
export interface LegacyCloudEvent {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly time?: string;
  readonly datacontenttype?: string;
  readonly data: string;
  readonly extensions: Readonly<Record<string, string>>;
}

/** Generates a fresh event id (a random UUID in production); injected so tests are deterministic. */
export type NewId = () => string;

export const EVENT_TYPE_VERSION_EXTENSION = 'eventtypeversion';
export const LEGACY_DATA_CONTENT_TYPE = 'application/json';
export const DEFAULT_LEGACY_NAMESPACE = 'kyma';

/**
 * The raw `{application}` path segment: the text before the first `/` after leading slashes are
 * trimmed; `''` when there is no further `/` (Kyma's ParseApplicationNameFromPath).
 */
export function parseApplicationNameFromPath(path: string): string {
  const trimmed = path.replace(/^\/+/, '');
  const slash = trimmed.indexOf('/');
  return slash === -1 ? '' : trimmed.slice(0, slash);
}

/**
 * Step A, before the generic builder: type `<event-type>.<version>` and source `app`, both raw.
 * The caller then applies `buildGenericEventType` (setting `originaltype` to this type); a
 * builder error is answered with `legacyErrorBody.badPayload(<error text>)`.
 */
export function toGenericCloudEvent(request: LegacyPublishRequest, app: string, newId: NewId): LegacyCloudEvent {
  return baseEvent(request, {
    id: request.eventId || newId(),
    source: app,
    type: `${request.eventType}.${request.eventTypeVersion}`,
  });
}

export interface PrefixedCloudEventOptions {
  /** EVENT_TYPE_PREFIX, raw (cleaned here to `[A-Za-z0-9.]`). */
  readonly eventTypePrefix: string;
  /** LEGACY_NAMESPACE, the source of step B events (`kyma`). */
  readonly legacyNamespace: string;
  /** Application lookup by exact name, when APPLICATION_CRD_ENABLED. */
  readonly resolveApp?: ApplicationResolver;
  readonly newId: NewId;
}

/**
 * Step B: type `<prefix>.<cleanApp>.<merged alphanumeric event name>.<version>` (the version is
 * not cleaned), source LEGACY_NAMESPACE; published to `kyma.<type>`. Without an `event-id` the id
 * is another fresh one, different from step A's.
 * E.g. app `test-app`, `Order-$.third.R-e-c-e-i-v-e-d` v1, prefix `sap.kyma.custom` →
 * `sap.kyma.custom.testapp.Orderthird.Received.v1`.
 */
export function toPrefixedCloudEvent(
  request: LegacyPublishRequest,
  app: string,
  options: PrefixedCloudEventOptions,
): LegacyCloudEvent {
  const cleanApp = resolveCleanApplicationName(app, options.resolveApp);
  const eventName = combineEventNameSegments(removeNonAlphanumeric(request.eventType));
  const prefix = removeNonAlphanumeric(options.eventTypePrefix);
  return baseEvent(request, {
    id: request.eventId || options.newId(),
    source: options.legacyNamespace,
    type: formatEventType(prefix, cleanApp, eventName, request.eventTypeVersion),
  });
}

function baseEvent(
  request: LegacyPublishRequest,
  identity: { id: string; source: string; type: string },
): LegacyCloudEvent {
  return {
    specversion: '1.0',
    ...identity,
    time: request.time,
    datacontenttype: LEGACY_DATA_CONTENT_TYPE,
    data: request.data,
    extensions: { [EVENT_TYPE_VERSION_EXTENSION]: request.eventTypeVersion },
  };
}

/**
 * A JetStream message id for a step B event. All applications' step B events share the source
 * LEGACY_NAMESPACE, so a key of source + id alone would merge two applications' events that
 * happen to carry the same `event-id`; this key adds the raw application and a `legacy` marker
 * (so it never equals a step A key built from source + id). ASCII only, each part URI-encoded.
 */
export function legacyDeduplicationKey(app: string, event: Pick<LegacyCloudEvent, 'source' | 'id'>): string {
  return ['legacy', event.source, app, event.id].map(encodeURIComponent).join('/');
}
