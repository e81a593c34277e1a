// Composes the controller from its parts (the composition root's body, apart from process
// concerns so that tests can run it in-process): NATS backend, source, reconciler, controller,
// orphan cleanup, resync, reconnect handling and readiness.
import { connectNats, type ManagedConnection } from '@eventing/jetstream';
import { exponentialDelayMs, sleep, type Logger, type Tracing } from '@eventing/platform';
import type { ControllerConfig } from './config';
import { createControllerMetrics, type ControllerMetrics } from './metrics';
import { createNatsBackend, type NatsBackend } from './nats/nats-backend';
import { createController, type Controller } from './runtime/controller';
import type { SubscriptionSource } from './sources/source';
import { cleanUpOrphans } from './subscription/orphans';
import type { PlanSettings } from './subscription/plan';
import { createReconciler } from './subscription/reconciler';

export interface ControllerApp {
  readonly connection: ManagedConnection;
  readonly backend: NatsBackend;
  readonly metrics: ControllerMetrics;
  readonly controller: Controller;
  /** Lists, cleans up orphans, starts the workers (call when leading). */
  run(signal: AbortSignal): Promise<void>;
  ready(): boolean;
  stop(): Promise<void>;
}

const START_RETRY_INITIAL_MS = 500;
const START_RETRY_MAX_MS = 10_000;

export async function createControllerApp(config: ControllerConfig, source: SubscriptionSource, logger: Logger, tracing?: Tracing): Promise<ControllerApp> {
  const connection = await connectNats({ url: config.natsUrl, name: 'Eventing Subscription Controller', ...config.natsAuth }, logger);
  const backend = createNatsBackend(connection, config.stream, logger);
  const metrics = createControllerMetrics(config.stream.name);
  const settings: PlanSettings = {
    streamName: config.stream.name,
    subjectPrefix: config.stream.subjectPrefix,
    deliverPolicy: config.deliverPolicy,
    defaultMaxInFlight: config.defaultMaxInFlight,
  };
  const reconciler = createReconciler({
    store: source.store,
    jetstream: backend.jetstream,
    specs: backend.specs,
    ...(source.services ? { services: source.services } : {}),
    settings: { ...settings, sinkPolicy: config.sinkPolicy, sinkRecheckMs: config.sinkRecheckMs },
    observer: metrics,
    logger,
  });
  const listKeys = async () => (await source.store.list()).map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
  const controller = createController({ reconciler, workers: config.workers, listKeys, resyncPeriodMs: config.resyncPeriodMs, logger, observer: metrics, ...(tracing ? { tracing } : {}) });
  let running = false;

  connection.onStateChange((state) => {
    if (state !== 'connected') return;
    // Reference 4.1/4.6: after a reconnect the stream is ensured again and every Subscription re-synced.
    backend.invalidate();
    if (running) controller.enqueueAll().catch((err: unknown) => logger.error({ err }, 'enqueue after reconnect failed'));
  });

  return {
    connection,
    backend,
    metrics,
    controller,
    async run(signal) {
      source.start((key) => controller.enqueue(key));
      await source.synced();
      // Orphan cleanup needs NATS; retry until it works (or we are stopped), then start the workers.
      for (let attempt = 1; !signal.aborted; attempt++) {
        try {
          await cleanUpOrphans({ store: source.store, jetstream: backend.jetstream, specs: backend.specs, settings, logger });
          break;
        } catch (err) {
          const delay = exponentialDelayMs(attempt, START_RETRY_INITIAL_MS, START_RETRY_MAX_MS);
          logger.warn({ err, retryInMs: delay }, 'start-up cleanup failed, retrying');
          await sleep(delay, signal);
        }
      }
      if (signal.aborted) return;
      running = true;
      await controller.enqueueAll();
      controller.start();
      logger.info({ workers: config.workers }, 'controller started');
    },
    ready: () => connection.state() === 'connected',
    async stop() {
      await controller.stop();
      await source.stop();
      await connection.close();
    },
  };
}
