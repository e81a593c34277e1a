// Sink faults (SPEC sections 5 and 6) under a steady publisher: a sink down for longer than a
// minute, within a delivery policy whose retries cover the outage; a sink slower than the
// request timeout, which must never have the same event twice at once. Every acknowledged
// event is delivered or, once its retries are spent, dead-lettered with the reason.
import { startEventSink, type EventSink } from './support/event-sink';
import { runFaultJourney } from './support/fault-journey';
import { startSystem, type System } from './support/system';

/** Long enough for "more than a minute"; the journey's publisher keeps going all along. */
const SINK_OUTAGE_MS = 65_000;
const SLOW_PHASE_MS = 15_000;
const SINK_TIMEOUT_MS = 1_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sequenceOf = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1));

describe('reliability: sink outages and slow sinks under a steady publisher', () => {
  let system: System;
  const sinks: EventSink[] = [];

  beforeAll(async () => {
    system = await startSystem({ dispatchers: 1 });
  }, 90_000);
  afterAll(async () => {
    await system?.stop();
    await Promise.all(sinks.map((s) => s.close()));
  }, 60_000);

  it('a sink down for more than a minute, then back: every acknowledged event is delivered, none dead-lettered', async () => {
    const sink = await startEventSink();
    sinks.push(sink);
    await system.subscribe({
      name: 'sinkdown',
      sink: sink.url,
      types: ['sinkdown.created.v1'],
      maxInFlight: 100,
      // 100 attempts, at most 5 s apart: the budget covers the 65 s outage many times over.
      delivery: { maxDeliveries: 100, backoff: { initialDelay: '1s', maxDelay: '5s', multiplier: 2 }, timeout: '2s' },
    });
    await system.waitReady('sinkdown');
    const result = await runFaultJourney({
      name: 'sinkdown',
      type: 'sinkdown.created.v1',
      system,
      sink,
      fault: async () => {
        await sink.stop();
        await sleep(SINK_OUTAGE_MS);
        await sink.start();
      },
      drainTimeoutMs: 180_000,
    });
    expect(result.counts.lostIds).toEqual([]);
    expect(result.counts.deadLettered).toBe(0);
    // The proxy does not depend on the sink.
    expect(result.publisher.errors()).toBe(0);
  }, 330_000);

  it('a sink slower than the timeout: never the same event twice at once; every event delivered or dead-lettered', async () => {
    const sink = await startEventSink();
    sinks.push(sink);
    await system.subscribe({
      name: 'slowsink',
      sink: sink.url,
      types: ['slowsink.created.v1'],
      maxInFlight: 100,
      delivery: { maxDeliveries: 3, backoff: { initialDelay: '200ms', maxDelay: '1s', multiplier: 2 }, timeout: `${SINK_TIMEOUT_MS}ms` },
    });
    await system.waitReady('slowsink');
    const hang = { status: 204, delayMs: SINK_TIMEOUT_MS * 1.5 };
    const result = await runFaultJourney({
      name: 'slowsink',
      type: 'slowsink.created.v1',
      ratePerSecond: 200,
      system,
      sink,
      fault: async () => {
        // One event in 50 always hangs past the timeout (dead-lettered after 3 attempts); two in
        // 50 hang twice and are answered on the third attempt; the rest are answered at once.
        sink.behave((id, previous) => {
          const slot = sequenceOf(id) % 50;
          if (slot === 0 || (slot <= 2 && previous < 2)) return hang;
          return { status: 204 };
        });
        await sleep(SLOW_PHASE_MS);
        sink.behave(() => ({ status: 204 }));
      },
    });
    expect(result.counts.lostIds).toEqual([]);
    expect(sink.maxConcurrentPerEvent()).toBe(1);
    expect(result.counts.deadLettered).toBeGreaterThan(0);
    // Only the always-hanging events, each with the reason it failed.
    expect([...result.deadLetters.keys()].filter((id) => sequenceOf(id) % 50 !== 0)).toEqual([]);
    expect([...new Set(result.deadLetters.values())]).toEqual([`retries exhausted after 3 attempts: sink did not answer within ${SINK_TIMEOUT_MS} ms`]);
    expect(result.publisher.errors()).toBe(0);
  }, 180_000);
});
