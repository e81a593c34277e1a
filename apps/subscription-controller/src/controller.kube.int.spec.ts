// The controller against a real kube-apiserver and a real nats-server (SPEC section 4,
// reference 4.4, 4.6, 4.7): one namespace per test, the controller in process watching it.
import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { consumerName, jetstreamManager, toConsumerConfig } from '@eventing/jetstream';
import { createCrdAndWait, createTestNamespace, startNatsServer, testKubeConfig, waitFor, type NatsServerHandle, type TestNamespace } from '@eventing/testing';
import type { Subscription } from '@eventing/subscription-api';
import { subscriptionCrdManifest, runKubernetesController, viewNats, type NatsView, type RunningController } from './testing/harness';

const api = { group: 'eventing.kyma-project.io', version: 'v1alpha2', plural: 'subscriptions' };
const TIMEOUT = 20_000;

describe('subscription controller on Kubernetes', () => {
  let kc: KubeConfig;
  let custom: CustomObjectsApi;
  let core: CoreV1Api;
  let nats: NatsServerHandle;
  let view: NatsView;
  let ns: TestNamespace;
  let controller: RunningController | undefined;

  /** Kyma's documented sample, unchanged but for the namespace. */
  const kymaSample = (namespace: string, name = 'test') => ({
    apiVersion: 'eventing.kyma-project.io/v1alpha2',
    kind: 'Subscription',
    metadata: { name, namespace },
    spec: {
      typeMatching: 'standard',
      source: 'commerce',
      types: ['order.created.v1'],
      sink: `http://test.${namespace}.svc.cluster.local`,
      config: { maxInFlightMessages: '10' },
    },
  });

  const get = async (name: string) =>
    (await custom.getNamespacedCustomObject({ ...api, namespace: ns.name, name }).catch((err: { code?: number }) => {
      if (err.code === 404) return undefined;
      throw err;
    })) as Subscription | undefined;
  const create = (body: object) => custom.createNamespacedCustomObject({ ...api, namespace: ns.name, body });
  const patchSpec = async (name: string, spec: Record<string, unknown>) => {
    const current = (await get(name))!;
    await custom.replaceNamespacedCustomObject({ ...api, namespace: ns.name, name, body: { ...current, spec: { ...current.spec, ...spec } } });
  };
  const createService = (name: string) => core.createNamespacedService({ namespace: ns.name, body: { metadata: { name }, spec: { ports: [{ port: 80 }] } } });
  const waitForStatus = async (name: string, check: (s: Subscription) => boolean, what: string) => {
    let last: Subscription | undefined;
    try {
      await waitFor(async () => {
        last = await get(name);
        return last !== undefined && check(last);
      }, TIMEOUT, what);
    } catch (err) {
      throw new Error(`${(err as Error).message}; last seen: ${JSON.stringify(last?.status)}`);
    }
    return last!;
  };
  const subject = (source: string, type: string) => `kyma.${source}.${type}`;
  const nameOf = (name: string, subj: string) => consumerName(ns.name, name, subj);

  beforeAll(async () => {
    kc = testKubeConfig();
    custom = kc.makeApiClient(CustomObjectsApi);
    core = kc.makeApiClient(CoreV1Api);
    await createCrdAndWait(kc, subscriptionCrdManifest());
    nats = await startNatsServer();
    view = await viewNats(nats.url);
  }, 60_000);

  afterAll(async () => {
    await view?.close();
    await nats?.dispose();
  });

  beforeEach(async () => {
    ns = await createTestNamespace(kc, 'ctl');
    await createService('test');
  });

  afterEach(async () => {
    await controller?.stop();
    controller = undefined;
    await ns.delete();
  });

  it('a Kyma sample becomes ready: finalizer, one consumer with the right config, a dispatch spec, Kyma conditions', async () => {
    controller = await runKubernetesController(kc, nats.url, ns.name);
    await create(kymaSample(ns.name));
    const sub = await waitForStatus('test', (s) => s.status?.ready === true, 'ready');
    const consumer = nameOf('test', subject('commerce', 'order.created.v1'));
    expect(sub.metadata.finalizers).toEqual(['eventing.kyma-project.io']);
    expect(sub.status).toEqual({
      ready: true,
      observedGeneration: 1,
      types: [{ originalType: 'order.created.v1', cleanType: 'order.created.v1' }],
      backend: { types: [{ originalType: 'order.created.v1', consumerName: consumer }] },
      conditions: [
        expect.objectContaining({ type: 'Subscription spec valid', status: 'True', reason: 'Subscription spec has no validation errors' }),
        expect.objectContaining({ type: 'Subscription active', status: 'True', reason: 'NATS Subscription active' }),
      ],
    });
    const consumers = await view.consumers();
    expect(consumers.get(consumer)).toEqual(
      expect.objectContaining({
        filterSubject: 'kyma.commerce.order.created.v1',
        maxAckPending: 10,
        deliverSubject: `_eventing.deliver.${consumer}`,
        deliverGroup: `dispatch-${consumer}`,
        maxDeliver: -1,
      }),
    );
    const spec = (await view.dispatchSpecs()).get(consumer);
    expect(spec).toEqual(expect.objectContaining({ sink: `http://test.${ns.name}.svc.cluster.local`, subject: 'kyma.commerce.order.created.v1', subscription: { namespace: ns.name, name: 'test' } }));
  }, 30_000);

  it('changes to types, source, maxInFlightMessages and sink are followed by the consumers and specs', async () => {
    controller = await runKubernetesController(kc, nats.url, ns.name);
    await create(kymaSample(ns.name, 'change'));
    await waitForStatus('change', (s) => s.status?.ready === true, 'ready');
    await createService('other');
    await patchSpec('change', { source: 'shop', types: ['order.paid.v1', 'order.shipped.v1'], config: { maxInFlightMessages: '3' }, sink: `http://other.${ns.name}.svc.cluster.local/in` });
    await waitForStatus('change', (s) => s.status?.observedGeneration === 2 && s.status.ready, 'generation 2 ready');
    const expected = [subject('shop', 'order.paid.v1'), subject('shop', 'order.shipped.v1')].map((s) => nameOf('change', s)).sort();
    await waitFor(async () => JSON.stringify([...(await view.consumers()).keys()].filter((n) => expected.includes(n) || n === nameOf('change', subject('commerce', 'order.created.v1'))).sort()) === JSON.stringify(expected), TIMEOUT, 'consumers follow');
    const consumers = await view.consumers();
    expect(expected.map((n) => consumers.get(n)?.maxAckPending)).toEqual([3, 3]);
    const specs = await view.dispatchSpecs();
    expect(expected.map((n) => specs.get(n)?.sink)).toEqual([`http://other.${ns.name}.svc.cluster.local/in`, `http://other.${ns.name}.svc.cluster.local/in`]);
    expect(specs.has(nameOf('change', subject('commerce', 'order.created.v1')))).toBe(false);
  }, 30_000);

  it('deleting a Subscription deletes its consumers and specs, then removes the finalizer', async () => {
    controller = await runKubernetesController(kc, nats.url, ns.name);
    await create(kymaSample(ns.name, 'gone'));
    await waitForStatus('gone', (s) => s.status?.ready === true, 'ready');
    const consumer = nameOf('gone', subject('commerce', 'order.created.v1'));
    expect((await view.consumers()).has(consumer)).toBe(true);
    await custom.deleteNamespacedCustomObject({ ...api, namespace: ns.name, name: 'gone' });
    await waitFor(async () => (await get('gone')) === undefined, TIMEOUT, 'object gone');
    expect((await view.consumers()).has(consumer)).toBe(false);
    expect((await view.dispatchSpecs()).has(consumer)).toBe(false);
  }, 30_000);

  it('an invalid spec is reported with the field and the reason, and gets no consumer', async () => {
    controller = await runKubernetesController(kc, nats.url, ns.name);
    await create({ ...kymaSample(ns.name, 'invalid'), spec: { ...kymaSample(ns.name).spec, sink: `http://test.elsewhere.svc.cluster.local` } });
    const sub = await waitForStatus('invalid', (s) => s.status?.conditions?.[0]?.status === 'False', 'invalid');
    expect(sub.status?.ready).toBe(false);
    expect(sub.status?.types).toEqual([]);
    expect(sub.status?.conditions).toEqual([
      expect.objectContaining({
        type: 'Subscription spec valid',
        reason: 'Subscription spec has validation errors',
        message: 'Subscription validation failed: metadata.namespace: Invalid value: "http://test.elsewhere.svc.cluster.local": must have the same namespace as the subscriber: elsewhere',
      }),
    ]);
    expect([...(await view.consumers()).keys()].filter((n) => n === nameOf('invalid', subject('commerce', 'order.created.v1')))).toEqual([]);
  }, 30_000);

  it('a missing sink Service makes it not ready with Kyma’s message; creating the Service makes it ready', async () => {
    controller = await runKubernetesController(kc, nats.url, ns.name);
    await create({ ...kymaSample(ns.name, 'nosink'), spec: { ...kymaSample(ns.name).spec, sink: `http://missing.${ns.name}.svc.cluster.local` } });
    const sub = await waitForStatus('nosink', (s) => s.status?.conditions?.[0]?.status === 'False', 'sink missing');
    expect(sub.status?.conditions?.[0]?.message).toBe(`Subscription validation failed: Sink validation failed: service missing.${ns.name} not found in the cluster`);
    await createService('missing');
    await waitForStatus('nosink', (s) => s.status?.ready === true, 'ready after the Service appears');
  }, 30_000);

  it('orphaned consumers are deleted at start; a restarted controller recreates and loses no consumer', async () => {
    controller = await runKubernetesController(kc, nats.url, ns.name);
    await create(kymaSample(ns.name, 'keep'));
    await waitForStatus('keep', (s) => s.status?.ready === true, 'ready');
    const before = await view.consumers();
    const keep = nameOf('keep', subject('commerce', 'order.created.v1'));
    await controller.stop();
    // A consumer of a Subscription that no longer exists, made as the controller makes them.
    const orphanSubject = subject('commerce', 'order.deleted.v1');
    const orphan = consumerName(ns.name, 'deleted-meanwhile', orphanSubject);
    const jsm = await jetstreamManager(view.nc);
    await jsm.consumers.add('sap', toConsumerConfig({ name: orphan, description: `${ns.name}/deleted-meanwhile/${orphanSubject}`, filterSubject: orphanSubject, deliverSubject: `_eventing.deliver.${orphan}`, deliverGroup: `dispatch-${orphan}`, maxAckPending: 10, deliverPolicy: 'new' }));
    controller = await runKubernetesController(kc, nats.url, ns.name);
    await waitFor(async () => !(await view.consumers()).has(orphan), TIMEOUT, 'orphan deleted');
    await patchSpec('keep', { config: { maxInFlightMessages: '5' } });
    await waitForStatus('keep', (s) => s.status?.observedGeneration === 2, 'second generation reconciled');
    const after = await view.consumers();
    expect(after.get(keep)?.created).toBe(before.get(keep)?.created);
    expect(after.get(keep)?.maxAckPending).toBe(5);
  }, 60_000);

  it('NATS restarted: not ready with the error while it is down, ready again by itself', async () => {
    controller = await runKubernetesController(kc, nats.url, ns.name);
    await create(kymaSample(ns.name, 'natsdown'));
    await waitForStatus('natsdown', (s) => s.status?.ready === true, 'ready');
    await nats.stop();
    try {
      await patchSpec('natsdown', { types: ['order.created.v1', 'order.paid.v1'] });
      const down = await waitForStatus('natsdown', (s) => s.status?.ready === false, 'not ready while NATS is down');
      expect(down.status?.conditions?.[1]).toEqual(expect.objectContaining({ status: 'False', reason: 'NATS Subscription not active', message: expect.stringContaining('NATS') }));
    } finally {
      await nats.restart();
    }
    await waitForStatus('natsdown', (s) => s.status?.ready === true, 'ready after NATS is back');
    expect((await view.consumers()).has(nameOf('natsdown', subject('commerce', 'order.paid.v1')))).toBe(true);
  }, 60_000);
});
