import { ConfigError } from '@eventing/platform';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('has Kyma’s defaults', () => {
    const config = loadConfig({});
    expect(config).toEqual(
      expect.objectContaining({
        healthPort: 8081,
        metricsPort: 8080,
        defaultMaxInFlight: 10,
        sinkPolicy: 'kyma',
        deliverPolicy: 'new',
        resyncPeriodMs: 600_000,
        leaderElection: expect.objectContaining({ enabled: false, name: '26479083.kyma-project.io' }),
      }),
    );
    expect(config.stream).toEqual(expect.objectContaining({ name: 'sap', subjectPrefix: 'kyma', storage: 'file', retention: 'interest', discard: 'new', maxBytes: 734_003_200 }));
    expect(config.subscriptionsDir).toBeUndefined();
  });

  it('reads the local start script’s variables', () => {
    const config = loadConfig({ SUBSCRIPTIONS_DIR: 'examples/subscriptions', SINK_POLICY: 'any-http', HEALTH_PORT: '8081', METRICS_PORT: '8082', STATUS_PORT: '8083' });
    expect(config).toEqual(expect.objectContaining({ subscriptionsDir: 'examples/subscriptions', sinkPolicy: 'any-http', metricsPort: 8082, statusPort: 8083 }));
  });

  it('falls back to `new` for an unknown deliver policy, as Kyma does', () => {
    expect(loadConfig({ JS_CONSUMER_DELIVER_POLICY: 'bogus' }).deliverPolicy).toBe('new');
    expect(loadConfig({ JS_CONSUMER_DELIVER_POLICY: 'all' }).deliverPolicy).toBe('all');
  });

  it('fails listing every bad variable', () => {
    try {
      loadConfig({ HEALTH_PORT: 'x', SINK_POLICY: 'anything', LEADER_ELECT: 'maybe' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['HEALTH_PORT', 'LEADER_ELECT', 'SINK_POLICY']);
    }
  });
});
