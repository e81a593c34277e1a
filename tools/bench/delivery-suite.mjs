// Delivery path (issue "Benchmarks" item 2): a pre-filled stream delivered by our dispatcher to a
// minimal sink, against the minimal dispatcher, at the same max_ack_pending; also 2 replicas.
import { connect, headers } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { NODE, cpuMs, peakRssMiB, startNats, startProcess } from './procs.mjs';

const PORTS = { nats: 14622, sink: 14100, health: [14181, 14183], metrics: [14182, 14184] };
const SINK = `http://127.0.0.1:${PORTS.sink}`;

async function prefill(js, count) {
  const body = Buffer.from(JSON.stringify({ data: 'a'.repeat(1000) }));
  const inflight = [];
  for (let i = 0; i < count; i++) {
    const h = headers();
    h.set('ce-specversion', '1.0');
    h.set('ce-id', `e${i}`);
    h.set('ce-source', 'bench');
    h.set('ce-type', 'kyma.bench.order.created.v1');
    h.set('ce-originaltype', 'order.created.v1');
    h.set('content-type', 'application/json');
    inflight.push(js.publish('kyma.bench.order.created.v1', body, { headers: h }));
    if (inflight.length >= 200) await Promise.all(inflight.splice(0));
  }
  await Promise.all(inflight);
}

async function waitDelivered(count, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = await (await fetch(`${SINK}/stats`)).json();
    if (stats.count >= count) return stats;
    if (Date.now() > deadline) throw new Error(`only ${stats.count} of ${count} delivered`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Our consumer as the controller creates it (libs/jetstream toConsumerConfig), deliver policy all. */
function ourConsumer(name, map) {
  return {
    durable_name: name,
    name,
    filter_subject: 'kyma.bench.order.created.v1',
    deliver_subject: `_eventing.deliver.${name}`,
    deliver_group: `dispatch-${name}`,
    ack_policy: AckPolicy.Explicit,
    ack_wait: 30e9,
    max_deliver: -1,
    max_ack_pending: map,
    deliver_policy: DeliverPolicy.All,
  };
}

function spec(name, map) {
  return {
    consumer: name,
    stream: 'sap',
    subject: 'kyma.bench.order.created.v1',
    deliverSubject: `_eventing.deliver.${name}`,
    deliverGroup: `dispatch-${name}`,
    subscription: { namespace: 'bench', name },
    sink: `${SINK}/`,
    typeMatching: 'standard',
    source: 'bench',
    originalType: 'order.created.v1',
    cleanType: 'order.created.v1',
    maxInFlight: map,
    policy: { maxDeliveries: 100, initialDelayMs: 1000, maxDelayMs: 30000, multiplier: 2, timeoutMs: 10000 },
  };
}

export async function deliverySuite({ rounds, events, maxAckPendings }) {
  const nats = await startNats(PORTS.nats);
  const natsUrl = `nats://127.0.0.1:${PORTS.nats}`;
  const nc = await connect({ servers: natsUrl });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: 'sap', subjects: ['kyma.>'], retention: 'limits', max_bytes: 8 * 1024 ** 3 });
  const kv = await new Kvm(nc).create('eventing-dispatch-specs', { history: 1 });
  const sink = await startProcess('sink', [NODE, 'tools/bench/counting-sink.mjs'], { PORT: String(PORTS.sink) }, PORTS.sink);
  const env = { NATS_URL: natsUrl, BIND_ADDRESS: '127.0.0.1', APP_LOG_LEVEL: 'warn' };
  const dispatchers = [];
  for (let i = 0; i < 2; i++) {
    dispatchers.push(await startProcess(`dispatcher-${i}`, [NODE, 'dist/apps/dispatcher/main.js'], { ...env, HEALTH_PORT: String(PORTS.health[i]), METRICS_PORT: String(PORTS.metrics[i]) }, PORTS.health[i]));
  }
  const results = [];
  let n = 0;
  const sides = [
    { name: 'dispatcher', replicas: 1 },
    { name: 'minimal dispatcher', replicas: 1 },
    { name: 'dispatcher ×2', replicas: 2 },
  ];
  for (const map of maxAckPendings) {
    for (let round = 0; round < rounds; round++) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        await jsm.streams.purge('sap');
        await prefill(js, events);
        await fetch(`${SINK}/reset`, { method: 'POST' });
        const name = `bench${n++}`;
        let minimal;
        const cpu0 = dispatchers.map((d) => cpuMs(d.pid));
        if (side.name === 'minimal dispatcher') {
          await jsm.consumers.add('sap', { durable_name: name, filter_subject: 'kyma.bench.order.created.v1', ack_policy: AckPolicy.Explicit, max_ack_pending: map, deliver_policy: DeliverPolicy.All });
          minimal = await startProcess('minimal-dispatcher', [NODE, 'tools/bench/minimal-dispatcher.mjs'], { NATS_URL: natsUrl, CONSUMER: name, MAX_ACK_PENDING: String(map), SINK_ORIGIN: SINK });
        } else {
          await jsm.consumers.add('sap', ourConsumer(name, map));
          // Only the replicas this side uses serve the spec: the second one is paused via its own key filter? No —
          // every replica follows every spec, so for one replica the other is stopped for the round.
          if (side.replicas === 1) dispatchers[1].child.kill('SIGSTOP');
          await kv.put(name, JSON.stringify(spec(name, map)));
        }
        const stats = await waitDelivered(events);
        const seconds = (stats.last - stats.first) / 1000;
        const cpu = side.name === 'minimal dispatcher' ? cpuMs(minimal.pid) : dispatchers.reduce((a, d, i) => a + cpuMs(d.pid) - cpu0[i], 0);
        results.push({ side: side.name, maxAckPending: map, round, eventsPerSec: events / seconds, cpuUsPerEvent: (cpu * 1000) / events });
        if (minimal) await minimal.stop();
        else {
          await kv.delete(name);
          if (side.replicas === 1) dispatchers[1].child.kill('SIGCONT');
        }
        await jsm.consumers.delete('sap', name);
      }
    }
  }
  const rss = Object.fromEntries(dispatchers.map((d) => [d.name, peakRssMiB(d.pid)]));
  for (const d of dispatchers) await d.stop();
  await sink.stop();
  await nc.close();
  await nats.stop();
  return { results, rss, events };
}
