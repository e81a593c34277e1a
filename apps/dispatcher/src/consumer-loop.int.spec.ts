// The consumer loop against a real nats-server: binding through the deliver group, rebinding
// once a missing consumer appears, and releasing deliveries still in flight at shutdown.
import { Writable } from 'node:stream';
import type { JetStreamClient } from '@nats-io/jetstream';
import {
  DEFAULT_STREAM_SETTINGS,
  connectNats,
  createEventPublisher,
  deliverGroup,
  deliverSubject,
  ensureConsumer,
  ensureStream,
  jetstreamManager,
  type DispatchSpec,
  type ManagedConnection,
} from '@eventing/jetstream';
import { createLogger } from '@eventing/platform';
import { startNatsServer, waitFor, type NatsServerHandle } from '@eventing/testing';
import { startConsumerLoop, type ConsumerLoop } from './consumer-loop';
import type { DeliveryMessage } from './delivery-message';

const logger = createLogger({ name: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

function specFor(consumer: string): DispatchSpec {
  return {
    consumer,
    stream: DEFAULT_STREAM_SETTINGS.name,
    subject: `kyma.app.${consumer}.v1`,
    deliverSubject: deliverSubject(consumer),
    deliverGroup: deliverGroup(consumer),
    subscription: { namespace: 'ns', name: consumer },
    sink: 'http://127.0.0.1:1/',
    typeMatching: 'standard',
    source: 'app',
    originalType: `${consumer}.v1`,
    cleanType: `${consumer}.v1`,
    maxInFlight: 10,
    policy: { maxDeliveries: 5, initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2, timeoutMs: 1000 },
  };
}

describe('consumer loop (real nats-server)', () => {
  let nats: NatsServerHandle;
  let connection: ManagedConnection;
  let js: JetStreamClient;
  const loops: ConsumerLoop[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    connection = await connectNats({ url: nats.url, name: 'test' }, logger);
    const jsm = await jetstreamManager(connection.nc);
    await ensureStream(jsm, DEFAULT_STREAM_SETTINGS);
    js = jsm.jetstream();
  });
  afterAll(async () => {
    await Promise.all(loops.map((l) => l.stop(0)));
    await connection?.close();
    await nats?.dispose();
  });

  const createConsumer = async (spec: DispatchSpec) =>
    ensureConsumer(await jetstreamManager(connection.nc), spec.stream, {
      name: spec.consumer,
      description: spec.consumer,
      filterSubject: spec.subject,
      deliverSubject: spec.deliverSubject,
      deliverGroup: spec.deliverGroup,
      maxAckPending: spec.maxInFlight,
      deliverPolicy: 'all',
    });
  const publish = (spec: DispatchSpec, id: string) =>
    createEventPublisher(connection, 5000).publish({
      subject: spec.subject,
      headers: { 'ce-specversion': '1.0', 'ce-id': id, 'ce-source': 'app', 'ce-type': spec.subject },
      data: new Uint8Array(),
    });
  const start = (spec: DispatchSpec, handle: (m: DeliveryMessage, ackWaitMs: number) => Promise<void>) => {
    const loop = startConsumerLoop(spec, { js, handle: (m, _s, ackWaitMs) => handle(m, ackWaitMs), metrics: { addInFlight: () => undefined }, logger });
    loops.push(loop);
    return loop;
  };

  it('binds once the consumer exists, and hands over messages with their delivery count and ack wait', async () => {
    const spec = specFor('late');
    const seen: Array<{ id: string; deliveryCount: number; ackWaitMs: number }> = [];
    const loop = start(spec, async (m, ackWaitMs) => {
      seen.push({ id: m.headers['ce-id']!, deliveryCount: m.deliveryCount, ackWaitMs });
      m.ack();
    });
    expect(loop.bound()).toBe(false);
    await createConsumer(spec);
    await waitFor(() => loop.bound(), 10_000, 'bound after the consumer appeared');
    await publish(spec, 'e1');
    await waitFor(() => seen.length === 1, 5_000, 'message handled');
    expect(seen).toEqual([{ id: 'e1', deliveryCount: 1, ackWaitMs: 30_000 }]);
  });

  it('on stop, a delivery still running after the drain time is released for immediate redelivery', async () => {
    const spec = specFor('released');
    await createConsumer(spec);
    const first = start(spec, () => new Promise<void>(() => undefined));
    await waitFor(() => first.bound(), 5_000, 'first loop bound');
    await publish(spec, 'stuck');
    await waitFor(() => first.inFlight() === 1, 5_000, 'delivery in flight');
    await first.stop(50);
    const redelivered: number[] = [];
    const second = start(spec, async (m) => {
      redelivered.push(m.deliveryCount);
      m.ack();
    });
    // Well before the 30 s ack wait: the nak without delay hands it over at once.
    await waitFor(() => redelivered.length === 1, 5_000, 'redelivered to the next loop');
    expect(redelivered).toEqual([2]);
    expect(second.bound()).toBe(true);
  });
});
