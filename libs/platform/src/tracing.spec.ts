import { tracingEnvSchema, toTracingConfig } from './tracing';

describe('toTracingConfig (standard OTEL_* variables)', () => {
  const config = (env: Record<string, string>) => toTracingConfig(tracingEnvSchema.parse(env), 'svc');

  it.each([
    [{}, { exporter: 'none', serviceName: 'svc' }],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/' }, { exporter: 'otlp', serviceName: 'svc', endpoint: 'http://c:4318/v1/traces' }],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/x' }, { exporter: 'otlp', serviceName: 'svc', endpoint: 'http://c:4318/x' }],
    [{ OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://z:9411/api/v2/spans' }, { exporter: 'zipkin', serviceName: 'svc', endpoint: 'http://z:9411/api/v2/spans' }],
    [{ OTEL_TRACES_EXPORTER: 'zipkin' }, { exporter: 'zipkin', serviceName: 'svc', endpoint: 'http://localhost:9411/api/v2/spans' }],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }, { exporter: 'none', serviceName: 'svc' }],
    [{ OTEL_SERVICE_NAME: 'mine', OTEL_TRACES_EXPORTER: 'console' }, { exporter: 'console', serviceName: 'mine' }],
  ])('reads %p as %p', (env, expected) => {
    expect(config(env as Record<string, string>)).toEqual(expected);
  });

  it('refuses an unknown exporter and a malformed endpoint', () => {
    expect(tracingEnvSchema.safeParse({ OTEL_TRACES_EXPORTER: 'jaeger' }).success).toBe(false);
    expect(tracingEnvSchema.safeParse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' }).success).toBe(false);
  });
});
