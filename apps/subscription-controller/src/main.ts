// Composition root: config → logger → source (Kubernetes or folder) → app → health, metrics
// (and status) servers → leader election → run → shutdown hooks.
import { closeServer, createLogger, exitOnStartupFailure, installShutdown, startHealthServer, startMetricsServer, startTracing, type Logger } from '@eventing/platform';
import { createLeaderElector, loadKubeConfig } from '@eventing/kube';
import { createControllerApp, type ControllerApp } from './app';
import { loadConfig, type ControllerConfig } from './config';
import { createFileSource } from './sources/files';
import { createKubernetesSource } from './sources/kubernetes';
import type { SubscriptionSource } from './sources/source';
import { startStatusServer } from './sources/status-server';

const SHUTDOWN_GRACE_MS = 20_000;

async function main(): Promise<void> {
  let logger: Logger | undefined;
  try {
    const config: ControllerConfig = loadConfig();
    const tracing = startTracing(config.tracing);
    logger = createLogger({ name: 'subscription-controller', level: config.logLevel, format: config.logFormat });
    const log = logger;
    const kc = config.subscriptionsDir ? undefined : loadKubeConfig();
    const files = config.subscriptionsDir ? createFileSource({ dir: config.subscriptionsDir, logger: log, rescanMs: config.filesRescanMs }) : undefined;
    const source: SubscriptionSource = files ?? createKubernetesSource({ kc: kc!, logger: log });
    // Health first: while NATS is not reachable yet the process is alive but not ready.
    const current: { app?: ControllerApp } = {};
    const health = await startHealthServer({ live: () => true, ready: () => current.app?.ready() ?? false }, config.healthPort, config.bindAddress);
    const app = await createControllerApp(config, source, log, tracing);
    current.app = app;
    const metrics = await startMetricsServer(app.metrics.registry, config.metricsPort, config.bindAddress);
    const status = files ? await startStatusServer(files, config.statusPort, config.bindAddress) : undefined;
    const work = new AbortController();
    const elector = config.leaderElection.enabled && kc ? createLeaderElector({ kc, ...config.leaderElection, logger: log }) : undefined;
    const run = (signal: AbortSignal) => app.run(signal).catch((err: unknown) => exitOnStartupFailure(log, err));
    if (elector) {
      elector.run({
        onStartedLeading: (signal) => void run(signal),
        // controller-runtime exits when it loses the lease; the orchestrator restarts us as a standby.
        onStoppedLeading: () => {
          log.error('leader election lost, exiting');
          process.exit(1);
        },
      });
    } else {
      void run(work.signal);
    }
    log.info({ mode: files ? 'folder' : 'kubernetes', leaderElection: Boolean(elector) }, 'subscription controller up');
    installShutdown(
      log,
      [
        { name: 'controller', stop: async () => { work.abort(); await elector?.stop(); await app.stop(); } },
        { name: 'servers', stop: async () => { await Promise.all([health, metrics, ...(status ? [status] : [])].map(closeServer)); } },
        { name: 'tracing', stop: () => tracing.shutdown() },
      ],
      SHUTDOWN_GRACE_MS,
    );
  } catch (err) {
    exitOnStartupFailure(logger, err);
  }
}

void main();
