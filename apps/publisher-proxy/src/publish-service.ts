import type { IncomingHttpHeaders } from 'node:http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { traceparentOf, type Tracing } from '@eventing/platform';
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
  readonly tracing?: Tracing;
}

export function createPublishService(deps: PublishServiceDeps): PublishService {
  const now = deps.now ?? performance.now.bind(performance);
  return {
    async publish(event, requestHeaders, dedupeScope = '') {
      const routed = routeEvent(event, deps.eventTypePrefix, deps.applications);
      const tracer = deps.tracing?.enabled ? deps.tracing.tracer : undefined;
      // A producer span for the JetStream write; its context travels in the message (SPEC section 7).
      const span = tracer?.startSpan(`send ${routed.subject}`, {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'send',
          'messaging.operation.name': 'publish',
          'messaging.destination.name': routed.subject,
          'messaging.message.id': event.id,
          'cloudevents.event_type': event.type,
          'cloudevents.event_source': event.source,
        },
      });
      const message = toEventMessage(event, routed, requestHeaders, dedupeScope, span ? traceparentOf(span) : undefined);
      const started = now();
      try {
        const result = await deps.publisher.publish(message);
        span?.end();
        deps.metrics.recordBackend(204, now() - started);
        if (result.duplicate) deps.metrics.recordDuplicate();
        deps.metrics.recordPublished(routed.originalType ?? routed.type, event.source);
      } catch (err) {
        if (span) {
          span.recordException(err as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
          span.end();
        }
        deps.metrics.recordBackend(err instanceof PublishError ? err.status : 500, now() - started);
        throw err;
      }
    },
  };
}
