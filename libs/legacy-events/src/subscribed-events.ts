// `GET /{application}/v1/events/subscribed` (reference 2.6): which event names and versions an
// application's subscribers listen to, derived from all Subscriptions.
import { goJsonString } from './go-json-encode';

/** The parts of a v1alpha2 Subscription this endpoint reads. */
export interface SubscribedSubscription {
  readonly typeMatching?: string;
  readonly source?: string;
  readonly types?: readonly string[];
}

export interface SubscribedEvent {
  readonly name: string;
  readonly version: string;
}

/**
 * `exact` subscriptions contribute types starting with `<prefix>.<app>.` (that text removed
 * wherever it occurs, as Kyma's string replace-all does); other subscriptions contribute all their
 * types when `source` equals the raw `app`. Each type is split at its last dot; duplicates are
 * dropped, first-seen order kept (Kyma's order is unspecified). A type without a dot (Kyma's proxy
 * panics on it) gives `version: ''`.
 */
export function subscribedEvents(
  app: string,
  subscriptions: Iterable<SubscribedSubscription>,
  eventTypePrefix: string,
): SubscribedEvent[] {
  const prefixAndApp = `${eventTypePrefix}.${app}.`;
  const seen = new Map<string, SubscribedEvent>();
  const add = (typeAndVersion: string) => {
    const dot = typeAndVersion.lastIndexOf('.');
    const event =
      dot === -1
        ? { name: typeAndVersion, version: '' }
        : { name: typeAndVersion.slice(0, dot), version: typeAndVersion.slice(dot + 1) };
    const key = JSON.stringify([event.name, event.version]);
    if (!seen.has(key)) seen.set(key, event);
  };
  for (const subscription of subscriptions) {
    for (const type of subscription.types ?? []) {
      if (subscription.typeMatching === 'exact') {
        if (type.startsWith(prefixAndApp)) add(type.split(prefixAndApp).join(''));
      } else if (subscription.source === app) {
        add(type);
      }
    }
  }
  return [...seen.values()];
}

/** The 200 body `{"eventsInfo":[{"name":…,"version":…}]}` + `\n`. */
export function subscribedEventsBody(events: readonly SubscribedEvent[]): string {
  const items = events.map((e) => `{"name":${goJsonString(e.name)},"version":${goJsonString(e.version)}}`);
  return `{"eventsInfo":[${items.join(',')}]}\n`;
}

/** The 500 body when the Subscriptions cannot be listed: `{"code":500,"error":"<text>"}` + `\n`. */
export function subscribedErrorBody(error: string): string {
  return `{"code":500,"error":${goJsonString(error)}}\n`;
}
