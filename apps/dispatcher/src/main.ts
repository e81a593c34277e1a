// Composition root of the dispatcher (SPEC section 5): config → logger → health → NATS →
// dead-letter store → sink client → consumer registry → shutdown hooks.
import {
  DISPATCH_SPECS_BUCKET,
  connectNats,
  createEventPublisher,
  ensureDeadLetterStream,
  jetstreamManager,
  openJsonKvStore,
  type ManagedConnection,
} from '@eventing/jetstream';
import { closeServer, createLogger, exitOnStartupFailure, installShutdown, startHealthServer, startMetricsServer, startTracing, type Logger } from '@eventing/platform';
import { loadDispatcherConfig } from './config';
import { startConsumerLoop } from './consumer-loop';
import { createConsumerRegistry, parseDispatchSpec, type ConsumerRegistry } from './consumer-registry';
import { createSinkClient } from './deliver';
import { createMessageHandler } from './message-handler';
import { createDispatcherMetrics } from './metrics';

/** What the shutdown keeps for closing NATS and the servers after the loops drained. */
const SHUTDOWN_RESERVE_MS = 3_000;

async function main(): Promise<void> {
  let logger: Logger | undefined;
  try {
    const config = loadDispatcherConfig();
    const tracing = startTracing(config.tracing);
    logger = createLogger({ name: 'dispatcher', level: config.logLevel, format: config.logFormat });
    const started: { connection?: ManagedConnection; registry?: ConsumerRegistry } = {};
    // Up before NATS, so that liveness holds while the first connection is still being made.
    const health = await startHealthServer(
      {
        live: () => started.connection?.state() !== 'closed',
        ready: () => started.connection?.state() === 'connected' && started.registry?.watching() === true,
      },
      config.healthPort,
      config.bindAddress,
    );
    const metrics = createDispatcherMetrics();
    const metricsServer = await startMetricsServer(metrics.registry, config.metricsPort, config.bindAddress);

    const connection = await connectNats({ url: config.natsUrl, name: 'eventing-dispatcher', ...config.natsAuth }, logger);
    const jsm = await jetstreamManager(connection.nc);
    await ensureDeadLetterStream(jsm);
    const specs = await openJsonKvStore(connection.nc, DISPATCH_SPECS_BUCKET, parseDispatchSpec);
    const sinks = createSinkClient({ connectionsPerOrigin: config.maxConnsPerHost, keepAliveTimeoutMs: config.idleConnTimeoutMs });
    const handle = createMessageHandler({
      tracing,
      sinks,
      metrics,
      deadLetters: createEventPublisher(connection, config.deadLetterPublishTimeoutMs),
      subjectPrefix: config.subjectPrefix,
      logger,
      now: Date.now,
      random: Math.random,
    });
    const js = jsm.jetstream();
    const log = logger;
    const registry = createConsumerRegistry({
      specs,
      startLoop: (spec) => startConsumerLoop(spec, { js, handle, metrics, logger: log }),
      logger,
    });
    started.connection = connection;
    started.registry = registry;
    registry.start();
    // Specs changed while NATS was away are picked up by reading them all again.
    connection.onStateChange((state) => {
      if (state === 'connected') registry.rewatch();
    });
    logger.info({ healthPort: config.healthPort, metricsPort: config.metricsPort }, 'dispatcher started');

    const drainMs = Math.max(0, config.shutdownGraceMs - Math.min(SHUTDOWN_RESERVE_MS, config.shutdownGraceMs / 2));
    installShutdown(
      logger,
      [
        { name: 'consumers', stop: () => registry.stop(drainMs) },
        { name: 'nats', stop: () => connection.close() },
        { name: 'sinks', stop: () => sinks.close() },
        { name: 'health', stop: () => closeServer(health) },
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
