// At-least-once through crashes (SPEC section 6): a dispatcher SIGKILLed and NATS restarted
// mid-stream lose nothing; a slow sink never has the same event twice at once; SIGTERM drains.
import { startNatsServer, waitFor, type NatsServerHandle } from '@eventing/testing';
import { openFixture, publishEvents, startDispatcher, subscribe, type DispatcherProcess, type Fixture } from './support/dispatch-fixtures';
import { startRecordingSink, type RecordingSink } from './support/recording-sink';

describe('dispatcher resilience', () => {
  let nats: NatsServerHandle;
  let fixture: Fixture;
  const replicas: DispatcherProcess[] = [];
  const sinks: RecordingSink[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    fixture = await openFixture(nats.url);
  }, 30_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.app.stop()));
    await fixture?.close();
    await Promise.all(sinks.map((s) => s.close()));
    await nats?.dispose();
  }, 30_000);

  const replica = async (): Promise<DispatcherProcess> => {
    const started = await startDispatcher(nats.url, { APP_LOG_LEVEL: 'warn' });
    replicas.push(started);
    await waitFor(() => started.ready(), 10_000, 'dispatcher ready');
    return started;
  };

  it('a dispatcher SIGKILLed and NATS restarted mid-stream: every event is still delivered', async () => {
    const sink = await startRecordingSink(() => ({ status: 200, delayMs: 2 }));
    sinks.push(sink);
    const spec = await subscribe(fixture, { name: 'crashy', sink: sink.url, maxInFlight: 10, ackWaitMs: 3_000, policy: { timeoutMs: 1_000 } });
    const victim = await replica();
    await replica();
    const ids = await publishEvents(fixture, spec, 3_000, 'crashy');
    await waitFor(() => sink.delivered().size >= 600, 30_000, 'a fifth delivered');
    await victim.app.kill();
    await waitFor(() => sink.delivered().size >= 1_500, 30_000, 'half delivered');
    await nats.restart();
    await waitFor(() => sink.delivered().size === ids.length, 40_000, 'every event delivered');
    console.log(`crash and restart: ${ids.length} events, ${sink.requests.length} requests, ${sink.duplicates()} delivered more than once`);
    expect(ids.filter((id) => !sink.delivered().has(id))).toEqual([]);
  }, 90_000);

  it('a sink slower than the timeout never has the same event twice at the same time', async () => {
    // The first two arrivals of each event hang past the request timeout, the third is answered.
    // Ack wait 3 s → request timeout 2.4 s, leaving 0.6 s for the nak to reach the server even on
    // a loaded machine; the retry delay (at least 1 s with equal jitter) outlasts the rest of a
    // hang (3 s − 2.4 s), so the sink's own handler of an abandoned request never overlaps the next attempt.
    const sink = await startRecordingSink((request) => (request.previousArrivals < 2 ? { status: 200, delayMs: 3_000 } : { status: 200 }));
    sinks.push(sink);
    const spec = await subscribe(fixture, { name: 'slow', sink: sink.url, maxInFlight: 20, ackWaitMs: 3_000, policy: { timeoutMs: 5_000, initialDelayMs: 2_000, maxDelayMs: 2_000 } });
    await replica();
    const ids = await publishEvents(fixture, spec, 20, 'slow');
    await waitFor(() => sink.delivered().size === ids.length, 30_000, 'every slow event delivered');
    expect(sink.maxConcurrentPerEvent()).toBe(1);
    // The request timeout stayed below the consumer's 3 s ack wait, although the policy allows 5 s.
    expect(sink.requests.length).toBeGreaterThanOrEqual(3 * ids.length);
  }, 60_000);

  it('SIGTERM stops taking events, finishes the ones in flight and exits 0', async () => {
    const sink = await startRecordingSink(() => ({ status: 200, delayMs: 300 }));
    sinks.push(sink);
    // Only the replica under test may deliver until it has exited.
    await Promise.all(replicas.splice(0).map((r) => r.app.stop()));
    const leaving = await replica();
    const spec = await subscribe(fixture, { name: 'graceful', sink: sink.url, maxInFlight: 5 });
    await publishEvents(fixture, spec, 50, 'graceful');
    await waitFor(() => sink.requests.length >= 5, 10_000, 'deliveries in flight');
    const code = await leaving.app.stop();
    expect(code).toBe(0);
    const answeredBeforeExit = sink.delivered().size;
    // Every request the stopped replica had started was answered and acknowledged, so a new
    // replica picks up exactly where it stopped, without waiting for an ack wait to expire.
    expect(answeredBeforeExit).toBe(sink.requests.length);
    await replica();
    await waitFor(() => sink.delivered().size === 50, 20_000, 'the rest delivered by another replica');
    expect(sink.duplicates()).toBe(0);
  }, 60_000);
});
