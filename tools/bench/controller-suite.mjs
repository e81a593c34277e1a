// Controller at scale (issue "Benchmarks" item 5), folder mode: N Subscription manifests written
// into the watched folder, timed until the status server reports every one ready; then a
// restart, timed until all are ready again and the work queue is empty, checking that nothing
// was rewritten: the same consumers with the same creation times, and no new revision in the
// dispatch-spec and subscription KV buckets. A dispatcher runs beside it and binds every consumer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { peakRssMiB, startNats, startProcess } from './procs.mjs';
import { appCommand, manifest, startController, statusOf } from './system.mjs';

const PORTS = { nats: 14922, status: 14983, health: 14984, metrics: 14985, dispatcherHealth: 14986, dispatcherMetrics: 14987 };
const BUCKET_STREAMS = ['KV_eventing-dispatch-specs', 'KV_eventing-subscriptions'];

async function readyCount() {
  const { subscriptions } = await statusOf(PORTS.status);
  return subscriptions.filter((s) => s.status?.ready === true).length;
}

async function metric(port, name) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(name))
    .reduce((a, l) => a + Number(l.split(' ').pop()), 0);
}

async function timeUntil(check, timeoutMs, what) {
  const t0 = performance.now();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return (performance.now() - t0) / 1000;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function snapshot(jsm) {
  const consumers = new Map();
  for await (const c of jsm.consumers.list('sap')) consumers.set(c.name, c.created);
  const revisions = {};
  for (const s of BUCKET_STREAMS) revisions[s] = (await jsm.streams.info(s)).state.last_seq;
  return { consumers, revisions };
}

export async function controllerSuite({ subscriptions }) {
  const nats = await startNats(PORTS.nats);
  const natsUrl = `nats://127.0.0.1:${PORTS.nats}`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-controller-'));
  const ports = { status: PORTS.status, health: PORTS.health, metrics: PORTS.metrics };
  const rss = {};
  let controller = await startController('controller', { natsUrl, dir, ports });
  const dispatcher = await startProcess('dispatcher', appCommand('dispatcher'), { NATS_URL: natsUrl, BIND_ADDRESS: '127.0.0.1', APP_LOG_LEVEL: 'warn', HEALTH_PORT: String(PORTS.dispatcherHealth), METRICS_PORT: String(PORTS.dispatcherMetrics) }, PORTS.dispatcherHealth);
  const settled = async () => (await readyCount()) === subscriptions && (await metric(PORTS.metrics, 'eventing_controller_queue_depth')) === 0;

  const t0 = performance.now();
  for (let i = 0; i < subscriptions; i++) {
    writeFileSync(join(dir, `sub-${i}.yaml`), manifest(`sub-${i}`, { sink: `http://127.0.0.1:9/s${i}`, source: 'bench', types: [`order${i}.created.v1`], maxInFlight: 10 }));
  }
  const writeSeconds = (performance.now() - t0) / 1000;
  const createSeconds = writeSeconds + (await timeUntil(async () => (await readyCount()) === subscriptions, 300_000, `${subscriptions} subscriptions ready`));
  await timeUntil(settled, 60_000, 'the queue to empty');
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  const before = await snapshot(jsm);
  rss['controller (create)'] = peakRssMiB(controller.pid);
  await controller.stop();

  const t1 = performance.now();
  controller = await startController('controller', { natsUrl, dir, ports });
  const restartReadySeconds = (performance.now() - t1) / 1000 + (await timeUntil(async () => (await readyCount()) === subscriptions, 300_000, 'ready after restart'));
  const restartSettledSeconds = (performance.now() - t1) / 1000 + (await timeUntil(settled, 60_000, 'settled after restart'));
  // Resyncs keep running; give a late rewrite a moment to show up before comparing.
  await new Promise((r) => setTimeout(r, 2000));
  const after = await snapshot(jsm);
  const recreated = [...before.consumers].filter(([name, created]) => after.consumers.get(name) !== created).length;
  const rewritten = BUCKET_STREAMS.reduce((a, s) => a + (after.revisions[s] - before.revisions[s]), 0);
  const consumersCreated = await metric(PORTS.metrics, 'eventing_ec_event_type_subscribed_total');
  rss['controller (restart)'] = peakRssMiB(controller.pid);
  rss['dispatcher (binds every consumer)'] = peakRssMiB(dispatcher.pid);
  console.error(`[bench] controller: ${subscriptions} ready in ${createSeconds.toFixed(1)} s; restart ready ${restartReadySeconds.toFixed(1)} s, settled ${restartSettledSeconds.toFixed(1)} s; consumers ${before.consumers.size} → ${after.consumers.size}, recreated ${recreated}, KV rewrites ${rewritten}`);
  await nc.close();
  await controller.stop();
  await dispatcher.stop();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
  return {
    subscriptions,
    createSeconds,
    restartReadySeconds,
    restartSettledSeconds,
    consumersBefore: before.consumers.size,
    consumersAfter: after.consumers.size,
    recreated,
    rewritten,
    consumersCreatedAfterRestart: consumersCreated,
    rss,
  };
}
