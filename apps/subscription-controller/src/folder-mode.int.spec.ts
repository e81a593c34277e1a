// Folder mode (SPEC sections 4 and 9): the built controller reads a folder of Subscription
// manifests, follows changes to it, serves status over HTTP, and reports manifests it cannot
// read without stopping. Needs `node tools/build/build-apps.mjs subscription-controller`.
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consumerName, jetstreamManager } from '@eventing/jetstream';
import { findFreePort, startApp, startNatsServer, waitFor, type AppProcess, type NatsServerHandle } from '@eventing/testing';
import type { SubscriptionStatus } from '@eventing/subscription-api';
import { viewNats, type NatsView } from './testing/harness';

interface StatusView {
  subscriptions: Array<{ namespace: string; name: string; file: string; generation: number; status: SubscriptionStatus | null }>;
  errors: Array<{ file: string; error: string }>;
}

const manifest = (name: string, spec: Record<string, unknown> = {}) => `apiVersion: eventing.kyma-project.io/v1alpha2
kind: Subscription
metadata:
  name: ${name}
spec:
  sink: ${JSON.stringify(spec['sink'] ?? 'http://127.0.0.1:3000/events')}
  source: ${JSON.stringify(spec['source'] ?? 'myapp')}
  types: ${JSON.stringify(spec['types'] ?? ['order.created.v1'])}
  config:
    maxInFlightMessages: ${JSON.stringify(spec['maxInFlightMessages'] ?? '10')}
`;

describe('subscription controller in folder mode', () => {
  let dir: string;
  let nats: NatsServerHandle;
  let view: NatsView;
  let app: AppProcess | undefined;
  let statusPort: number;
  let healthPort: number;

  const status = async (): Promise<StatusView> => (await fetch(`http://127.0.0.1:${statusPort}/subscriptions`)).json() as Promise<StatusView>;
  const one = async (name: string) => (await status()).subscriptions.find((s) => s.name === name);
  const consumer = (name: string, type = 'order.created.v1', source = 'myapp') => consumerName('default', name, `kyma.${source}.${type}`);
  const until = (check: () => Promise<boolean>, what: string) =>
    waitFor(check, 20_000, what).catch(async (err: Error) => {
      throw new Error(`${err.message}; status: ${JSON.stringify(await status().catch(() => 'n/a'))}\n${app?.output().slice(-3000)}`);
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'subscriptions-'));
    nats = await startNatsServer();
    view = await viewNats(nats.url);
    [statusPort, healthPort] = await Promise.all([findFreePort(), findFreePort()]);
    writeFileSync(join(dir, 'orders.yaml'), manifest('orders'));
    app = await startApp(
      'subscription-controller',
      {
        NATS_URL: nats.url,
        SUBSCRIPTIONS_DIR: dir,
        SINK_POLICY: 'any-http',
        HEALTH_PORT: String(healthPort),
        METRICS_PORT: String(await findFreePort()),
        STATUS_PORT: String(statusPort),
        FILES_RESCAN_INTERVAL: '1s',
        BIND_ADDRESS: '127.0.0.1',
      },
      statusPort,
    );
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await view?.close();
    await nats?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('a manifest in the folder becomes ready with its consumer; health answers', async () => {
    await until(async () => (await one('orders'))?.status?.ready === true, 'orders ready');
    expect((await view.consumers()).get(consumer('orders'))?.filterSubject).toBe('kyma.myapp.order.created.v1');
    expect((await fetch(`http://127.0.0.1:${healthPort}/readyz`)).status).toBe(200);
    // nats-server 2.15 would cap the stream at 1,000 consumers; the controller raises the limit.
    expect((await (await jetstreamManager(view.nc)).streams.info('sap')).config.max_consumers).toBe(100_000);
    const single = await (await fetch(`http://127.0.0.1:${statusPort}/subscriptions/default/orders`)).json();
    expect(single).toEqual(expect.objectContaining({ name: 'orders', file: 'orders.yaml', generation: 1 }));
  }, 30_000);

  it('changing the file moves the consumers: new type, new maxInFlightMessages, removed type gone', async () => {
    writeFileSync(join(dir, 'orders.yaml'), manifest('orders', { types: ['order.paid.v1'], maxInFlightMessages: '4' }));
    await until(async () => (await one('orders'))?.status?.observedGeneration === 2, 'generation 2 reconciled');
    const consumers = await view.consumers();
    expect(consumers.get(consumer('orders', 'order.paid.v1'))?.maxAckPending).toBe(4);
    expect(consumers.has(consumer('orders'))).toBe(false);
    expect((await view.dispatchSpecs()).has(consumer('orders', 'order.paid.v1'))).toBe(true);
  }, 30_000);

  it('an invalid spec is reported in status; a manifest that does not parse is listed with its file; neither stops the others', async () => {
    writeFileSync(join(dir, 'more.yaml'), `${manifest('bad-sink', { sink: 'ftp://nowhere' })}---\n${manifest('fine', { types: ['user.created.v1'] })}`);
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: eventing.kyma-project.io/v1alpha2\nkind: Subscription\nmetadata: {}\nspec: [\n');
    await until(async () => (await one('fine'))?.status?.ready === true && (await one('bad-sink'))?.status !== null, 'both documents reconciled');
    const bad = (await one('bad-sink'))!;
    expect(bad.status?.ready).toBe(false);
    expect(bad.status?.conditions?.[0]?.message).toBe(`Subscription validation failed: spec.sink: Invalid value: "ftp://nowhere": must have URL scheme 'http' or 'https'`);
    expect((await view.consumers()).has(consumer('bad-sink'))).toBe(false);
    const errors = (await status()).errors;
    expect(errors).toEqual([expect.objectContaining({ file: 'broken.yaml' })]);
    expect(app!.exited()).toBe(false);
  }, 30_000);

  it('deleting the file deletes the subscription and its consumers', async () => {
    unlinkSync(join(dir, 'orders.yaml'));
    await until(async () => (await one('orders')) === undefined, 'orders gone from status');
    await until(async () => !(await view.consumers()).has(consumer('orders', 'order.paid.v1')), 'consumer deleted');
    expect((await view.dispatchSpecs()).has(consumer('orders', 'order.paid.v1'))).toBe(false);
  }, 30_000);
});
