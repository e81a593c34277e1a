import { ConfigError } from '@eventing/platform';
import { loadDispatcherConfig } from './config';

describe('loadDispatcherConfig', () => {
  it('applies the defaults (SPEC section 5)', () => {
    expect(loadDispatcherConfig({ NATS_URL: 'nats://nats:4222' })).toEqual({
      natsUrl: 'nats://nats:4222',
      natsAuth: {},
      healthPort: 8081,
      metricsPort: 8080,
      bindAddress: '0.0.0.0',
      maxConnsPerHost: 64,
      idleConnTimeoutMs: 10_000,
      deadLetterPublishTimeoutMs: 5_000,
      shutdownGraceMs: 25_000,
      subjectPrefix: 'kyma',
      logLevel: 'info',
      logFormat: 'json',
      tracing: { exporter: 'none', serviceName: 'dispatcher' },
    });
  });

  it('turns tracing on when an exporter endpoint is configured', () => {
    expect(loadDispatcherConfig({ NATS_URL: 'nats://n:1', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toEqual({
      exporter: 'otlp',
      serviceName: 'dispatcher',
      endpoint: 'http://collector:4318/v1/traces',
    });
  });

  it('reads every variable', () => {
    const config = loadDispatcherConfig({
      NATS_URL: 'nats://n:1',
      NATS_USER: 'u',
      NATS_PASSWORD: 'p',
      HEALTH_PORT: '9001',
      METRICS_PORT: '9002',
      BIND_ADDRESS: '127.0.0.1',
      MAX_CONNS_PER_HOST: '8',
      IDLE_CONN_TIMEOUT: '1m',
      DEAD_LETTER_PUBLISH_TIMEOUT: '2s',
      SHUTDOWN_GRACE_PERIOD: '5s',
      JS_STREAM_SUBJECT_PREFIX: 'events',
      APP_LOG_LEVEL: 'DEBUG',
      APP_LOG_FORMAT: 'console',
    });
    expect(config).toMatchObject({
      natsAuth: { user: 'u', pass: 'p' },
      healthPort: 9001,
      metricsPort: 9002,
      bindAddress: '127.0.0.1',
      maxConnsPerHost: 8,
      idleConnTimeoutMs: 60_000,
      deadLetterPublishTimeoutMs: 2_000,
      shutdownGraceMs: 5_000,
      subjectPrefix: 'events',
      logLevel: 'debug',
      logFormat: 'console',
    });
  });

  it.each([
    ['NATS_URL', { NATS_URL: 'localhost' }],
    ['NATS_URL', { NATS_URL: undefined }],
    ['HEALTH_PORT', { HEALTH_PORT: '70000' }],
    ['MAX_CONNS_PER_HOST', { MAX_CONNS_PER_HOST: '0' }],
    ['IDLE_CONN_TIMEOUT', { IDLE_CONN_TIMEOUT: 'soon' }],
    ['SHUTDOWN_GRACE_PERIOD', { SHUTDOWN_GRACE_PERIOD: '10' }],
    ['APP_LOG_LEVEL', { APP_LOG_LEVEL: 'loud' }],
  ])('a bad %s stops the start, naming the variable', (variable, env) => {
    const run = () => loadDispatcherConfig({ NATS_URL: 'nats://n:1', ...env });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(new RegExp(`${variable}:`));
  });
});
