import { applicationTypeOrName, buildGenericEventType, cleanPrefixedEventType, publishSubject, type ApplicationLike } from '@eventing/event-type';
import type { CloudEvent } from './cloudevents/cloud-event';

/** The event type could not be turned into a subject: 400 with this plain text (reference 2.4.2). */
export class EventRoutingError extends Error {
  override name = 'EventRoutingError';
}

export interface ApplicationLookup {
  /** The Application named exactly `name` (reference 2.9), or undefined. */
  find(name: string): ApplicationLike | undefined;
}

export const NO_APPLICATIONS: ApplicationLookup = { find: () => undefined };

export interface RoutedEvent {
  readonly subject: string;
  /** The type stored with the event (cleaned). */
  readonly type: string;
  /** Set when the type was rewritten by the generic builder; the sink gets it back (reference 4.5). */
  readonly originalType?: string;
}

/**
 * Type routing of reference 2.4.2: types under `EVENT_TYPE_PREFIX` go through the prefixed
 * cleaner, all others through the generic builder (`kyma.<source>.<type>` + `originaltype`).
 */
export function routeEvent(event: CloudEvent, eventTypePrefix: string, applications: ApplicationLookup): RoutedEvent {
  if (eventTypePrefix !== '' && event.type.startsWith(eventTypePrefix)) {
    const cleaned = cleanPrefixedEventType(event.type, eventTypePrefix, (app) => applications.find(app));
    if (!cleaned.ok) throw new EventRoutingError(cleaned.error.responseText);
    return { subject: publishSubject(cleaned.value, eventTypePrefix), type: cleaned.value };
  }
  const app = applications.find(event.source);
  const built = buildGenericEventType({
    source: event.source,
    type: event.type,
    ...(app ? { resolvedSource: applicationTypeOrName(app) } : {}),
  });
  if (!built.ok) throw new EventRoutingError(built.error.responseText);
  return { subject: publishSubject(built.value, eventTypePrefix), type: built.value, originalType: event.type };
}
