// Overload (issue "Benchmarks" item 4): the whole system as in the pipeline suite; first the
// proxy's capacity (closed loop, autocannon, 100 connections), then open-loop publishing at twice
// that rate over many connections. The excess must be answered 503 with Retry-After, every
// accepted (2xx) id must reach the sink, goodput must stay ≥ 0.9 × capacity, memory bounded.
import { runLoad } from './load.mjs';
import { runStep } from './pipeline-suite.mjs';
import { startSystem, waitFor } from './system.mjs';

const PORTS = { nats: 14822, sink: 14800, proxy: 14880, proxyMetrics: 14890, dispatcherHealth: 14881, dispatcherMetrics: 14882, status: 14883, controllerHealth: 14884, controllerMetrics: 14885 };

export async function overloadSuite({ rounds, durationSec, connections, proxyEnv = {} }) {
  const system = await startSystem({ ports: PORTS, minimal: false, proxyEnv });
  const url = `http://127.0.0.1:${PORTS.proxy}`;
  const drained = async () => {
    // Nothing accepted may still be on its way when the next measurement starts.
    let last = -1;
    await waitFor(async () => {
      const { unique } = await system.sink.stats();
      const still = unique === last;
      last = unique;
      return still;
    }, 60_000, 'the backlog to drain');
  };
  await runLoad({ url, connections: 10, durationSec: 2 });
  await drained();
  const results = [];
  for (let round = 0; round < rounds; round++) {
    await system.sink.reset();
    const closed = await runLoad({ url, connections: 100, durationSec });
    const capacity = closed['2xx'] / closed.duration;
    await drained();
    const step = await runStep(system, { url: `${url}/publish`, source: 'bench', rate: Math.round(2 * capacity), seconds: durationSec, connections, drainMs: 60_000 });
    const { load } = step;
    console.error(`[bench] overload round ${round}: capacity ${capacity.toFixed(0)}/s; offered ${load.offeredPerSec.toFixed(0)}/s, goodput ${load.okPerSec.toFixed(0)}/s, 503 ${load.s503} (Retry-After ${load.retryAfter}), other ${load.other}, errors ${load.errors}, timeouts ${load.timeouts}, lost ${step.lost}`);
    results.push({
      round,
      capacity,
      offered: load.offeredPerSec,
      goodput: load.okPerSec,
      accepted: load.ok,
      rejected503: load.s503,
      retryAfter: load.retryAfter,
      other: load.other,
      otherStatuses: load.otherStatuses,
      errors: load.errors,
      timeouts: load.timeouts,
      lost: step.lost,
      acceptedP99: load.p99,
      rejectedP99: load.rejectP99,
      loaderLagMs: load.maxLagMs,
    });
    await drained();
  }
  const rss = system.rss();
  const crashed = Object.values(system.procs).filter((p) => p.child.exitCode !== null || p.child.signalCode !== null).map((p) => p.name);
  await system.stop();
  return { results, rss, crashed, connections, durationSec, maxInFlight: proxyEnv.MAX_IN_FLIGHT_REQUESTS ?? 'default (500)' };
}
