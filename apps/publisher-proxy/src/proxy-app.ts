import type { Server } from 'node:http';
import type { EventPublisher } from '@eventing/jetstream';
import type { Logger, Tracing } from '@eventing/platform';
import type { ProxyConfig } from './config';
import type { ApplicationLookup } from './event-routing';
import type { ProxyMetrics } from './metrics';
import { createPublishService } from './publish-service';
import { createLegacyRoute } from './routes/legacy-route';
import { createPublishRoute } from './routes/publish-route';
import { createSubscribedRoute, type SubscriptionCatalog } from './routes/subscribed-route';
import { createProxyServer } from './server';

export interface ProxyPorts {
  readonly publisher: EventPublisher;
  readonly catalog: SubscriptionCatalog;
  readonly applications: ApplicationLookup;
  readonly metrics: ProxyMetrics;
  readonly logger: Logger;
  readonly isReady: () => boolean;
  readonly newId?: () => string;
  readonly tracing?: Tracing;
}

export type ProxySettings = Pick<ProxyConfig, 'maxRequestSizeBytes' | 'eventTypePrefix' | 'legacyNamespace' | 'maxInFlightRequests' | 'requestTimeoutMs'>;

/** The proxy's HTTP server built from its ports: the same wiring for main.ts and component tests. */
export function composeProxyServer(settings: ProxySettings, ports: ProxyPorts): Server {
  const service = createPublishService({
    publisher: ports.publisher,
    metrics: ports.metrics,
    applications: ports.applications,
    eventTypePrefix: settings.eventTypePrefix,
    ...(ports.tracing ? { tracing: ports.tracing } : {}),
  });
  return createProxyServer({
    routes: {
      publish: createPublishRoute(service, settings.maxRequestSizeBytes, ports.logger),
      legacy: createLegacyRoute(
        service,
        {
          maxBodyBytes: settings.maxRequestSizeBytes,
          eventTypePrefix: settings.eventTypePrefix,
          legacyNamespace: settings.legacyNamespace,
          applications: ports.applications,
          ...(ports.newId ? { newId: ports.newId } : {}),
        },
        ports.logger,
      ),
      subscribed: createSubscribedRoute(ports.catalog, settings.eventTypePrefix),
    },
    metrics: ports.metrics,
    logger: ports.logger,
    isReady: ports.isReady,
    ...(ports.tracing ? { tracing: ports.tracing } : {}),
    maxInFlightRequests: settings.maxInFlightRequests,
    // The client gets twice the publish timeout to send its request; an endless body ends in 408.
    requestTimeoutMs: settings.requestTimeoutMs * 2,
  });
}
