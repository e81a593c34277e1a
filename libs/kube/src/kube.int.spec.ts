// The Kubernetes adapter against the real kube-apiserver (jest's global setup starts it): the
// Subscription CRD from generateSubscriptionCrd(), one namespace per test.
import { CoreV1Api, type KubeConfig, type V1CustomResourceDefinition } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { createCrdAndWait, createTestNamespace, testKubeConfig, waitFor, type TestNamespace } from '@eventing/testing';
import { generateSubscriptionCrd } from '@eventing/subscription-api';
import {
  ConflictError,
  createLeaderElector,
  createServiceClient,
  createSubscriptionClient,
  watchSubscriptions,
  type CustomResourceClient,
  type KubeObject,
  type ObjectChange,
} from './index';

const subscription = (namespace: string, name: string, types = ['order.created.v1']): KubeObject => ({
  apiVersion: 'eventing.kyma-project.io/v1alpha2',
  kind: 'Subscription',
  metadata: { name, namespace },
  spec: { sink: `http://sink.${namespace}.svc.cluster.local`, source: 'myapp', types },
});

describe('kube adapter on a real API server', () => {
  let kc: KubeConfig;
  let ns: TestNamespace;
  let client: CustomResourceClient;

  beforeAll(async () => {
    kc = testKubeConfig();
    await createCrdAndWait(kc, parse(generateSubscriptionCrd()) as V1CustomResourceDefinition);
    client = createSubscriptionClient(kc);
  });

  beforeEach(async () => {
    ns = await createTestNamespace(kc, 'kube');
  });

  afterEach(async () => {
    await ns.delete();
  });

  it('answers undefined for a missing object and a ConflictError for a stale finalizer update', async () => {
    expect(await client.get(ns.name, 'missing')).toBeUndefined();
    const created = await client.create(ns.name, subscription(ns.name, 'a'));
    const updated = await client.updateFinalizers(ns.name, 'a', created.metadata.resourceVersion, ['eventing.kyma-project.io']);
    expect(updated?.metadata.finalizers).toEqual(['eventing.kyma-project.io']);
    await expect(client.updateFinalizers(ns.name, 'a', created.metadata.resourceVersion, [])).rejects.toBeInstanceOf(ConflictError);
    await client.updateFinalizers(ns.name, 'a', updated?.metadata.resourceVersion, []);
  });

  it('merge-patches the status subresource and removes members that disappear', async () => {
    await client.create(ns.name, subscription(ns.name, 'b'));
    const first = { ready: true, types: [{ originalType: 'order.created.v1', cleanType: 'order.created.v1' }], backend: { types: [{ originalType: 'order.created.v1', consumerName: 'abc' }] } };
    await client.patchStatus(ns.name, 'b', undefined, first);
    const second = { ready: false, types: [], backend: {} };
    const after = await client.patchStatus(ns.name, 'b', first, second);
    expect(after?.['status']).toEqual(second);
  });

  it('tells whether a Service exists', async () => {
    const services = createServiceClient(kc);
    expect(await services.exists(ns.name, 'sink')).toBe(false);
    await kc.makeApiClient(CoreV1Api).createNamespacedService({ namespace: ns.name, body: { metadata: { name: 'sink' }, spec: { ports: [{ port: 80 }] } } });
    expect(await services.exists(ns.name, 'sink')).toBe(true);
  });

  it('the informer lists, then reports additions, changes and deletions by key', async () => {
    await client.create(ns.name, subscription(ns.name, 'before'));
    const informer = watchSubscriptions(kc, { namespace: ns.name });
    const changes: ObjectChange[] = [];
    informer.onChange((c) => changes.push(c));
    informer.start();
    try {
      await informer.synced();
      expect(informer.get(`${ns.name}/before`)).toBeDefined();
      await client.create(ns.name, subscription(ns.name, 'after'));
      await client.patchStatus(ns.name, 'after', undefined, { ready: false, types: [] });
      await client.delete(ns.name, 'before');
      await waitFor(() => changes.some((c) => c.kind === 'deleted' && c.key === `${ns.name}/before`), 15_000, 'deletion seen');
      expect(changes.map((c) => `${c.kind} ${c.key}`)).toEqual([
        `added ${ns.name}/before`,
        `added ${ns.name}/after`,
        `modified ${ns.name}/after`,
        `deleted ${ns.name}/before`,
      ]);
      expect(informer.list().map((o) => o.metadata.name)).toEqual(['after']);
    } finally {
      await informer.stop();
    }
  });

  it('one of two leader electors holds the lease, and the other takes over after a release', async () => {
    const options = { kc, namespace: ns.name, name: 'controller-leader', retryPeriodMs: 100, leaseDurationMs: 5_000, renewDeadlineMs: 3_000 };
    const a = createLeaderElector({ ...options, identity: 'a' });
    const b = createLeaderElector({ ...options, identity: 'b' });
    const leaders: string[] = [];
    a.run({ onStartedLeading: () => leaders.push('a'), onStoppedLeading: () => undefined });
    await waitFor(() => a.isLeader(), 10_000, 'a leads');
    b.run({ onStartedLeading: () => leaders.push('b'), onStoppedLeading: () => undefined });
    expect(await b.tryAcquireOrRenew()).toBe(false);
    await a.stop();
    await waitFor(() => b.isLeader(), 10_000, 'b leads after a released');
    await b.stop();
    expect(leaders).toEqual(['a', 'b']);
  });
});
