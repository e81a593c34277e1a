import type { ServerResponse } from 'node:http';
import type { SubscriptionSummary } from '@eventing/jetstream';
import { subscribedErrorBody, subscribedEvents, subscribedEventsBody } from '@eventing/legacy-events';
import { respondJson } from '../http/respond';

export interface SubscriptionCatalog {
  /** Every Subscription in every namespace; throws when the source cannot be read. */
  all(): readonly SubscriptionSummary[];
}

/** `GET /{application}/v1/events/subscribed` (reference 2.6). */
export function createSubscribedRoute(catalog: SubscriptionCatalog, eventTypePrefix: string) {
  return (res: ServerResponse, app: string): void => {
    try {
      respondJson(res, 200, subscribedEventsBody(subscribedEvents(app, catalog.all(), eventTypePrefix)));
    } catch (err) {
      respondJson(res, 500, subscribedErrorBody((err as Error).message));
    }
  };
}
