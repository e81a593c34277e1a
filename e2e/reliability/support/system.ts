// The whole system as tools/local/start.sh runs it, for the reliability journeys: a nats-server
// with file storage, the built subscription controller (folder mode with SINK_POLICY=any-http,
// or Kubernetes mode against a given kubeconfig), dispatcher replicas and a publisher proxy, each
// a process on free loopback ports, every part stoppable and restartable on its own.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { findFreePort, startApp, startNatsServer, waitFor, type AppProcess, type NatsServerHandle } from '@eventing/testing';
import type { DeliverySpec, SubscriptionStatus } from '@eventing/subscription-api';

export interface SubscriptionOptions {
  readonly name: string;
  readonly sink: string;
  readonly source?: string;
  readonly types?: readonly string[];
  readonly maxInFlight?: number;
  readonly delivery?: DeliverySpec;
}

export interface SystemOptions {
  /** Folder mode (default) or Kubernetes mode with this admin kubeconfig. */
  readonly kubeconfigPath?: string;
  /** Namespace of the Subscriptions (Kubernetes mode: must exist). */
  readonly namespace?: string;
  readonly dispatchers?: number;
  readonly controllerEnv?: Record<string, string>;
  readonly proxyEnv?: Record<string, string>;
}

export interface Replica {
  readonly app: AppProcess;
  /** Ingress (proxy) or health (dispatcher) port. */
  readonly port: number;
  readonly metricsPort: number;
}

export interface System {
  readonly nats: NatsServerHandle;
  /** A client connection of the test's own (dead letters, stream state). */
  readonly nc: NatsConnection;
  readonly proxyUrl: string;
  readonly proxy: Replica;
  readonly dispatchers: Replica[];
  readonly namespace: string;
  /** Folder mode: the watched manifest folder and the controller's status server. */
  readonly subscriptionsDir: string | undefined;
  readonly statusUrl: string | undefined;
  /** Writes the manifest into the folder, or creates the Subscription through `kube.apply`. */
  subscribe(options: SubscriptionOptions): Promise<void>;
  status(name: string): Promise<SubscriptionStatus | undefined>;
  waitReady(name: string, timeoutMs?: number): Promise<void>;
  startDispatcher(): Promise<Replica>;
  /** The controller process has exited (a crash, or stopController). */
  controllerExited(): boolean;
  stopController(): Promise<void>;
  startController(): Promise<void>;
  /**
   * Values of the named samples from one scrape of a replica's /metrics (0 when absent). One
   * scrape for all: reading the event-loop lag resets its histogram.
   */
  metrics(replica: Replica, samples: readonly string[]): Promise<number[]>;
  stop(): Promise<void>;
}

/** How the test writes Subscriptions in Kubernetes mode (a CustomObjectsApi create). */
export type KubeApply = (manifest: Record<string, unknown>) => Promise<void>;
export type KubeRead = (name: string) => Promise<SubscriptionStatus | undefined>;

export function subscriptionManifest(options: SubscriptionOptions, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'eventing.kyma-project.io/v1alpha2',
    kind: 'Subscription',
    metadata: { name: options.name, namespace },
    spec: {
      sink: options.sink,
      source: options.source ?? 'myapp',
      types: options.types ?? ['order.created.v1'],
      config: { maxInFlightMessages: String(options.maxInFlight ?? 50) },
      ...(options.delivery ? { delivery: options.delivery } : {}),
    },
  };
}

