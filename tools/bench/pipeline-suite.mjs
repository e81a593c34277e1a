// Whole pipeline (issue "Benchmarks" item 3): proxy → NATS → dispatcher → sink, with the
// consumer made by the controller from a manifest, against the minimal pipeline (minimal proxy →
// minimal dispatcher) on the same NATS and sink. Open-loop paced publishing steps the rate; a
// step passes when every event is answered 2xx, every accepted id reaches the sink, and the
// end-to-end p99 is ≤ 100 ms; the sustained rate is the highest step that passed (stepping
// stops after two failures in a row). Also the latency each leg adds at 1,000 events/s.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMs } from './procs.mjs';
import { MINIMAL_SOURCE, pacedLoad, startSystem, waitFor } from './system.mjs';

const PORTS = { nats: 14722, sink: 14700, proxy: 14780, proxyMetrics: 14790, dispatcherHealth: 14781, dispatcherMetrics: 14782, status: 14783, controllerHealth: 14784, controllerMetrics: 14785, minimalProxy: 14786 };
export const P99_LIMIT_MS = 100;
export const LEG_RATE = 1000;

/**
 * One step: publish at `rate` for `seconds`, wait for the sink to have every accepted id (up
 * to `drainMs`), and judge it. `ids` are compared as sets, so duplicates do not hide a loss.
 */
export async function runStep(system, { url, source, rate, seconds, connections = 256, drainMs = 15_000, cpuOf = {} }) {
  await system.sink.reset();
  const cpu0 = Object.fromEntries(Object.entries(cpuOf).map(([k, p]) => [k, cpuMs(p.pid)]));
  const idsFile = join(tmpdir(), `bench-ids-${process.pid}-${Date.now()}`);
  const load = await pacedLoad({ MODE: 'http', URL: url, RATE: rate, SECONDS: seconds, SOURCE: source, CONNECTIONS: connections, IDS_FILE: idsFile, ID_PREFIX: `${source}${rate}x${Date.now()}` });
  const accepted = readFileSync(idsFile, 'utf8').split('\n').filter(Boolean);
  rmSync(idsFile, { force: true });
  // Every accepted id, not just as many ids: events left over from an earlier run may arrive too.
  await waitFor(async () => (await system.sink.missing(accepted)) === 0, drainMs, 'delivery').catch(() => undefined);
  const sink = await system.sink.stats();
  const lost = await system.sink.missing(accepted);
  // CPU µs per accepted event of each named process over the step (and its drain).
  const cpuUs = Object.fromEntries(Object.entries(cpuOf).map(([k, p]) => [k, ((cpuMs(p.pid) - cpu0[k]) * 1000) / Math.max(1, accepted.length)]));
  const pass = load.ok === load.sent && lost === 0 && sink.p99 <= P99_LIMIT_MS;
  return { rate, load, sink, lost, duplicates: sink.count - sink.unique, pass, accepted, cpuUs };
}

export function log(what, step) {
  console.error(`[bench] ${what} ${step.rate}/s: ok ${step.load.ok}/${step.load.sent} lost ${step.lost} publish p50/p99 ${step.load.p50.toFixed(1)}/${step.load.p99.toFixed(1)} e2e p50/p99 ${step.sink.p50.toFixed(1)}/${step.sink.p99.toFixed(1)} ms, loader lag ${step.load.maxLagMs.toFixed(0)} ms: ${step.pass ? 'pass' : 'FAIL'}`);
}

export async function pipelineSuite({ rounds, durationSec, rates }) {
  const system = await startSystem({ ports: PORTS });
  const { procs } = system;
  const sides = [
    { name: 'pipeline', url: `http://127.0.0.1:${PORTS.proxy}/publish`, source: 'bench', cpuOf: { proxy: procs.proxy, dispatcher: procs.dispatcher } },
    { name: 'minimal pipeline', url: `http://127.0.0.1:${PORTS.minimalProxy}/publish`, source: MINIMAL_SOURCE, cpuOf: { proxy: procs.minimalProxy, dispatcher: procs.minimalDispatcher } },
  ];
  // Warm-up (JIT, pools, connections), not measured.
  for (const side of sides) log(`warm-up ${side.name}`, await runStep(system, { ...side, rate: 500, seconds: 3 }));
  const results = [];
  const legs = [];
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
      let sustained = 0;
      let failures = 0;
      const steps = [];
      for (const rate of rates) {
        const step = await runStep(system, { ...side, rate, seconds: durationSec });
        steps.push(step);
        log(`round ${round} ${side.name}`, step);
        if (rate === LEG_RATE) legs.push({ side: side.name, round, publishP50: step.load.p50, publishP99: step.load.p99, e2eP50: step.sink.p50, e2eP99: step.sink.p99, proxyCpuUs: step.cpuUs.proxy, dispatcherCpuUs: step.cpuUs.dispatcher, lag: step.load.maxLagMs });
        if (step.pass) {
          sustained = rate;
          failures = 0;
        } else failures++;
        // A noisy machine fails a step now and then: stop after two failures in a row, but
        // always run up to the rate of the latency legs.
        if (failures >= 2 && rate >= LEG_RATE) break;
      }
      results.push({ side: side.name, round, sustained, steps: steps.map((s) => ({ rate: s.rate, pass: s.pass, ok: s.load.ok, sent: s.load.sent, lost: s.lost, p99: s.sink.p99, publishP99: s.load.p99, lag: s.load.maxLagMs, cpuUs: s.cpuUs })) });
    }
    // The publish leg's baseline: js.publish at the same paced rate, same headers and payload.
    const raw = await pacedLoad({ MODE: 'raw', NATS_URL: system.natsUrl, RATE: LEG_RATE, SECONDS: durationSec, SOURCE: 'raw' });
    legs.push({ side: 'raw js.publish', round, publishP50: raw.p50, publishP99: raw.p99 });
  }
  const rss = system.rss();
  await system.stop();
  return { results, legs, rss, rates, durationSec };
}
