import type { Server } from 'node:http';
import { pino } from 'pino';
import { PublishError, type EventMessage, type EventPublisher, type PublishResult, type SubscriptionSummary } from '@eventing/jetstream';
import { closeServer, listen } from '@eventing/platform';
import { waitFor } from '@eventing/testing';
import { createProxyMetrics } from './metrics';
import { composeProxyServer, type ProxySettings } from './proxy-app';

/** Our own publisher port, faked: records messages, or fails / holds as a test tells it to. */
class FakePublisher implements EventPublisher {
  readonly messages: EventMessage[] = [];
  failWith: PublishError | undefined;
  hold: Promise<void> | undefined;
  waiting = 0;
  async publish(message: EventMessage): Promise<PublishResult> {
    if (this.hold) {
      this.waiting++;
      await this.hold;
      this.waiting--;
    }
    if (this.failWith) throw this.failWith;
    this.messages.push(message);
    return { stream: 'sap', seq: this.messages.length, duplicate: false };
  }
}

const settings: ProxySettings = {
  maxRequestSizeBytes: 1024,
  eventTypePrefix: 'sap.kyma.custom',
  legacyNamespace: 'kyma',
  maxInFlightRequests: 2,
  requestTimeoutMs: 5000,
};

describe('publisher proxy HTTP contract', () => {
  let server: Server;
  let base: string;
  let publisher: FakePublisher;
  let subscriptions: SubscriptionSummary[];
  let ready: boolean;
  let ids: number;

  beforeEach(async () => {
    publisher = new FakePublisher();
    subscriptions = [];
    ready = true;
    ids = 0;
    server = composeProxyServer(settings, {
      publisher,
      catalog: { all: () => subscriptions },
      applications: { find: (name) => (name === 'mapped-app' ? { name, labels: { 'Application-Type': 'mytype' } } : undefined) },
      metrics: createProxyMetrics('nats://test'),
      logger: pino({ level: 'silent' }),
      isReady: () => ready,
      newId: () => `00000000-0000-4000-8000-00000000000${++ids}`,
    });
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  afterEach(() => closeServer(server));

  const binary = (headers: Record<string, string> = {}, body = '{"x":1}') =>
    fetch(`${base}/publish`, {
      method: 'POST',
      headers: { 'ce-specversion': '1.0', 'ce-id': 'A1', 'ce-source': 'myapp', 'ce-type': 'order.created.v1', 'content-type': 'application/json', ...headers },
      body,
    });

  it('stores a binary CloudEvent under kyma.<source>.<type> with originaltype, and answers 204 with no body', async () => {
    const res = await binary({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'x-b3-traceid': 'abc' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(publisher.messages).toHaveLength(1);
    const message = publisher.messages[0]!;
    expect(message.subject).toBe('kyma.myapp.order.created.v1');
    expect(message.headers).toMatchObject({
      'ce-specversion': '1.0',
      'ce-id': 'A1',
      'ce-source': 'myapp',
      'ce-type': 'kyma.myapp.order.created.v1',
      'ce-originaltype': 'order.created.v1',
      'content-type': 'application/json',
      'ce-traceparent': '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'ce-b3traceid': 'abc',
    });
    expect(Buffer.from(message.data).toString()).toBe('{"x":1}');
    expect(message.msgId).toBeDefined();
  });

  it('stores a structured CloudEvent with its extensions and JSON data', async () => {
    const res = await fetch(`${base}/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
      body: JSON.stringify({ specversion: '1.0', id: 'S1', source: 'shop', type: 'order.created.v1', time: '2024-01-01T00:00:00Z', myext: 'v', data: { a: 1 } }),
    });
    expect(res.status).toBe(204);
    const message = publisher.messages[0]!;
    expect(message.subject).toBe('kyma.shop.order.created.v1');
    expect(message.headers).toMatchObject({ 'ce-myext': 'v', 'ce-time': '2024-01-01T00:00:00Z', 'content-type': 'application/json' });
    expect(Buffer.from(message.data).toString()).toBe('{"a":1}');
  });

  it('cleans a prefixed type with the application name and sets no originaltype (reference 2.4.2)', async () => {
    const res = await binary({ 'ce-type': 'sap.kyma.custom.te--st.Order.Item.created.v1' });
    expect(res.status).toBe(204);
    expect(publisher.messages[0]!.subject).toBe('kyma.sap.kyma.custom.test.OrderItem.created.v1');
    expect(publisher.messages[0]!.headers['ce-originaltype']).toBeUndefined();
  });

  it('uses the application-type label of an Application named like the source', async () => {
    await binary({ 'ce-source': 'mapped-app' });
    expect(publisher.messages[0]!.subject).toBe('kyma.mytype.order.created.v1');
  });

  it.each([
    ['missing type', { 'ce-type': '' }, '{"x":1}', 'type: MUST be a non-empty string\n'],
    ['missing id', { 'ce-id': '' }, '{"x":1}', 'id: MUST be a non-empty string\n'],
    ['missing source', { 'ce-source': '' }, '{"x":1}', 'source: REQUIRED\n'],
    ['no encoding', { 'ce-specversion': '' }, '{"x":1}', 'unknown Message encoding'],
    ['batch', { 'content-type': 'application/cloudevents-batch+json' }, '[]', 'not supported for batch events'],
    ['JSON content type, non-JSON body', {}, 'not json', 'conversion to target format failed'],
    ['empty segment after cleaning', { 'ce-type': 'order..created' }, '{}', 'event type cannot have empty segments after cleaning: kyma.myapp.order..created'],
    ['prefixed type with too few segments', { 'ce-type': 'sap.kyma.custom.app.v1' }, '{}', 'failed to parse event-type=sap.kyma.custom.app.v1 with prefix=sap.kyma.custom: invalid format'],
  ])('answers 400 with a plain-text reason for %s, and stores nothing', async (_name, headers, body, text) => {
    const res = await binary(headers as Record<string, string>, body);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(text);
    expect(publisher.messages).toHaveLength(0);
  });

  it.each([
    ['structured without specversion', '{"id":"1","source":"s","type":"t.v1"}', 'specversion: no specversion\n'],
    ['structured with an unknown specversion', '{"specversion":"2.0","id":"1","source":"s","type":"t.v1"}', 'specversion: unknown value: 2.0\n'],
    ['structured malformed JSON', '{"specversion":', 'invalid JSON'],
  ])('answers 400 for %s', async (_name, body, text) => {
    const res = await fetch(`${base}/publish`, { method: 'POST', headers: { 'content-type': 'application/cloudevents+json' }, body });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(text);
  });

  it('answers 400 "http: request body too large" on /publish and 413 JSON on the legacy endpoint', async () => {
    const big = 'x'.repeat(2000);
    const pub = await binary({}, JSON.stringify(big));
    expect(pub.status).toBe(400);
    expect(await pub.text()).toBe('http: request body too large');
    const legacy = await fetch(`${base}/app/v1/events`, { method: 'POST', body: JSON.stringify({ 'event-type': big }) });
    expect(legacy.status).toBe(413);
    expect(await legacy.text()).toBe(
      '{"status":413,"type":"request_body_too_large","message":"Request body too large","moreInfo":"http: request body too large"}\n',
    );
  });

  it('decodes an oversized legacy body as far as the limit, as Go does: an early syntax error is a 400', async () => {
    const res = await fetch(`${base}/app/v1/events`, { method: 'POST', body: 'x'.repeat(2000) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: 'bad_payload_syntax', moreInfo: "invalid character 'x' looking for beginning of value" });
  });

  it.each([
    [502, 'no connection to NATS JetStream server'],
    [504, 'cannot send to stream'],
    [507, 'insufficient resources on target stream'],
    [500, 'internal error on backend'],
  ])('maps a backend failure to %d with an empty body on /publish and a JSON body on legacy', async (status, text) => {
    publisher.failWith = new PublishError(status, text);
    const res = await binary();
    expect(res.status).toBe(status);
    expect(await res.text()).toBe('');
    const legacy = await fetch(`${base}/app/v1/events`, {
      method: 'POST',
      body: JSON.stringify({ 'event-type': 'order.created', 'event-type-version': 'v1', 'event-time': '2024-01-01T00:00:00Z', data: { a: 1 } }),
    });
    expect(legacy.status).toBe(status);
    expect(await legacy.json()).toEqual({ status, message: text });
  });

  it('publishes a legacy event twice, as Kyma does, and answers 200 with the id of the prefixed copy', async () => {
    const res = await fetch(`${base}/test-app/v1/events`, {
      method: 'POST',
      body: JSON.stringify({ 'event-type': 'Order-$.third.R-e-c-e-i-v-e-d', 'event-type-version': 'v1', 'event-time': '2024-01-01T00:00:00Z', data: { a: 1 } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const subjects = publisher.messages.map((m) => m.subject).sort();
    expect(subjects).toEqual(['kyma.sap.kyma.custom.testapp.Orderthird.Received.v1', 'kyma.test-app.Order-$.third.R-e-c-e-i-v-e-d.v1']);
    const prefixed = publisher.messages.find((m) => m.subject.startsWith('kyma.sap'))!;
    const generic = publisher.messages.find((m) => !m.subject.startsWith('kyma.sap'))!;
    expect(prefixed.headers['ce-source']).toBe('kyma');
    expect(generic.headers['ce-source']).toBe('test-app');
    expect(generic.headers['ce-originaltype']).toBe('Order-$.third.R-e-c-e-i-v-e-d.v1');
    expect(await res.text()).toBe(`{"event-id":"${prefixed.headers['ce-id']}","status":"","reason":""}\n`);
  });

  it('gives two applications\' legacy events with the same id different message ids', async () => {
    const body = JSON.stringify({ 'event-type': 'order.created', 'event-type-version': 'v1', 'event-time': '2024-01-01T00:00:00Z', 'event-id': '8945ec08-256b-11eb-9928-acde48001122', data: 1 });
    await fetch(`${base}/app1/v1/events`, { method: 'POST', body });
    await fetch(`${base}/app2/v1/events`, { method: 'POST', body });
    expect(new Set(publisher.messages.map((m) => m.msgId)).size).toBe(4);
  });

  it('answers a legacy validation failure with Kyma\'s JSON error body', async () => {
    const res = await fetch(`${base}/app/v1/events`, { method: 'POST', body: JSON.stringify({ 'event-type-version': 'v1' }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(
      '{"status":400,"type":"validation_violation","message":"Missing field","details":[{"field":"event-type","type":"missing_field","message":"Missing field"}]}\n',
    );
  });

  it('lists the subscribed event types of an application (reference 2.6)', async () => {
    subscriptions = [
      { namespace: 'ns', name: 'a', source: 'foovarkes', types: ['order.created.v1', 'order.created.v2'], typeMatching: 'standard' },
      { namespace: 'ns', name: 'b', source: 'other', types: ['x.y.v1'], typeMatching: 'standard' },
      { namespace: 'ns', name: 'c', source: '', types: ['sap.kyma.custom.foovarkes.product.updated.v1'], typeMatching: 'exact' },
    ];
    const res = await fetch(`${base}/foovarkes/v1/events/subscribed`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { eventsInfo: unknown[] };
    expect(body.eventsInfo).toEqual(
      expect.arrayContaining([
        { name: 'order.created', version: 'v1' },
        { name: 'order.created', version: 'v2' },
        { name: 'product.updated', version: 'v1' },
      ]),
    );
    expect(body.eventsInfo).toHaveLength(3);
    expect(await (await fetch(`${base}/nobody/v1/events/subscribed`)).text()).toBe('{"eventsInfo":[]}\n');
  });

  it('answers /healthz always and /readyz only while ready', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    ready = false;
    expect((await fetch(`${base}/readyz`)).status).toBe(500);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(200);
  });

  it.each([
    ['GET', '/publish', 405],
    ['PUT', '/app/v1/events', 405],
    ['POST', '/app/v1/events/subscribed', 405],
    ['POST', '/app/v2/events', 404],
    ['GET', '/nothing', 404],
  ])('answers %s %s with %d', async (method, path, status) => {
    const res = await fetch(`${base}${path}`, { method });
    expect(res.status).toBe(status);
  });

  it('answers 503 with Retry-After past the in-flight limit instead of queueing', async () => {
    let release!: () => void;
    publisher.hold = new Promise((r) => (release = r));
    const first = binary();
    const second = binary({ 'ce-id': 'A2' });
    await waitFor(() => publisher.waiting === 2);
    const third = await binary({ 'ce-id': 'A3' });
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('1');
    release();
    expect((await first).status).toBe(204);
    expect((await second).status).toBe(204);
  });
});
