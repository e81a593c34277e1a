// Overload (issue "Benchmarks" item 4): the whole system as in the pipeline suite; first the
// proxy's capacity (closed loop, autocannon, 100 connections), then open-loop publishing at twice
// that rate over many connections. The excess must be answered 503 with Retry-After, every
// accepted (2xx) id must reach the sink, goodput must stay ≥ 0.9 × capacity, memory bounded.
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { runLoad } from './load.mjs';
import { runStep } from './pipeline-suite.mjs';
import { startSystem, waitFor } from './system.mjs';

const PORTS = { nats: 14822, sink: 14800, proxy: 14880, proxyMetrics: 14890, dispatcherHealth: 14881, dispatcherMetrics: 14882, status: 14883, controllerHealth: 14884, controllerMetrics: 14885 };

async function consumerState(natsUrl) {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const out = {};
    for await (const c of jsm.consumers.list('sap')) out[c.config.description ?? c.name] = { pending: c.num_pending, ackPending: c.num_ack_pending, redelivered: c.num_redelivered, delivered: c.delivered.stream_seq, ackFloor: c.ack_floor.stream_seq };
    const info = await jsm.streams.info('sap');
    out.stream = { messages: info.state.messages, lastSeq: info.state.last_seq };
    return out;
  } finally {
    await nc.close();
  }
}

async function retryMetrics(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text.split('\n').filter((l) => /^eventing_dispatcher_(deliveries|retries|dead_letters)_total/.test(l));
}

export async function overloadSuite({ rounds, durationSec, connections, proxyEnv = {} }) {
  const system = await startSystem({ ports: PORTS, minimal: false, proxyEnv });
  const url = `http://127.0.0.1:${PORTS.proxy}`;
  const drained = async () => {
    // Nothing accepted may still be on its way when the next measurement starts (no new arrival for a second).
    let last = -1;
    let since = Date.now();
    await waitFor(async () => {
      const { count } = await system.sink.stats();
      if (count !== last) [last, since] = [count, Date.now()];
      return Date.now() - since >= 1000;
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
    // Where are the missing ones? The consumer's counters and the dispatcher's retries tell a
    // loss from a late (retried) delivery; then wait longer and count again.
    let diagnosis;
    let late = 0;
    if (step.lost > 0) {
      diagnosis = { consumer: await consumerState(system.natsUrl), dispatcher: await retryMetrics(PORTS.dispatcherMetrics) };
      await new Promise((r) => setTimeout(r, 90_000));
      late = step.lost - (await system.sink.missing(step.accepted));
      diagnosis.afterWait = { consumer: await consumerState(system.natsUrl), dispatcher: await retryMetrics(PORTS.dispatcherMetrics) };
      console.error(`[bench] overload: ${step.lost} accepted ids missing after the drain; ${late} arrived within 90 s more; ${JSON.stringify(diagnosis)}`);
    }
    console.error(`[bench] overload round ${round}: capacity ${capacity.toFixed(0)}/s; offered ${load.offeredPerSec.toFixed(0)}/s, goodput ${load.okPerSec.toFixed(0)}/s, 503 ${load.s503} (Retry-After ${load.retryAfter}), other ${load.other}, errors ${load.errors}, timeouts ${load.timeouts} ${JSON.stringify(load.errorCodes)}, lost ${step.lost}`);
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
      errorCodes: load.errorCodes,
      timeouts: load.timeouts,
      lost: step.lost - late,
      late,
      diagnosis,
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
