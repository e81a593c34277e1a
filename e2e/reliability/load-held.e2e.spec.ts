// Load held (SPEC sections 2 and 6): the proxy's capacity is measured first on this machine, then
// a steady load at a share of it runs for about three minutes through the whole system while the
// proxy's and the dispatcher's RSS and event-loop lag are sampled. Memory must level off, the
// proxy may only answer 2xx or its documented back-pressure statuses, and every event arrives.
import autocannon from 'autocannon';
import { waitFor } from '@eventing/testing';
import { startEventSink, type EventSink } from './support/event-sink';
import { allArrived, countJourney, summaryLine } from './support/ledger';
import { startPacedPublisher } from './support/paced-publisher';
import { startSystem, type Replica, type System } from './support/system';

const LOAD_MS = 180_000;
const WARM_UP_MS = 30_000;
const SAMPLE_EVERY_MS = 5_000;
/** Share of the measured capacity offered as the steady load (the machine also runs NATS, the dispatcher and the sink). */
const LOAD_SHARE = 0.25;
const MIN_RATE = 200;
const MAX_RATE = 600;
const MIB = 1024 * 1024;
/** Growth allowed after warm-up: 1.5 × plus a fixed margin for allocator and JIT noise. */
const RSS_MARGIN_BYTES = 40 * MIB;
/** 503 (over MAX_IN_FLIGHT_REQUESTS, with Retry-After) and 507 (stream full) are the proxy's back-pressure. */
const ALLOWED_STATUSES = ['204', '503', '507'];

interface Sample {
  readonly atMs: number;
  readonly proxyRss: number;
  readonly dispatcherRss: number;
  readonly proxyLagP99: number;
  readonly dispatcherLagP99: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

describe('reliability: a sustained load held for three minutes', () => {
  let system: System;
  let sink: EventSink;

  beforeAll(async () => {
    system = await startSystem({ dispatchers: 1 });
    sink = await startEventSink();
  }, 90_000);
  afterAll(async () => {
    await system?.stop();
    await sink?.close();
  }, 60_000);

  /** Closed-loop capacity of the proxy (publish only: the probe's type has no subscriber). */
  const measureCapacity = async (): Promise<number> => {
    const result = await autocannon({
      url: `${system.proxyUrl}/publish`,
      method: 'POST',
      connections: 32,
      duration: 5,
      idReplacement: true,
      headers: { 'ce-specversion': '1.0', 'ce-id': '[<id>]', 'ce-source': 'myapp', 'ce-type': 'loadprobe.created.v1', 'content-type': 'application/json' },
      body: '{"probe":true}',
    });
    return result.requests.average;
  };

  const sample = async (): Promise<Sample> => {
    const read = (replica: Replica) => system.metrics(replica, ['process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds']);
    const [[proxyRss = 0, proxyLagP99 = 0], [dispatcherRss = 0, dispatcherLagP99 = 0]] = await Promise.all([read(system.proxy), read(system.dispatchers[0]!)]);
    return { atMs: Date.now(), proxyRss, dispatcherRss, proxyLagP99, dispatcherLagP99 };
  };

  it('RSS levels off, only documented statuses, every event delivered', async () => {
    await system.subscribe({ name: 'load', sink: sink.url, types: ['load.created.v1'], maxInFlight: 100 });
    await system.waitReady('load');
    const capacity = await measureCapacity();
    const rate = Math.round(Math.min(MAX_RATE, Math.max(MIN_RATE, capacity * LOAD_SHARE)));
    const publisher = startPacedPublisher({ proxyUrl: system.proxyUrl, ratePerSecond: rate, idPrefix: 'load', type: 'load.created.v1' });
    const started = Date.now();
    const samples: Sample[] = [];
    try {
      while (Date.now() - started < LOAD_MS) {
        await sleep(SAMPLE_EVERY_MS);
        samples.push(await sample());
      }
    } finally {
      await publisher.stop();
    }
    await waitFor(() => allArrived(publisher, sink), 120_000, 'every accepted event delivered').catch(() => undefined);

    const warm = samples.filter((s) => s.atMs - started >= WARM_UP_MS);
    const atWarmUp = warm[0]!;
    const last = samples[samples.length - 1]!;
    const peak = (pick: (s: Sample) => number) => Math.max(...warm.map(pick));
    const latencies = publisher.outcomes.map((o) => o.answeredAtMs - o.sentAtMs).sort((a, b) => a - b);
    const counts = countJourney(publisher, sink, new Map());
    const mib = (bytes: number) => Math.round(bytes / MIB);
    console.log(
      summaryLine('load', counts, publisher, {
        capacityPerS: Math.round(capacity),
        ratePerS: rate,
        durationS: Math.round((Date.now() - started) / 1000),
        proxyRssMiB: `${mib(atWarmUp.proxyRss)}->${mib(last.proxyRss)}(max ${mib(peak((s) => s.proxyRss))})`,
        dispatcherRssMiB: `${mib(atWarmUp.dispatcherRss)}->${mib(last.dispatcherRss)}(max ${mib(peak((s) => s.dispatcherRss))})`,
        proxyLoopLagP99MaxMs: Math.round(peak((s) => s.proxyLagP99) * 1000),
        dispatcherLoopLagP99MaxMs: Math.round(peak((s) => s.dispatcherLagP99) * 1000),
        publishLatencyMs: `p50 ${quantile(latencies, 0.5)} p99 ${quantile(latencies, 0.99)} max ${latencies[latencies.length - 1]}`,
        skipped: publisher.skipped(),
        recoveryMs: 'n/a',
      }),
    );

    expect(warm.length).toBeGreaterThan(20);
    expect(last.proxyRss).toBeLessThanOrEqual(1.5 * atWarmUp.proxyRss + RSS_MARGIN_BYTES);
    expect(last.dispatcherRss).toBeLessThanOrEqual(1.5 * atWarmUp.dispatcherRss + RSS_MARGIN_BYTES);
    expect(Object.keys(publisher.statuses()).filter((s) => !ALLOWED_STATUSES.includes(s))).toEqual([]);
    expect(counts.lostIds).toEqual([]);
    // The load really ran: at least a minute's worth of the offered rate was accepted.
    expect(counts.accepted).toBeGreaterThan(rate * 60);
  }, 420_000);
});