export async function startSystem(options: SystemOptions = {}, kube?: { apply: KubeApply; read: KubeRead }): Promise<System> {
  const nats = await startNatsServer();
  const nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
  const namespace = options.namespace ?? 'default';
  const folder = options.kubeconfigPath ? undefined : mkdtempSync(join(tmpdir(), 'reliability-subscriptions-'));
  const statusPort = await findFreePort();
  const common = { NATS_URL: nats.url, BIND_ADDRESS: '127.0.0.1', APP_LOG_LEVEL: 'warn' };
  let controller: AppProcess | undefined;

  const startController = async (): Promise<void> => {
    const healthPort = await findFreePort();
    const env: Record<string, string> = {
      ...common,
      SINK_POLICY: 'any-http',
      HEALTH_PORT: String(healthPort),
      METRICS_PORT: String(await findFreePort()),
      ...(folder
        ? { SUBSCRIPTIONS_DIR: folder, STATUS_PORT: String(statusPort), FILES_RESCAN_INTERVAL: '1s' }
        : { KUBECONFIG: options.kubeconfigPath!, SINK_RECHECK_INTERVAL: '2s' }),
      ...options.controllerEnv,
    };
    controller = await startApp('subscription-controller', env, folder ? statusPort : healthPort);
  };

  const startReplica = async (app: 'dispatcher' | 'publisher-proxy', env: Record<string, string>): Promise<Replica> => {
    const port = await findFreePort();
    const metricsPort = await findFreePort();
    const ports: Record<string, string> =
      app === 'dispatcher'
        ? { HEALTH_PORT: String(port), METRICS_PORT: String(metricsPort), SHUTDOWN_GRACE_PERIOD: '5s' }
        : { INGRESS_PORT: String(port), METRICS_PORT: String(metricsPort) };
    const started = await startApp(app, { ...common, ...ports, ...env }, port);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200, 30_000, `${app} ready`);
    return { app: started, metricsPort, port };
  };

  await startController();
  const dispatchers: Replica[] = [];
  const startDispatcher = async (): Promise<Replica> => {
    const replica = await startReplica('dispatcher', {});
    dispatchers.push(replica);
    return replica;
  };
  for (let i = 0; i < (options.dispatchers ?? 1); i += 1) await startDispatcher();
  // The proxy is ready once the controller has created the stream.
  const proxy = await startReplica('publisher-proxy', options.proxyEnv ?? {});
  const proxyUrl = `http://127.0.0.1:${proxy.port}`;

  const status = async (name: string): Promise<SubscriptionStatus | undefined> => {
    if (kube) return kube.read(name);
    const res = await fetch(`http://127.0.0.1:${statusPort}/subscriptions/${namespace}/${encodeURIComponent(name)}`).catch(() => undefined);
    if (res?.status !== 200) return undefined;
    return ((await res.json()) as { status: SubscriptionStatus | null }).status ?? undefined;
  };

  return {
    nats,
    nc,
    proxyUrl,
    proxy,
    dispatchers,
    namespace,
    subscriptionsDir: folder,
    statusUrl: folder ? `http://127.0.0.1:${statusPort}` : undefined,
    subscribe: async (subscription) => {
      const manifest = subscriptionManifest(subscription, namespace);
      if (kube) await kube.apply(manifest);
      else writeFileSync(join(folder!, `${subscription.name}.json`), JSON.stringify(manifest));
    },
    status,
    waitReady: (name, timeoutMs = 30_000) =>
      waitFor(async () => (await status(name))?.ready === true, timeoutMs, `subscription ${name} ready`).catch(async (err: Error) => {
        throw new Error(`${err.message}; status: ${JSON.stringify(await status(name))}\n${controller?.output().slice(-2000)}`);
      }),
    startDispatcher,
    controllerExited: () => controller?.exited() ?? true,
    stopController: async () => {
      await controller?.stop();
      controller = undefined;
    },
    startController,
    metrics: async (replica, samples) => {
      const lines = (await (await fetch(`http://127.0.0.1:${replica.metricsPort}/metrics`)).text()).split('\n');
      return samples.map((sample) => {
        const line = lines.find((l) => l.startsWith(`${sample} `));
        return line ? Number(line.slice(sample.length + 1)) : 0;
      });
    },
    stop: async () => {
      await Promise.all([proxy.app.stop(), ...dispatchers.map((d) => d.app.stop()), controller?.stop()]);
      await nc.close();
      await nats.dispose();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}
