// Journeys of one event through the built proxy and dispatcher: delivered in binary mode with the
// publisher's type, retried with backoff, dead-lettered with its reason (SPEC sections 5, 6, 10).
import { DeliverPolicy } from '@nats-io/jetstream';
import { DEAD_LETTER_HEADERS, jetstreamManager } from '@eventing/jetstream';
import { findFreePort, startApp, startNatsServer, waitFor, type AppProcess, type NatsServerHandle } from '@eventing/testing';
import { openFixture, lastDeadLetter, publishEvents, startDispatcher, subscribe, type DispatcherProcess, type Fixture } from './support/dispatch-fixtures';
import { startRecordingSink, type RecordingSink } from './support/recording-sink';

describe('dispatcher delivery', () => {
  let nats: NatsServerHandle;
  let fixture: Fixture;
  let dispatcher: DispatcherProcess;
  let proxy: AppProcess | undefined;
  let proxyUrl: string;
  const sinks: RecordingSink[] = [];
  const newSink = async (...args: Parameters<typeof startRecordingSink>) => {
    const sink = await startRecordingSink(...args);
    sinks.push(sink);
    return sink;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    fixture = await openFixture(nats.url);
    dispatcher = await startDispatcher(nats.url);
    const ingressPort = await findFreePort();
    proxy = await startApp('publisher-proxy', { NATS_URL: nats.url, INGRESS_PORT: String(ingressPort), METRICS_PORT: String(await findFreePort()), BIND_ADDRESS: '127.0.0.1' }, ingressPort);
    proxyUrl = `http://127.0.0.1:${ingressPort}`;
    await waitFor(() => dispatcher.ready(), 10_000, 'dispatcher ready');
    await waitFor(async () => (await fetch(`${proxyUrl}/readyz`)).status === 200, 10_000, 'proxy ready');
  }, 30_000);
  afterAll(async () => {
    await dispatcher?.app.stop();
    await proxy?.stop();
    await fixture?.close();
    await Promise.all(sinks.map((s) => s.close()));
    await nats?.dispose();
  }, 30_000);

  it('a /publish binary event reaches the sink with the publisher type, ce-originaltype and trace headers (reference 4.5 example)', async () => {
    const sink = await newSink();
    await subscribe(fixture, { name: 'orders', source: 'myapp', type: 'order.created.v1', sink: sink.url });
    const response = await fetch(`${proxyUrl}/publish`, {
      method: 'POST',
      headers: {
        'ce-specversion': '1.0',
        'ce-type': 'order.created.v1',
        'ce-source': 'myapp',
        'ce-id': 'A1',
        'content-type': 'application/json',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
      body: '{"x":1}',
    });
    expect(response.status).toBe(204);
    await waitFor(() => sink.requests.length === 1, 10_000, 'event at the sink');
    const [got] = sink.requests;
    expect(got!.body).toBe('{"x":1}');
    expect(got!.headers).toMatchObject({
      'ce-specversion': '1.0',
      'ce-id': 'A1',
      'ce-source': 'myapp',
      'ce-type': 'order.created.v1',
      'ce-originaltype': 'order.created.v1',
      'content-type': 'application/json',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    expect(got!.headers['ce-time']).toEqual(expect.any(String));
    expect(Object.keys(got!.headers).filter((h) => h === 'ce-traceparent' || h.startsWith('ce-b3'))).toEqual([]);
  });

  it('a legacy event reaches a standard subscription with its original type and an exact one with the prefixed type (reference 2.5.3)', async () => {
    const standard = await newSink();
    const exact = await newSink();
    await subscribe(fixture, { name: 'legacy-standard', source: 'app', type: 'order.created.v1', sink: standard.url });
    await subscribe(fixture, { name: 'legacy-exact', typeMatching: 'exact', source: '', type: 'sap.kyma.custom.app.order.created.v1', sink: exact.url });
    const response = await fetch(`${proxyUrl}/app/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 'event-type': 'order.created', 'event-type-version': 'v1', 'event-time': '2026-01-01T00:00:00Z', data: { x: 1 } }),
    });
    expect(response.status).toBe(200);
    await waitFor(() => standard.requests.length === 1 && exact.requests.length === 1, 10_000, 'both sinks reached');
    expect(standard.requests[0]!.headers).toMatchObject({ 'ce-type': 'order.created.v1', 'ce-source': 'app', 'ce-originaltype': 'order.created.v1', 'ce-eventtypeversion': 'v1' });
    expect(exact.requests[0]!.headers).toMatchObject({ 'ce-type': 'sap.kyma.custom.app.order.created.v1', 'ce-source': 'kyma', 'ce-eventtypeversion': 'v1' });
    expect(exact.requests[0]!.headers['ce-originaltype']).toBeUndefined();
    expect(JSON.parse(standard.requests[0]!.body)).toEqual({ x: 1 });
    expect(JSON.parse(exact.requests[0]!.body)).toEqual({ x: 1 });
  });

  it('when the sink answers 503 twice, the event is redelivered with backoff and delivered on the third attempt', async () => {
    const sink = await newSink((request) => ({ status: request.previousArrivals < 2 ? 503 : 200 }));
    const spec = await subscribe(fixture, { name: 'flaky', sink: sink.url, policy: { initialDelayMs: 100, maxDelayMs: 1000 } });
    await publishEvents(fixture, spec, 1, 'flaky');
    await waitFor(() => sink.delivered().has('flaky-0'), 10_000, 'delivered after retries');
    expect(sink.requests.map((r) => r.previousArrivals)).toEqual([0, 1, 2]);
    const [first, second, third] = sink.requests.map((r) => r.receivedAtMs);
    // Equal jitter: at least half of the base delay (100 ms, then 200 ms) between attempts.
    expect(second! - first!).toBeGreaterThanOrEqual(45);
    expect(third! - second!).toBeGreaterThanOrEqual(95);
    await waitFor(async () => (await dispatcher.metric('eventing_dispatcher_retries_total{subscription_namespace="e2e",subscription_name="flaky",consumer_name="' + spec.consumer + '"}')) === 2, 5_000, 'retries counted');
  });

  it('when the sink answers 400, the event is dead-lettered with the reason at once, not retried, and sent to the dead-letter sink', async () => {
    const sink = await newSink(() => ({ status: 400 }));
    const deadLetterSink = await newSink();
    const spec = await subscribe(fixture, { name: 'refused', sink: sink.url, policy: { deadLetterSink: deadLetterSink.url } });
    await publishEvents(fixture, spec, 1, 'refused');
    await waitFor(() => deadLetterSink.requests.length === 1, 10_000, 'dead-letter sink reached');
    const stored = await lastDeadLetter(fixture, spec.consumer);
    expect(stored?.data).toBe('{"id":"refused-0"}');
    expect(stored?.headers).toMatchObject({
      'ce-id': 'refused-0',
      [DEAD_LETTER_HEADERS.reason]: 'sink answered 400',
      [DEAD_LETTER_HEADERS.attempts]: '1',
      [DEAD_LETTER_HEADERS.lastStatus]: '400',
      [DEAD_LETTER_HEADERS.subscription]: 'e2e/refused',
      [DEAD_LETTER_HEADERS.consumer]: spec.consumer,
      [DEAD_LETTER_HEADERS.sink]: sink.url,
      [DEAD_LETTER_HEADERS.subject]: spec.subject,
    });
    expect(deadLetterSink.requests[0]!.headers).toMatchObject({ 'ce-id': 'refused-0', 'ce-type': 'refused.created.v1', 'ce-deadletterreason': 'sink answered 400' });
    // The original is settled (terminated): no further attempt reaches the sink.
    await waitFor(async () => (await dispatcher.metric('eventing_dispatcher_dead_letters_total{subscription_namespace="e2e",subscription_name="refused",consumer_name="' + spec.consumer + '"}')) === 1, 5_000, 'dead letter counted');
    expect(sink.requests).toHaveLength(1);
  });

  it('when the sink stays down past the retry budget, the event is dead-lettered with the last failure', async () => {
    const downPort = await findFreePort();
    const spec = await subscribe(fixture, { name: 'down', sink: `http://127.0.0.1:${downPort}/`, policy: { maxDeliveries: 3, initialDelayMs: 50, maxDelayMs: 100 } });
    await publishEvents(fixture, spec, 1, 'down');
    await waitFor(async () => (await lastDeadLetter(fixture, spec.consumer)) !== undefined, 10_000, 'dead letter stored');
    const stored = await lastDeadLetter(fixture, spec.consumer);
    expect(stored?.headers[DEAD_LETTER_HEADERS.reason]).toMatch(/^retries exhausted after 3 attempts: network error: .*ECONNREFUSED/);
    expect(stored?.headers[DEAD_LETTER_HEADERS.attempts]).toBe('3');
    expect(stored?.headers[DEAD_LETTER_HEADERS.lastStatus]).toBe('network-error');
  });

  it('a changed sink applies to the next attempt without a restart (reference 4.4)', async () => {
    const oldSink = await newSink(() => ({ status: 503 }));
    const newSinkServer = await newSink();
    const spec = await subscribe(fixture, { name: 'moved', sink: oldSink.url, policy: { initialDelayMs: 200, maxDelayMs: 200 } });
    await publishEvents(fixture, spec, 1, 'moved');
    await waitFor(() => oldSink.requests.length >= 1, 10_000, 'first attempt at the old sink');
    await fixture.specs.put(spec.consumer, { ...spec, sink: newSinkServer.url });
    await waitFor(() => newSinkServer.delivered().has('moved-0'), 10_000, 'delivered to the new sink');
  });

  it('a subscription whose spec is deleted stops receiving events', async () => {
    const sink = await newSink();
    const spec = await subscribe(fixture, { name: 'removed', sink: sink.url });
    await publishEvents(fixture, spec, 1, 'before');
    await waitFor(() => sink.delivered().has('before-0'), 10_000, 'delivered while subscribed');
    await fixture.specs.delete(spec.consumer);
    const jsm = await jetstreamManager(fixture.connection.nc);
    // Stopping is observable as the loss of interest on the deliver subject.
    await waitFor(async () => (await jsm.consumers.info(spec.stream, spec.consumer)).push_bound !== true, 10_000, 'consumer unbound');
    await publishEvents(fixture, spec, 1, 'after');
    await waitFor(async () => (await jsm.consumers.info(spec.stream, spec.consumer)).num_pending === 1, 5_000, 'event pending');
    expect(sink.requests.map((r) => r.id)).toEqual(['before-0']);
  });

  it('a consumer deleted and recreated is bound again and delivers', async () => {
    const sink = await newSink();
    const spec = await subscribe(fixture, { name: 'recreated', sink: sink.url });
    await publishEvents(fixture, spec, 1, 'first');
    await waitFor(() => sink.delivered().has('first-0'), 10_000, 'delivered before');
    const jsm = await jetstreamManager(fixture.connection.nc);
    const { config } = await jsm.consumers.info(spec.stream, spec.consumer);
    await jsm.consumers.delete(spec.stream, spec.consumer);
    await jsm.consumers.add(spec.stream, { ...config, deliver_policy: DeliverPolicy.New });
    await publishEvents(fixture, spec, 1, 'second');
    await waitFor(() => sink.delivered().has('second-0'), 15_000, 'delivered after the consumer came back');
  }, 30_000);
});
