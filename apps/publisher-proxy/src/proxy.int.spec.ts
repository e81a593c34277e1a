import { request } from 'node:http';
import { connect as natsConnect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { DEFAULT_STREAM_SETTINGS, ensureStream } from '@eventing/jetstream';
import { findFreePort, startApp, startNatsServer, waitFor, type AppProcess, type NatsServerHandle } from '@eventing/testing';

/**
 * The built proxy as a process against a real nats-server: what it acknowledges is in the stream,
 * with the subject, headers and payload the dispatcher will read (SPEC section 2).
 */
describe('publisher proxy process with a real nats-server', () => {
  let nats: NatsServerHandle;
  let proxy: AppProcess;
  let base: string;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  const start = async (extraEnv: Record<string, string> = {}): Promise<void> => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    proxy = await startApp(
      'publisher-proxy',
      { NATS_URL: nats.url, INGRESS_PORT: String(port), METRICS_PORT: String(await findFreePort()), BIND_ADDRESS: '127.0.0.1', REQUEST_TIMEOUT: '2s', ...extraEnv },
      port,
    );
  };

  beforeEach(async () => {
    nats = await startNatsServer();
    nc = await natsConnect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    jsm = await jetstreamManager(nc);
    await ensureStream(jsm, { ...DEFAULT_STREAM_SETTINGS, retention: 'limits', maxBytes: 256 * 1024 });
    await start();
  });
  afterEach(async () => {
    await proxy.stop();
    await nc.close();
    await nats.dispose();
  });

  const stored = async () => {
    const info = await jsm.streams.info('sap');
    const out = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage('sap', { seq });
      if (m) out.push({ subject: m.subject, headers: Object.fromEntries([...m.header.keys()].map((k) => [k.toLowerCase(), m.header.get(k)])), data: m.string() });
    }
    return out;
  };

  it('stores binary, structured and legacy events that it acknowledged', async () => {
    const binary = await fetch(`${base}/publish`, {
      method: 'POST',
      headers: { 'ce-specversion': '1.0', 'ce-id': 'B1', 'ce-source': 'app', 'ce-type': 'order.created.v1', 'content-type': 'application/json' },
      body: '{"n":1}',
    });
    expect(binary.status).toBe(204);
    const structured = await fetch(`${base}/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify({ specversion: '1.0', id: 'S1', source: 'app', type: 'order.created.v1', data: { n: 2 } }),
    });
    expect(structured.status).toBe(204);
    const legacy = await fetch(`${base}/app/v1/events`, {
      method: 'POST',
      body: JSON.stringify({ 'event-type': 'order.created', 'event-type-version': 'v1', 'event-time': '2024-01-01T00:00:00Z', data: { n: 3 } }),
    });
    expect(legacy.status).toBe(200);
    const messages = await stored();
    expect(messages.map((m) => m.subject)).toEqual(
      expect.arrayContaining(['kyma.app.order.created.v1', 'kyma.app.order.created.v1', 'kyma.app.order.created.v1', 'kyma.sap.kyma.custom.app.order.created.v1']),
    );
    expect(messages).toHaveLength(4);
    expect(messages[0]).toMatchObject({
      data: '{"n":1}',
      headers: { 'ce-id': 'B1', 'ce-type': 'kyma.app.order.created.v1', 'ce-originaltype': 'order.created.v1', 'content-type': 'application/json' },
    });
    expect(messages[1]).toMatchObject({ data: '{"n":2}', headers: { 'ce-id': 'S1' } });
  });

  it('stores a repeated publish with the same source and id once', async () => {
    const send = () =>
      fetch(`${base}/publish`, {
        method: 'POST',
        headers: { 'ce-specversion': '1.0', 'ce-id': 'D1', 'ce-source': 'app', 'ce-type': 'order.created.v1' },
        body: '',
      });
    expect((await send()).status).toBe(204);
    expect((await send()).status).toBe(204);
    expect(await stored()).toHaveLength(1);
  });

  it('answers 507 when the stream is full, keeps every acknowledged event, and never crashes', async () => {
    const accepted: string[] = [];
    let full = 0;
    for (let i = 0; i < 400 && full === 0; i++) {
      const res = await fetch(`${base}/publish`, {
        method: 'POST',
        headers: { 'ce-specversion': '1.0', 'ce-id': `F${i}`, 'ce-source': 'app', 'ce-type': 'order.created.v1', 'content-type': 'application/json' },
        body: JSON.stringify('x'.repeat(2000)),
      });
      if (res.status === 204) accepted.push(`F${i}`);
      else if (res.status === 507) full++;
      else throw new Error(`unexpected status ${res.status}`);
    }
    expect(full).toBe(1);
    const ids = (await stored()).map((m) => m.headers['ce-id']);
    expect(ids).toEqual(accepted);
  });

  it('is unready and answers 502 within a second while NATS is down, and recovers by itself', async () => {
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200);
    await nats.stop();
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 500, 1000, 'readyz 500 within a second');
    const res = await fetch(`${base}/publish`, {
      method: 'POST',
      headers: { 'ce-specversion': '1.0', 'ce-id': 'N1', 'ce-source': 'app', 'ce-type': 'order.created.v1' },
    });
    expect(res.status).toBe(502);
    await nats.restart();
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 15_000, 'readyz 200 after NATS is back');
    const again = await fetch(`${base}/publish`, {
      method: 'POST',
      headers: { 'ce-specversion': '1.0', 'ce-id': 'N2', 'ce-source': 'app', 'ce-type': 'order.created.v1' },
    });
    expect(again.status).toBe(204);
  });

  it('survives hostile input: non-UTF-8 bodies, wrong content types and a body that never ends', async () => {
    const bad = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    const nonUtf8 = await fetch(`${base}/publish`, { method: 'POST', headers: { 'content-type': 'application/cloudevents+json' }, body: bad });
    expect(nonUtf8.status).toBe(400);
    const legacyBad = await fetch(`${base}/app/v1/events`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: bad });
    expect(legacyBad.status).toBe(400);
    const wrongType = await fetch(`${base}/publish`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(wrongType.status).toBe(400);
    // A request that announces a body and never sends it: the server ends it, the proxy lives on.
    const status = await new Promise<number>((resolve) => {
      const req = request(`${base}/publish`, { method: 'POST', headers: { 'content-length': '100', 'ce-specversion': '1.0' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', () => resolve(-1));
      req.write('{"partial":');
    });
    expect([408, -1]).toContain(status);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(proxy.exited()).toBe(false);
  }, 60_000);
});
