import type { IncomingHttpHeaders } from 'node:http';
import type { EventPublisher } from '@eventing/jetstream';
import { PublishError } from '@eventing/jetstream';
import type { CloudEvent } from './cloudevents/cloud-event';
import { routeEvent, type ApplicationLookup } from './event-routing';
import type { ProxyMetrics } from './metrics';
import { toEventMessage } from './to-message';

export interface PublishService {
  /**
   * Routes, stores and waits for JetStream's acknowledgement of one event (reference 2.4.2–2.4.3,
   * 2.10). Throws EventRoutingError (400) or PublishError (mapped status).
   */
  publish(event: CloudEvent, requestHeaders: IncomingHttpHeaders, dedupeScope?: string): Promise<void>;
}

export interface PublishServiceDeps {
  readonly publisher: EventPublisher;
  readonly metrics: ProxyMetrics;
  readonly applications: ApplicationLookup;
  readonly eventTypePrefix: string;
  readonly now?: () => number;
}

export function createPublishService(deps: PublishServiceDeps): PublishService {
  const now = deps.now ?? performance.now.bind(performance);
  return {
    async publish(event, requestHeaders, dedupeScope = '') {
      const routed = routeEvent(event, deps.eventTypePrefix, deps.applications);
      const message = toEventMessage(event, routed, requestHeaders, dedupeScope);
      const started = now();
      try {
        const result = await deps.publisher.publish(message);
        deps.metrics.recordBackend(204, now() - started);
        if (result.duplicate) deps.metrics.recordDuplicate();
        deps.metrics.recordPublished(routed.originalType ?? routed.type, event.source);
      } catch (err) {
        deps.metrics.recordBackend(err instanceof PublishError ? err.status : 500, now() - started);
        throw err;
      }
    },
  };
}
