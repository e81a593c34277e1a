import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, exponentialBuckets } from 'prom-client';

/** Who a delivery was for: the labels Kyma's dispatcher metrics carry (reference 4.9). */
export interface DeliveryLabels {
  readonly subscriptionNamespace: string;
  readonly subscriptionName: string;
  readonly consumer: string;
  readonly sink: string;
  /** The type after the revert (reference 4.9). */
  readonly eventType: string;
}

export const DELIVERY_OUTCOMES = { delivered: 'delivered', retried: 'retried', deadLettered: 'dead_lettered', deadLetterFailed: 'dead_letter_failed' } as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[keyof typeof DELIVERY_OUTCOMES];

/** Status label for a transport error or timeout: Kyma records 500 (reference 4.5 step 5). */
export const TRANSPORT_ERROR_CODE = 500;

/**
 * The dispatcher's metrics on its own registry: Kyma's names and labels (reference 4.9), so
 * dashboards keep working, plus ours under `eventing_dispatcher_*` (SPEC section 7).
 */
export interface DispatcherMetrics {
  readonly registry: Registry;
  /** One HTTP attempt: its status (or 500) and how long it took. */
  recordDispatch(labels: DeliveryLabels, responseCode: number, seconds: number): void;
  recordOutcome(outcome: DeliveryOutcome, labels: DeliveryLabels): void;
  /** From the event's write into the stream to its acknowledged delivery. */
  recordDeliveryLatency(seconds: number): void;
  addInFlight(delta: number): void;
}

export function createDispatcherMetrics(): DispatcherMetrics {
  const registry = new Registry();
  // Node.js process metrics (RSS, heap, event-loop lag): what a soak test and an operator watch.
  collectDefaultMetrics({ register: registry });
  const kymaLabels = ['subscription_name', 'subscription_namespace', 'event_type', 'sink', 'response_code', 'consumer_name'] as const;
  const perSubscription = new Counter({
    name: 'eventing_ec_nats_delivery_per_subscription_total',
    help: 'The total number of dispatched events per subscription',
    labelNames: kymaLabels,
    registers: [registry],
  });
  const dispatchDuration = new Histogram({
    name: 'eventing_ec_nats_subscriber_dispatch_duration_seconds',
    help: 'The duration of sending an incoming NATS message to the subscriber (not including processing the message in the dispatcher)',
    labelNames: kymaLabels,
    buckets: exponentialBuckets(0.002, 2, 10),
    registers: [registry],
  });
  new Gauge({ name: 'eventing_ec_health', help: 'The current health of the system. `1` indicates a healthy system', registers: [registry] }).set(1);
  const subscriptionLabels = ['subscription_namespace', 'subscription_name', 'consumer_name'] as const;
  const deliveries = new Counter({
    name: 'eventing_dispatcher_deliveries_total',
    help: 'Settled delivery attempts by outcome (delivered, retried, dead_lettered, dead_letter_failed)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const retries = new Counter({
    name: 'eventing_dispatcher_retries_total',
    help: 'Failed delivery attempts that were scheduled for redelivery',
    labelNames: subscriptionLabels,
    registers: [registry],
  });
  const deadLetters = new Counter({
    name: 'eventing_dispatcher_dead_letters_total',
    help: 'Events moved to the dead-letter store',
    labelNames: subscriptionLabels,
    registers: [registry],
  });
  const inFlight = new Gauge({ name: 'eventing_dispatcher_in_flight', help: 'Deliveries being handled by this replica', registers: [registry] });
  const latency = new Histogram({
    name: 'eventing_dispatcher_delivery_latency_seconds',
    help: 'Time from an event being stored to its acknowledged delivery (includes retries)',
    buckets: exponentialBuckets(0.001, 2.5, 14),
    registers: [registry],
  });
  return {
    registry,
    recordDispatch: (labels, responseCode, seconds) => {
      const kyma = {
        subscription_name: labels.subscriptionName,
        subscription_namespace: labels.subscriptionNamespace,
        event_type: labels.eventType,
        sink: labels.sink,
        response_code: String(responseCode),
        consumer_name: labels.consumer,
      };
      perSubscription.inc(kyma);
      dispatchDuration.observe(kyma, seconds);
    },
    recordOutcome: (outcome, labels) => {
      deliveries.inc({ outcome });
      const sub = { subscription_namespace: labels.subscriptionNamespace, subscription_name: labels.subscriptionName, consumer_name: labels.consumer };
      if (outcome === DELIVERY_OUTCOMES.retried) retries.inc(sub);
      else if (outcome === DELIVERY_OUTCOMES.deadLettered) deadLetters.inc(sub);
    },
    recordDeliveryLatency: (seconds) => latency.observe(Math.max(0, seconds)),
    addInFlight: (delta) => inFlight.inc(delta),
  };
}
