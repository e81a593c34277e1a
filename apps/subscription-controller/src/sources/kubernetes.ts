// Subscriptions from the Kubernetes API through @eventing/kube's informer; status written to
// the status subresource, the finalizer on the object, the sink Service looked up (reference 3.4).
import {
  createServiceClient,
  createSubscriptionClient,
  watchSubscriptions,
  type KubeConfig,
  type KubeObject,
  type ObjectChange,
} from '@eventing/kube';
import type { Logger } from '@eventing/platform';
import { parseSubscription, type Subscription, type SubscriptionStatus } from '@eventing/subscription-api';
import type { SubscriptionStore } from '../subscription/ports';
import type { SubscriptionSource } from './source';

export interface KubernetesSourceOptions {
  readonly kc: KubeConfig;
  readonly logger: Logger;
  /** Watch one namespace only (tests); all namespaces when absent. */
  readonly namespace?: string;
  readonly watchTimeoutSeconds?: number;
}

/**
 * Only changes a reconcile acts on start one (controller-runtime's GenerationChangedPredicate,
 * plus deletion and finalizers): our own status writes do not trigger another round.
 */
export function needsReconcile(change: ObjectChange): boolean {
  if (change.kind !== 'modified' || !change.previous) return true;
  const before = change.previous.metadata;
  const after = change.object.metadata;
  return (
    before.generation !== after.generation ||
    before.deletionTimestamp !== after.deletionTimestamp ||
    JSON.stringify(before.finalizers ?? []) !== JSON.stringify(after.finalizers ?? [])
  );
}

export function createKubernetesSource(options: KubernetesSourceOptions): SubscriptionSource {
  const { kc, logger } = options;
  const client = createSubscriptionClient(kc);
  const informer = watchSubscriptions(kc, {
    logger,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.watchTimeoutSeconds ? { watchTimeoutSeconds: options.watchTimeoutSeconds } : {}),
  });
  // What we last wrote per key: the base of the next merge patch when the cache lags behind it.
  const lastWritten = new Map<string, SubscriptionStatus>();

  const toSubscription = (object: KubeObject): Subscription => parseSubscription(object);

  const store: SubscriptionStore = {
    usesFinalizers: true,
    async get(key) {
      const object = informer.get(key);
      if (!object) {
        lastWritten.delete(key);
        return undefined;
      }
      return toSubscription(object);
    },
    async list() {
      const out: Subscription[] = [];
      for (const object of informer.list()) {
        try {
          out.push(toSubscription(object));
        } catch (err) {
          logger.warn({ err, subscription: `${object.metadata.namespace}/${object.metadata.name}` }, 'unreadable Subscription skipped');
        }
      }
      return out;
    },
    async updateFinalizers(subscription, finalizers) {
      const { namespace, name, resourceVersion } = subscription.metadata;
      await client.updateFinalizers(namespace, name, resourceVersion, finalizers);
    },
    async updateStatus(subscription, status) {
      const { namespace, name } = subscription.metadata;
      const key = `${namespace}/${name}`;
      const previous = union(lastWritten.get(key), subscription.status);
      await client.patchStatus(namespace, name, previous, status);
      lastWritten.set(key, status);
      logger.info({ subscription: key, ready: status.ready }, 'subscription status updated');
    },
  };

  return {
    store,
    services: createServiceClient(kc),
    start(onKey) {
      informer.onChange((change) => {
        if (needsReconcile(change)) onKey(change.key);
      });
      informer.start();
    },
    synced: () => informer.synced(),
    hasSynced: () => informer.hasSynced(),
    stop: () => informer.stop(),
  };
}

/** Every member of either value (b wins on leaves), so a patch removes whatever either one had. */
function union(a: unknown, b: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(a) || !isObject(b)) return b ?? a;
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = union(a[key], value);
  return out;
}
