// Several dispatcher replicas share each consumer through its deliver group; the server's
// max_ack_pending bounds the deliveries in flight across all of them (SPEC sections 1 and 5).
import { startNatsServer, waitFor, type NatsServerHandle } from '@eventing/testing';
import { openFixture, publishEvents, startDispatcher, subscribe, type DispatcherProcess, type Fixture } from './support/dispatch-fixtures';
import { startRecordingSink, type RecordingSink } from './support/recording-sink';

const EVENTS = 10_000;
const MAX_IN_FLIGHT = 50;
const DELIVERED = 'eventing_dispatcher_deliveries_total{outcome="delivered"}';

describe('dispatcher scale-out', () => {
  let nats: NatsServerHandle;
  let fixture: Fixture;
  let sink: RecordingSink;
  const replicas: DispatcherProcess[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    fixture = await openFixture(nats.url);
    // A sink that takes a moment, so that deliveries overlap and the in-flight bound matters.
    sink = await startRecordingSink(() => ({ status: 200, delayMs: 1 }));
    replicas.push(...(await Promise.all([0, 1, 2].map(() => startDispatcher(nats.url, { APP_LOG_LEVEL: 'warn' })))));
  }, 30_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.app.stop()));
    await fixture?.close();
    await sink?.close();
    await nats?.dispose();
  }, 30_000);

  it(`3 replicas deliver ${EVENTS} events: every one, spread over all replicas, never more than maxInFlight at once`, async () => {
    const spec = await subscribe(fixture, { name: 'bulk', sink: sink.url, maxInFlight: MAX_IN_FLIGHT });
    // Every replica has bound the consumer before the first event (it is a queue group).
    await waitFor(async () => (await Promise.all(replicas.map((r) => r.ready()))).every(Boolean), 10_000, 'replicas ready');
    const ids = await publishEvents(fixture, spec, EVENTS, 'bulk');
    await waitFor(() => sink.delivered().size === EVENTS, 80_000, `all ${EVENTS} events delivered`);
    expect(ids.every((id) => sink.delivered().has(id))).toBe(true);
    const perReplica = await Promise.all(replicas.map((r) => r.metric(DELIVERED)));
    console.log(`deliveries per replica: ${perReplica.join(', ')}; duplicates: ${sink.duplicates()}; max concurrent at the sink: ${sink.maxConcurrent()}`);
    for (const count of perReplica) expect(count).toBeGreaterThan(0);
    expect(sink.maxConcurrent()).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    expect(sink.maxConcurrent()).toBeGreaterThan(1);
  }, 90_000);
});
