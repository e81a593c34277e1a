import { createProxyMetrics } from './metrics';

describe('publisher proxy metrics', () => {
  it("exposes Kyma's request metrics and the health gauge (reference 2.12)", async () => {
    const metrics = createProxyMetrics('nats://test');
    metrics.recordRequest(204, 'POST', '/publish', 0.002);
    const text = await metrics.registry.metrics();
    expect(text).toContain('eventing_epp_requests_total{code="204",method="post",path="/publish"} 1');
    expect(text).toContain('eventing_epp_health 1');
  });

  it('exposes the Node.js process metrics (RSS, event-loop lag) that soak tests and operators watch', async () => {
    const text = await createProxyMetrics('nats://test').registry.metrics();
    expect(text).toContain('process_resident_memory_bytes ');
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds ');
  });
});
