// Composition root of the publisher proxy (SPEC section 2): config → logger → NATS → ports →
// servers → shutdown hooks.
import { createEventPublisher, connectNats, jetstreamManager, streamInfo } from '@eventing/jetstream';
import { closeServer, createLogger, exitOnStartupFailure, installShutdown, listen, startMetricsServer, startTracing, type Logger } from '@eventing/platform';
import { loadProxyConfig } from './config';
import { loadKubeConfig } from '@eventing/kube';
import { watchApplications } from './application-lookup';
import { NO_APPLICATIONS } from './event-routing';
import { createProxyMetrics } from './metrics';
import { composeProxyServer } from './proxy-app';
import { watchStreamReadiness } from './stream-readiness';
import { watchSubscriptionCatalog } from './subscription-catalog';

async function main(): Promise<void> {
  let logger: Logger | undefined;
  try {
    const config = loadProxyConfig();
    const tracing = startTracing(config.tracing);
    logger = createLogger({ name: 'publisher-proxy', level: config.logLevel, format: config.logFormat });
    const connection = await connectNats({ url: config.natsUrl, name: 'Kyma Publisher', ...config.natsAuth }, logger);
    const jsm = await jetstreamManager(connection.nc);
    const abort = new AbortController();
    const streamReady = watchStreamReadiness(() => streamInfo(jsm, config.stream.name).then((info) => info !== undefined), connection, logger, abort.signal);
    const metrics = createProxyMetrics(config.natsUrl);
    const applications = config.applicationCrdEnabled ? await watchApplications(loadKubeConfig(), logger) : undefined;
    const server = composeProxyServer(config, {
      publisher: createEventPublisher(connection, config.requestTimeoutMs),
      catalog: await watchSubscriptionCatalog(connection.nc, logger, abort.signal),
      applications: applications ?? NO_APPLICATIONS,
      metrics,
      logger,
      isReady: () => connection.state() === 'connected' && streamReady(),
      tracing,
    });
    const port = await listen(server, config.ingressPort, config.bindAddress);
    const metricsServer = await startMetricsServer(metrics.registry, config.metricsPort, config.bindAddress);
    logger.info({ port, metricsPort: config.metricsPort, stream: config.stream.name }, 'publisher proxy listening');
    installShutdown(
      logger,
      [
        { name: 'ingress', stop: () => closeServer(server) },
        { name: 'watches', stop: async () => { abort.abort(); await applications?.stop(); } },
        { name: 'nats', stop: () => connection.close() },
        { name: 'metrics', stop: () => closeServer(metricsServer) },
        { name: 'tracing', stop: () => tracing.shutdown() },
      ],
      config.shutdownGraceMs,
    );
  } catch (err) {
    exitOnStartupFailure(logger, err);
  }
}

void main();
