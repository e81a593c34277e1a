// The whole system on this machine, for the pipeline and overload benchmarks: nats-server, a
// counting sink, the subscription controller in folder mode (it creates the stream and the
// consumer from a manifest), the dispatcher and the publisher proxy; optionally the minimal
// pipeline (minimal proxy + minimal dispatcher on its own subject) beside it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { connect } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstreamManager } from '@nats-io/jetstream';
import { NODE, ROOT, peakRssMiB, startNats, startProcess } from './procs.mjs';

export const MINIMAL_SOURCE = 'minimal';

export function manifest(name, { sink, source = 'bench', types = ['order.created.v1'], maxInFlight = 100 }) {
  return `apiVersion: eventing.kyma-project.io/v1alpha2
kind: Subscription
metadata:
  name: ${name}
  namespace: bench
spec:
  sink: ${JSON.stringify(sink)}
  source: ${JSON.stringify(source)}
  types: ${JSON.stringify(types)}
  config:
    maxInFlightMessages: ${JSON.stringify(String(maxInFlight))}
`;
}

const flags = (name) => process.env[name]?.split(' ').filter(Boolean) ?? [];
/**
 * node + flags + the built app: BENCH_NODE_FLAGS for every app (e.g. `--max-semi-space-size=4`),
 * BENCH_FLAGS_<APP> for one (e.g. BENCH_FLAGS_PUBLISHER_PROXY='--cpu-prof --cpu-prof-dir=/tmp/prof').
 */
export const appCommand = (app) => [NODE, ...flags('BENCH_NODE_FLAGS'), ...flags(`BENCH_FLAGS_${app.replace(/-/g, '_').toUpperCase()}`), `dist/apps/${app}/main.js`];

export async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const statusOf = async (port) => (await fetch(`http://127.0.0.1:${port}/subscriptions`)).json();

/** Starts the controller on a folder; resolves once it answers on its status port. */
export function startController(name, { natsUrl, dir, ports, extraEnv = {} }) {
  return startProcess(
    name,
    appCommand('subscription-controller'),
    { NATS_URL: natsUrl, SUBSCRIPTIONS_DIR: dir, SINK_POLICY: 'any-http', STATUS_PORT: String(ports.status), HEALTH_PORT: String(ports.health), METRICS_PORT: String(ports.metrics), BIND_ADDRESS: '127.0.0.1', APP_LOG_LEVEL: 'warn', FILES_RESCAN_INTERVAL: '1s', ...extraEnv },
    ports.status,
  );
}

/**
 * ports: { nats, sink, proxy, proxyMetrics, dispatcherHealth, dispatcherMetrics, status, controllerHealth, controllerMetrics, minimalProxy }
 * Returns the processes and a stop().
 */
export async function startSystem({ ports, maxInFlight = 100, minimal = true, proxyEnv = {} }) {
  const natsUrl = `nats://127.0.0.1:${ports.nats}`;
  const sinkUrl = `http://127.0.0.1:${ports.sink}`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-subscriptions-'));
  const nats = await startNats(ports.nats);
  const sink = await startProcess('sink', [NODE, 'tools/bench/counting-sink.mjs'], { PORT: String(ports.sink) }, ports.sink);
  writeFileSync(join(dir, 'bench.yaml'), manifest('bench', { sink: `${sinkUrl}/`, maxInFlight }));
  const controller = await startController('controller', { natsUrl, dir, ports: { status: ports.status, health: ports.controllerHealth, metrics: ports.controllerMetrics } });
  await waitFor(async () => (await statusOf(ports.status)).subscriptions.every((s) => s.status?.ready === true), 30_000, 'the bench subscription to be ready');
  const env = { NATS_URL: natsUrl, BIND_ADDRESS: '127.0.0.1', APP_LOG_LEVEL: 'warn' };
  const dispatcher = await startProcess('dispatcher', appCommand('dispatcher'), { ...env, HEALTH_PORT: String(ports.dispatcherHealth), METRICS_PORT: String(ports.dispatcherMetrics) }, ports.dispatcherHealth);
  const proxy = await startProcess('proxy', appCommand('publisher-proxy'), { ...env, INGRESS_PORT: String(ports.proxy), METRICS_PORT: String(ports.proxyMetrics), ...proxyEnv }, ports.proxy);
  await waitFor(async () => (await fetch(`http://127.0.0.1:${ports.proxy}/readyz`)).status === 200, 20_000, 'the proxy to be ready');
  await waitFor(async () => (await fetch(`http://127.0.0.1:${ports.dispatcherHealth}/readyz`)).status === 200, 20_000, 'the dispatcher to be ready');
  const procs = { proxy, dispatcher, controller, sink, nats };
  if (minimal) {
    const nc = await connect({ servers: natsUrl });
    const jsm = await jetstreamManager(nc);
    const stream = 'sap'; // the controller's default JS_STREAM_NAME
    await jsm.consumers.add(stream, { durable_name: 'minimal', filter_subject: `kyma.${MINIMAL_SOURCE}.order.created.v1`, ack_policy: AckPolicy.Explicit, max_ack_pending: maxInFlight, deliver_policy: DeliverPolicy.All });
    await nc.close();
    procs.minimalDispatcher = await startProcess('minimal-dispatcher', [NODE, 'tools/bench/minimal-dispatcher.mjs'], { NATS_URL: natsUrl, STREAM: stream, CONSUMER: 'minimal', MAX_ACK_PENDING: String(maxInFlight), SINK_ORIGIN: sinkUrl });
    procs.minimalProxy = await startProcess('minimal-proxy', [NODE, 'tools/bench/minimal-proxy.mjs'], { ...env, PORT: String(ports.minimalProxy) }, ports.minimalProxy);
  }
  const sinkApi = {
    reset: () => fetch(`${sinkUrl}/reset`, { method: 'POST' }),
    stats: async () => (await fetch(`${sinkUrl}/stats`)).json(),
    ids: async () => new Set(await (await fetch(`${sinkUrl}/ids`)).json()),
    missing: async (ids) => (await (await fetch(`${sinkUrl}/missing`, { method: 'POST', body: ids.join('\n') })).json()).missing,
  };
  return {
    natsUrl,
    sinkUrl,
    dir,
    procs,
    sink: sinkApi,
    /** Peak RSS (MiB) of every process so far. */
    rss: () => Object.fromEntries(Object.entries(procs).map(([k, p]) => [p.name ?? k, peakRssMiB(p.pid)])),
    async stop() {
      for (const p of [procs.minimalProxy, procs.minimalDispatcher, proxy, dispatcher, controller, sink].filter(Boolean)) await p.stop();
      await nats.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One paced-load run (tools/bench/paced-load.mjs) in its own process; resolves with its JSON summary. */
export function pacedLoad(env) {
  return new Promise((resolve, reject) => {
    execFile(NODE, ['tools/bench/paced-load.mjs'], { cwd: ROOT, env: { ...process.env, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])) }, maxBuffer: 16 * 1024 ** 2 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`paced-load failed: ${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()));
    });
  });
}
