// The controller's metrics on its own registry (SPEC section 7): Kyma's names and labels
// (reference 4.9) so dashboards keep working, plus our own `eventing_controller_*`.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Subscription } from '@eventing/subscription-api';
import type { ControllerObserver, ReconcileOutcomeLabel } from './runtime/controller';
import type { ReconcileObserver } from './subscription/reconciler';

export const METRIC_NAMES = {
  subscriptionStatus: 'eventing_ec_subscription_status',
  eventTypeSubscribed: 'eventing_ec_event_type_subscribed_total',
  health: 'eventing_ec_health',
  reconciles: 'eventing_controller_reconciles_total',
  reconcileDuration: 'eventing_controller_reconcile_duration_seconds',
  queueDepth: 'eventing_controller_queue_depth',
} as const;

/** Kyma's `eventing_backend` label value (reference 4.9). */
const BACKEND = 'NATS_Jetstream';

export interface ControllerMetrics extends ReconcileObserver, ControllerObserver {
  readonly registry: Registry;
}

export function createControllerMetrics(streamName: string): ControllerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const status = new Gauge({
    name: METRIC_NAMES.subscriptionStatus,
    help: 'The status of a subscription: 1 ready, 0 not ready.',
    labelNames: ['subscription_name', 'subscription_namespace', 'consumer_name', 'eventing_backend', 'stream_name'] as const,
    registers: [registry],
  });
  const subscribed = new Counter({
    name: METRIC_NAMES.eventTypeSubscribed,
    help: 'The number of consumers created per event type.',
    labelNames: ['subscription_name', 'subscription_namespace', 'event_type', 'consumer_name'] as const,
    registers: [registry],
  });
  const health = new Gauge({ name: METRIC_NAMES.health, help: 'The health of the controller: 1 up.', registers: [registry] });
  health.set(1);
  const reconciles = new Counter({
    name: METRIC_NAMES.reconciles,
    help: 'Reconciles by outcome (ok, requeue_after, error, terminal).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: METRIC_NAMES.reconcileDuration,
    help: 'Duration of one reconcile.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const depth = new Gauge({ name: METRIC_NAMES.queueDepth, help: 'Keys waiting in the work queue.', registers: [registry] });
  const seriesOf = new Map<string, string[]>();

  const drop = (namespace: string, name: string, keep: readonly string[] = []) => {
    const key = `${namespace}/${name}`;
    for (const consumer of seriesOf.get(key) ?? []) {
      if (keep.includes(consumer)) continue;
      status.remove({ subscription_name: name, subscription_namespace: namespace, consumer_name: consumer, eventing_backend: BACKEND, stream_name: streamName });
    }
  };

  return {
    registry,
    consumerCreated(subscription: Subscription, cleanType: string, consumer: string) {
      const { name, namespace } = subscription.metadata;
      subscribed.inc({ subscription_name: name, subscription_namespace: namespace, event_type: cleanType, consumer_name: consumer });
    },
    subscriptionStatus(subscription: Subscription, consumers: readonly string[], ready: boolean) {
      const { name, namespace } = subscription.metadata;
      drop(namespace, name, consumers);
      seriesOf.set(`${namespace}/${name}`, [...consumers]);
      for (const consumer of consumers) {
        status.set({ subscription_name: name, subscription_namespace: namespace, consumer_name: consumer, eventing_backend: BACKEND, stream_name: streamName }, ready ? 1 : 0);
      }
    },
    subscriptionRemoved(namespace: string, name: string) {
      drop(namespace, name);
      seriesOf.delete(`${namespace}/${name}`);
    },
    reconciled(outcome: ReconcileOutcomeLabel, durationMs: number) {
      reconciles.inc({ outcome });
      duration.observe(durationMs / 1000);
    },
    queueDepth(value: number) {
      depth.set(value);
    },
  };
}
