// Publish path (issue "Benchmarks" item 1): our proxy against the minimal proxy under the same
// autocannon load, interleaved A B A B; plus the raw client ceiling.
import { execFileSync } from 'node:child_process';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { runLoad } from './load.mjs';
import { NODE, ROOT, cpuMs, peakRssMiB, startNats, startProcess } from './procs.mjs';

const PORTS = { nats: 14422, ours: 14080, oursMetrics: 14090, minimal: 14200, traced: 14081, tracedMetrics: 14091, collector: 14300 };

export async function publishSuite({ rounds, durationSec, concurrencies }) {
  const nats = await startNats(PORTS.nats);
  const natsUrl = `nats://127.0.0.1:${PORTS.nats}`;
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  // Limits retention, so both sides store every event (interest retention with no consumer would not).
  await jsm.streams.add({ name: 'sap', subjects: ['kyma.>'], retention: 'limits', max_bytes: 8 * 1024 ** 3, duplicate_window: 120e9 });
  const env = { NATS_URL: natsUrl, BIND_ADDRESS: '127.0.0.1', APP_LOG_LEVEL: 'warn' };
  const ours = await startProcess('proxy', [NODE, 'dist/apps/publisher-proxy/main.js'], { ...env, INGRESS_PORT: String(PORTS.ours), METRICS_PORT: String(PORTS.oursMetrics), MAX_IN_FLIGHT_REQUESTS: '1000' }, PORTS.ours);
  const minimal = await startProcess('minimal-proxy', [NODE, 'tools/bench/minimal-proxy.mjs'], { ...env, PORT: String(PORTS.minimal) }, PORTS.minimal);
  // The same proxy with tracing on, exporting OTLP to a stand-in collector that answers 200: the
  // cost of tracing when it is on; "proxy" above runs with tracing off (no exporter configured).
  const collector = await startProcess('collector', [NODE, 'tools/bench/counting-sink.mjs'], { PORT: String(PORTS.collector) }, PORTS.collector);
  const traced = await startProcess('proxy-traced', [NODE, 'dist/apps/publisher-proxy/main.js'], { ...env, INGRESS_PORT: String(PORTS.traced), METRICS_PORT: String(PORTS.tracedMetrics), MAX_IN_FLIGHT_REQUESTS: '1000', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${PORTS.collector}` }, PORTS.traced);
  const sides = [
    { name: 'proxy', proc: ours, port: PORTS.ours },
    { name: 'minimal proxy', proc: minimal, port: PORTS.minimal },
    { name: 'proxy, tracing on', proc: traced, port: PORTS.traced },
  ];
  const results = [];
  // Warm-up: JIT and connection pools, not measured.
  for (const side of sides) await runLoad({ url: `http://127.0.0.1:${side.port}`, connections: 10, durationSec: 2 });
  for (const c of concurrencies) {
    for (let round = 0; round < rounds; round++) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        await jsm.streams.purge('sap');
        const cpu0 = cpuMs(side.proc.pid);
        const r = await runLoad({ url: `http://127.0.0.1:${side.port}`, connections: c, durationSec });
        const cpu = cpuMs(side.proc.pid) - cpu0;
        const ok = r['2xx'];
        results.push({ suite: 'publish', side: side.name, concurrency: c, round, eventsPerSec: ok / r.duration, p50: r.latency.p50, p99: r.latency.p99, cpuUsPerEvent: (cpu * 1000) / ok, non2xx: r.non2xx, errors: r.errors + r.timeouts });
      }
      await jsm.streams.purge('sap');
      const raw = JSON.parse(execFileSync(NODE, ['tools/bench/raw-publish.mjs'], { cwd: ROOT, env: { ...process.env, NATS_URL: natsUrl, W: String(c), SECONDS: String(durationSec) }, encoding: 'utf8' }));
      results.push({ suite: 'publish', side: 'raw js.publish', concurrency: c, round, eventsPerSec: raw.count / raw.seconds, cpuUsPerEvent: (raw.cpuMs * 1000) / raw.count });
    }
  }
  const rss = { proxy: peakRssMiB(ours.pid), 'minimal proxy': peakRssMiB(minimal.pid), 'proxy, tracing on': peakRssMiB(traced.pid) };
  await ours.stop();
  await minimal.stop();
  await traced.stop();
  await collector.stop();
  await nc.close();
  await nats.stop();
  return { results, rss };
}
