import { DELIVERY_OUTCOMES, createDispatcherMetrics } from './metrics';

const labels = { subscriptionNamespace: 'shop', subscriptionName: 'orders', consumer: 'c1', sink: 'http://s/', eventType: 'order.created.v1' };

describe('dispatcher metrics', () => {
  it("exposes Kyma's delivery metrics with its six labels (reference 4.9) and the health gauge", async () => {
    const metrics = createDispatcherMetrics();
    metrics.recordDispatch(labels, 503, 0.003);
    const text = await metrics.registry.metrics();
    const kymaLabels = 'subscription_name="orders",subscription_namespace="shop",event_type="order.created.v1",sink="http://s/",response_code="503",consumer_name="c1"';
    expect(text).toContain(`eventing_ec_nats_delivery_per_subscription_total{${kymaLabels}} 1`);
    expect(text).toContain(`eventing_ec_nats_subscriber_dispatch_duration_seconds_bucket{le="0.004",${kymaLabels}} 1`);
    expect(text).toContain(`eventing_ec_nats_subscriber_dispatch_duration_seconds_bucket{le="1.024",${kymaLabels}} 1`);
    expect(text).toContain('eventing_ec_health 1');
  });

  it('counts outcomes, retries and dead letters, and tracks deliveries in flight', async () => {
    const metrics = createDispatcherMetrics();
    metrics.recordOutcome(DELIVERY_OUTCOMES.delivered, labels);
    metrics.recordOutcome(DELIVERY_OUTCOMES.retried, labels);
    metrics.recordOutcome(DELIVERY_OUTCOMES.deadLettered, labels);
    metrics.addInFlight(3);
    metrics.addInFlight(-1);
    metrics.recordDeliveryLatency(0.2);
    const text = await metrics.registry.metrics();
    const sub = 'subscription_namespace="shop",subscription_name="orders",consumer_name="c1"';
    expect(text).toContain('eventing_dispatcher_deliveries_total{outcome="delivered"} 1');
    expect(text).toContain('eventing_dispatcher_deliveries_total{outcome="retried"} 1');
    expect(text).toContain('eventing_dispatcher_deliveries_total{outcome="dead_lettered"} 1');
    expect(text).toContain(`eventing_dispatcher_retries_total{${sub}} 1`);
    expect(text).toContain(`eventing_dispatcher_dead_letters_total{${sub}} 1`);
    expect(text).toContain('eventing_dispatcher_in_flight 2');
    expect(text).toContain('eventing_dispatcher_delivery_latency_seconds_count 1');
  });

  it('exposes the Node.js process metrics (RSS, event-loop lag) that soak tests and operators watch', async () => {
    const text = await createDispatcherMetrics().registry.metrics();
    expect(text).toContain('process_resident_memory_bytes ');
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds ');
  });
});
