// The built apps run with exactly the env a chart gives them (helm template, the NATS
// credentials read back from the Secret the chart creates) and answer the chart's liveness,
// readiness and metrics endpoints: the probes point at what the apps really serve (SPEC section 8).
// The controller is left out: in Kubernetes mode it watches every namespace of the shared test
// API server; its probe port is checked against its env in charts.int.spec.ts.
import { connect } from '@nats-io/transport-node';
import { ensureStream, jetstreamManager, streamEnvSchema, toStreamSettings } from '@eventing/jetstream';
import { findFreePort, startApp, startNatsServer, waitFor, type AppProcess, type NatsServerHandle } from '@eventing/testing';
import { appContainer, deploymentOf, renderChart, resolveEnv, type ComponentChart } from './chart-testing';

const USER = 'eventing';
const PASSWORD = 's3cret-for-tests';
const TIMEOUT = 20_000;

/** The port value that sets where each app serves its probes. */
const PROBE_PORT_VALUE: Record<Exclude<ComponentChart, 'subscription-controller'>, string> = {
  'publisher-proxy': 'ports.http',
  dispatcher: 'ports.health',
};

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url)).status;
  } catch {
    return 0;
  }
}

describe('the apps started with the env their chart renders', () => {
  let nats: NatsServerHandle;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    // Credentials on: the apps only connect if the chart's Secret wiring hands them over.
    nats = await startNatsServer({ args: ['--user', USER, '--pass', PASSWORD] });
  });

  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  afterAll(async () => {
    await nats?.dispose();
  });

  it.each([
    ['publisher-proxy', 'publisher-proxy'],
    ['dispatcher', 'dispatcher'],
    ['eventing', 'publisher-proxy'],
    ['eventing', 'dispatcher'],
  ] as const)('%s chart: %s answers its liveness, readiness and metrics endpoints', async (chart, component) => {
    const [probePort, metricsPort] = [await findFreePort(), await findFreePort()];
    const prefix = chart === 'eventing' ? `${component}.` : '';
    const natsValues = chart === 'eventing' ? 'global.nats' : 'nats';
    const jsValues = chart === 'eventing' ? 'global.jetstream' : 'jetstream';
    const rendered = await renderChart(chart, 'apps', 'eventing-system', 'defaults', [
      ...['--set', `${natsValues}.url=${nats.url}`, '--set', `${natsValues}.auth.user=${USER}`, '--set', `${natsValues}.auth.password=${PASSWORD}`],
      ...['--set', `${prefix}${PROBE_PORT_VALUE[component]}=${probePort}`, '--set', `${prefix}ports.metrics=${metricsPort}`],
      ...['--set', `${jsValues}.storageType=memory`, '--set', `${jsValues}.maxBytes=64Mi`],
    ]);
    const container = appContainer(deploymentOf(rendered, component));
    const env = resolveEnv(container.env ?? [], rendered);
    expect(env['NATS_PASSWORD']).toBe(PASSWORD);

    if (component === 'publisher-proxy') {
      // The controller creates the stream; here it is made from the proxy's own JS_STREAM_* env.
      const nc = await connect({ servers: nats.url, user: USER, pass: PASSWORD });
      await ensureStream(await jetstreamManager(nc), toStreamSettings(streamEnvSchema.parse(env)));
      await nc.close();
    }

    app = await startApp(component, env, probePort);
    const portOf = (name: string | number | undefined) => (container.ports ?? []).find((p) => p.name === name)?.containerPort;
    const live = `http://127.0.0.1:${portOf(container.livenessProbe?.httpGet?.port)}${container.livenessProbe?.httpGet?.path}`;
    const ready = `http://127.0.0.1:${portOf(container.readinessProbe?.httpGet?.port)}${container.readinessProbe?.httpGet?.path}`;
    expect(await status(live)).toBe(200);
    await waitFor(async () => (await status(ready)) === 200, TIMEOUT, `${ready} answers 200`).catch((err: Error) => {
      throw new Error(`${err.message}; output:\n${app?.output()}`);
    });
    const metrics = await fetch(`http://127.0.0.1:${portOf('http-metrics')}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# HELP');
  });
});
