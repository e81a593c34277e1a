import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, findFreePort, startApp, startNatsServer, waitFor, waitForPort, type AppProcess, type NatsServerHandle } from '@eventing/testing';
import { startZipkin, type ZipkinHandle, type ZipkinSpan } from './zipkin';

/**
 * One trace per event (issue "Tracing", SPEC section 7): the publisher's span, the proxy's server
 * and producer spans, a consumer and a client span per delivery attempt, and the sink's own span,
 * read back from a real tracing backend (Zipkin) through its query API.
 */
describe('one trace per event, publisher to subscriber', () => {
  let zipkin: ZipkinHandle;
  let nats: NatsServerHandle;
  let apps: AppProcess[] = [];
  let sink: ChildProcess;
  let dir: string;
  let proxyUrl: string;

  beforeAll(async () => {
    zipkin = await startZipkin();
    nats = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'trace-subs-'));
    const sinkPort = await findFreePort();
    writeFileSync(
      join(dir, 'traced.yaml'),
      [
        'apiVersion: eventing.kyma-project.io/v1alpha2',
        'kind: Subscription',
        'metadata: { name: traced, namespace: default }',
        'spec:',
        `  sink: http://127.0.0.1:${sinkPort}/`,
        '  source: shop',
        '  types: [order.created.v1]',
        '  delivery: { backoff: { initialDelay: 100ms, maxDelay: 200ms } }',
        '',
      ].join('\n'),
    );
    const tracingEnv = { OTEL_EXPORTER_ZIPKIN_ENDPOINT: zipkin.spansEndpoint, NATS_URL: nats.url, BIND_ADDRESS: '127.0.0.1' };
    sink = spawn(process.execPath, [join(REPO_ROOT, 'tools/local/example-sink.mjs')], {
      env: { ...process.env, PORT: String(sinkPort), ZIPKIN_ENDPOINT: zipkin.spansEndpoint, FAIL_FIRST_ATTEMPTS: '1' },
      stdio: 'ignore',
    });
    await waitForPort(sinkPort, 10_000);
    const health = await findFreePort();
    const status = await findFreePort();
    apps.push(
      await startApp('subscription-controller', { ...tracingEnv, SUBSCRIPTIONS_DIR: dir, SINK_POLICY: 'any-http', HEALTH_PORT: String(health), METRICS_PORT: String(await findFreePort()), STATUS_PORT: String(status) }, health),
    );
    await waitFor(async () => {
      const res = await fetch(`http://127.0.0.1:${status}/subscriptions`).catch(() => undefined);
      const body = res?.ok ? ((await res.json()) as { subscriptions: Array<{ status?: { ready?: boolean } }> }) : undefined;
      return body?.subscriptions[0]?.status?.ready === true;
    }, 30_000, 'subscription ready');
    const dispatcherHealth = await findFreePort();
    apps.push(await startApp('dispatcher', { ...tracingEnv, HEALTH_PORT: String(dispatcherHealth), METRICS_PORT: String(await findFreePort()) }, dispatcherHealth));
    const proxyPort = await findFreePort();
    proxyUrl = `http://127.0.0.1:${proxyPort}`;
    apps.push(await startApp('publisher-proxy', { ...tracingEnv, INGRESS_PORT: String(proxyPort), METRICS_PORT: String(await findFreePort()) }, proxyPort));
    await waitFor(async () => (await fetch(`${proxyUrl}/readyz`)).status === 200, 15_000, 'proxy ready');
  }, 240_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.stop();
    apps = [];
    sink?.kill();
    await nats?.dispose();
    await zipkin?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the whole path, a failed first attempt and its retry, correctly parented', async () => {
    const traceId = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const publisherSpanId = 'a1b2c3d4e5f60718';
    const started = Date.now();
    const res = await fetch(`${proxyUrl}/publish`, {
      method: 'POST',
      headers: {
        'ce-specversion': '1.0',
        'ce-id': 'traced-1',
        'ce-source': 'shop',
        'ce-type': 'order.created.v1',
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${publisherSpanId}-01`,
      },
      body: '{"order":1}',
    });
    expect(res.status).toBe(204);
    // The publisher's own span, as an instrumented client would report it.
    await zipkin.report([
      { traceId, id: publisherSpanId, kind: 'CLIENT', name: 'publish order', localEndpoint: { serviceName: 'publisher' }, ...({ timestamp: started * 1000, duration: Math.max(1, (Date.now() - started) * 1000) } as object) },
    ]);

    let spans: ZipkinSpan[] = [];
    const by = (service: string, kind: ZipkinSpan['kind']) => spans.filter((s) => s.localEndpoint?.serviceName === service && s.kind === kind);
    await waitFor(
      async () => {
        spans = await zipkin.trace(traceId);
        return by('example-sink', 'SERVER').length >= 2 && by('dispatcher', 'CLIENT').length >= 2 && by('publisher-proxy', 'PRODUCER').length >= 1;
      },
      60_000,
      'the whole trace in Zipkin',
    );
    const [server] = by('publisher-proxy', 'SERVER');
    const [producer] = by('publisher-proxy', 'PRODUCER');
    const consumers = by('dispatcher', 'CONSUMER');
    const clients = by('dispatcher', 'CLIENT');
    const sinkSpans = by('example-sink', 'SERVER');
    expect(server?.parentId).toBe(publisherSpanId);
    expect(producer?.parentId).toBe(server?.id);
    expect(consumers).toHaveLength(2);
    for (const consumer of consumers) expect(consumer.parentId).toBe(producer?.id);
    for (const client of clients) expect(consumers.map((c) => c.id)).toContain(client.parentId);
    for (const sinkSpan of sinkSpans) expect(clients.map((c) => c.id)).toContain(sinkSpan.parentId);
    expect(consumers.map((c) => c.tags?.['eventing.delivery.attempt']).sort()).toEqual(['1', '2']);
    expect(clients.map((c) => c.tags?.['http.response.status_code']).sort()).toEqual(['200', '503']);
    expect(producer?.tags?.['messaging.system']).toBe('nats');
    expect(producer?.tags?.['messaging.message.id']).toBe('traced-1');
  });
});
