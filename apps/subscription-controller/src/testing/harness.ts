// Helpers for the controller's integration tests: the CRD manifest, the controller run in
// process against a real API server and nats-server, and views of what it made in NATS.
import type { KubeConfig, V1CustomResourceDefinition } from '@kubernetes/client-node';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { parse } from 'yaml';
import {
  DISPATCH_SPECS_BUCKET,
  jetstreamManager,
  openJsonKvStore,
  type DispatchSpec,
} from '@eventing/jetstream';
import { createLogger, type Logger } from '@eventing/platform';
import { generateSubscriptionCrd } from '@eventing/subscription-api';
import { createControllerApp, type ControllerApp } from '../app';
import { loadConfig } from '../config';
import { createKubernetesSource } from '../sources/kubernetes';
import type { SubscriptionSource } from '../sources/source';

/** The generated CRD as the API server takes it (for `createCrdAndWait` in the tests). */
export function subscriptionCrdManifest(): V1CustomResourceDefinition {
  return parse(generateSubscriptionCrd()) as V1CustomResourceDefinition;
}

export function quietLogger(): Logger {
  return createLogger({ name: 'subscription-controller-test', level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
}

export interface RunningController {
  readonly app: ControllerApp;
  readonly source: SubscriptionSource;
  stop(): Promise<void>;
}

/** The controller in process, watching one namespace, with fast retries. */
export async function runKubernetesController(kc: KubeConfig, natsUrl: string, namespace: string, env: Record<string, string> = {}): Promise<RunningController> {
  const logger = quietLogger();
  const config = loadConfig({ NATS_URL: natsUrl, SINK_RECHECK_INTERVAL: '500ms', WORKERS: '2', JS_STREAM_MAX_BYTES: '64Mi', ...env });
  const source = createKubernetesSource({ kc, logger, namespace });
  const app = await createControllerApp(config, source, logger);
  const abort = new AbortController();
  void app.run(abort.signal);
  return {
    app,
    source,
    stop: async () => {
      abort.abort();
      await app.stop();
    },
  };
}

export interface NatsView {
  readonly nc: NatsConnection;
  /** Consumers of the stream with the fields the tests look at. */
  consumers(stream?: string): Promise<Map<string, { filterSubject: string; maxAckPending: number; deliverSubject: string; deliverGroup: string; created: string; maxDeliver: number }>>;
  dispatchSpecs(): Promise<Map<string, DispatchSpec>>;
  close(): Promise<void>;
}

export async function viewNats(url: string): Promise<NatsView> {
  const nc = await connect({ servers: url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
  return {
    nc,
    async consumers(stream = 'sap') {
      const jsm = await jetstreamManager(nc);
      const out = new Map();
      try {
        for await (const info of jsm.consumers.list(stream)) {
          out.set(info.name, {
            filterSubject: info.config.filter_subject ?? '',
            maxAckPending: info.config.max_ack_pending ?? 0,
            deliverSubject: info.config.deliver_subject ?? '',
            deliverGroup: info.config.deliver_group ?? '',
            created: String(info.created),
            maxDeliver: info.config.max_deliver ?? 0,
          });
        }
      } catch {
        // no stream yet: no consumers
      }
      return out;
    },
    async dispatchSpecs() {
      const kv = await openJsonKvStore(nc, DISPATCH_SPECS_BUCKET, (raw) => raw as DispatchSpec);
      return kv.list();
    },
    close: () => nc.close(),
  };
}
