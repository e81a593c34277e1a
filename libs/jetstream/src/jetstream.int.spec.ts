import { jetstreamManager } from '@nats-io/jetstream';
import { pino } from 'pino';
import { startNatsServer, type NatsServerHandle } from '@eventing/testing';
import { connectNats, type ManagedConnection } from './connection';
import { createEventPublisher } from './publisher';
import { ensureStream } from './stream-admin';
import { DEFAULT_STREAM_SETTINGS, type StreamSettings } from './stream-settings';
import { consumerInfo, deleteConsumer, ensureConsumer, listConsumerNames, type ConsumerSpec } from './consumer-admin';
import { openJsonKvStore, type KvChange } from './kv-store';
import { PublishError } from './publish-error';

const logger = pino({ level: 'silent' });
const settings: StreamSettings = { ...DEFAULT_STREAM_SETTINGS, retention: 'limits', maxBytes: 64 * 1024 };
const event = (id: string, size = 100) => ({
  subject: 'kyma.app.order.created.v1',
  headers: { 'ce-specversion': '1.0', 'ce-id': id, 'ce-source': 'app', 'ce-type': 'kyma.app.order.created.v1' },
  data: new Uint8Array(size),
  msgId: `app/${id}`,
});

describe('JetStream adapter against a real nats-server', () => {
  let server: NatsServerHandle;
  let connection: ManagedConnection;

  beforeEach(async () => {
    server = await startNatsServer();
    connection = await connectNats({ url: server.url, name: 'test', reconnectWaitMs: 100 }, logger);
  });
  afterEach(async () => {
    await connection.close();
    await server.dispose();
  });

  it('creates the stream once and leaves it unchanged when it already matches', async () => {
    const jsm = await jetstreamManager(connection.nc);
    expect(await ensureStream(jsm, settings)).toBe('created');
    expect(await ensureStream(jsm, settings)).toBe('unchanged');
    expect(await ensureStream(jsm, { ...settings, maxBytes: 128 * 1024 })).toBe('updated');
    const info = await jsm.streams.info(settings.name);
    expect(info.config.subjects).toEqual(['kyma.>']);
    expect(info.config.max_bytes).toBe(128 * 1024);
  });

  it('stores a message with its headers, and a repeated message id only once', async () => {
    const jsm = await jetstreamManager(connection.nc);
    await ensureStream(jsm, settings);
    const publisher = createEventPublisher(connection, 2000);
    const first = await publisher.publish(event('A1'));
    const again = await publisher.publish(event('A1'));
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    const info = await jsm.streams.info(settings.name);
    expect(info.state.messages).toBe(1);
    const stored = await jsm.streams.getMessage(settings.name, { seq: first.seq });
    expect(stored?.header.get('ce-id')).toBe('A1');
    expect(stored?.subject).toBe('kyma.app.order.created.v1');
  });

  it('answers 504 when no stream takes the subject', async () => {
    const publisher = createEventPublisher(connection, 2000);
    await expect(publisher.publish(event('A1'))).rejects.toMatchObject({ status: 504 });
  });

  it('answers 507 when the stream is full with discard new, and keeps what it stored', async () => {
    const jsm = await jetstreamManager(connection.nc);
    await ensureStream(jsm, settings);
    const publisher = createEventPublisher(connection, 2000);
    let stored = 0;
    let refusal: unknown;
    for (let i = 0; i < 200 && !refusal; i++) {
      try {
        await publisher.publish(event(`E${i}`, 1024));
        stored++;
      } catch (err) {
        refusal = err;
      }
    }
    expect(refusal).toBeInstanceOf(PublishError);
    expect(refusal).toMatchObject({ status: 507 });
    const info = await jsm.streams.info(settings.name);
    expect(info.state.messages).toBe(stored);
    expect(info.state.first_seq).toBe(1);
  });

  it('answers 502 while disconnected, and publishes again once the server is back', async () => {
    const jsm = await jetstreamManager(connection.nc);
    await ensureStream(jsm, settings);
    const publisher = createEventPublisher(connection, 2000);
    await server.stop();
    await waitFor(() => connection.state() === 'disconnected');
    await expect(publisher.publish(event('B1'))).rejects.toMatchObject({ status: 502 });
    await server.restart();
    await waitFor(() => connection.state() === 'connected');
    await expect(publisher.publish(event('B2'))).resolves.toMatchObject({ duplicate: false });
  });

  it('creates, updates in place and deletes a push consumer with a deliver group', async () => {
    const jsm = await jetstreamManager(connection.nc);
    await ensureStream(jsm, settings);
    const spec: ConsumerSpec = {
      name: 'c1',
      description: 'ns/sub/kyma.app.order.created.v1',
      filterSubject: 'kyma.app.order.created.v1',
      deliverSubject: '_eventing.deliver.c1',
      deliverGroup: 'dispatch-c1',
      maxAckPending: 10,
      deliverPolicy: 'new',
    };
    expect(await ensureConsumer(jsm, settings.name, spec)).toBe('created');
    expect(await ensureConsumer(jsm, settings.name, spec)).toBe('unchanged');
    expect(await ensureConsumer(jsm, settings.name, { ...spec, maxAckPending: 20 })).toBe('updated');
    const info = await consumerInfo(jsm, settings.name, 'c1');
    expect(info?.config).toMatchObject({ max_ack_pending: 20, deliver_group: 'dispatch-c1', filter_subject: spec.filterSubject });
    expect(await listConsumerNames(jsm, settings.name)).toEqual(['c1']);
    await deleteConsumer(jsm, settings.name, 'c1');
    await deleteConsumer(jsm, settings.name, 'c1');
    expect(await consumerInfo(jsm, settings.name, 'c1')).toBeUndefined();
  });

  it('follows a JSON KV bucket: current values first, then puts and deletes', async () => {
    const store = await openJsonKvStore(connection.nc, 'test-bucket', (raw) => raw as { n: number });
    await store.put('a', { n: 1 });
    const seen: KvChange<{ n: number }>[] = [];
    const abort = new AbortController();
    const watching = store.watch((change) => seen.push(change), abort.signal);
    await waitFor(() => seen.length === 1);
    await store.put('b', { n: 2 });
    await store.delete('a');
    await waitFor(() => seen.length === 3);
    abort.abort();
    await watching;
    expect(seen).toEqual([
      { kind: 'put', key: 'a', value: { n: 1 } },
      { kind: 'put', key: 'b', value: { n: 2 } },
      { kind: 'delete', key: 'a' },
    ]);
    expect([...(await store.list()).entries()]).toEqual([['b', { n: 2 }]]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
