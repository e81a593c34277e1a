// Hostile Subscriptions in Kubernetes mode with Kyma's sink policy (SPEC section 3, reference
// 3.4): what the CRD can judge is refused by the API server at admission; what needs the
// controller (sinks aimed at other namespaces, the API server, the metadata endpoint, a missing
// Service) is refused in status with its reason and gets no consumer. A good one beside them works.
import { CoreV1Api } from '@kubernetes/client-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DEFAULT_STREAM_NAME } from '@eventing/jetstream';
import { waitFor } from '@eventing/testing';
import { startKubeSystem, SUBSCRIPTIONS_API, type KubeSystem } from './support/kube-system';
import { subscriptionManifest } from './support/system';

type Overrides = { name?: string; types?: string[]; sink?: string };
const many = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i));

describe('reliability: hostile Subscriptions in Kubernetes mode (SINK_POLICY=kyma)', () => {
  let kube: KubeSystem;
  let ns: string;

  beforeAll(async () => {
    kube = await startKubeSystem({ dispatchers: 0, controllerEnv: { SINK_POLICY: 'kyma' } });
    ns = kube.namespace;
    await kube.kc.makeApiClient(CoreV1Api).createNamespacedService({
      namespace: ns,
      body: { metadata: { name: 'events' }, spec: { ports: [{ port: 80 }] } },
    });
  }, 180_000);
  afterAll(async () => {
    await kube?.stop();
  }, 60_000);

  const create = (name: string, overrides: Overrides) =>
    kube.custom
      .createNamespacedCustomObject({ ...SUBSCRIPTIONS_API, namespace: ns, body: subscriptionManifest({ name, sink: `http://events.${ns}.svc.cluster.local/`, ...overrides }, ns) })
      .then(
        () => undefined,
        (err: { code?: number; body?: string }) => ({ code: err.code, message: String((JSON.parse(err.body ?? '{}') as { message?: string }).message) }),
      );

  it.each<[string, Overrides, RegExp]>([
    ['10,000 types', { types: many(10_000, (i) => `order.t${i}.v1`) }, /spec\.types: Too many: 10000: must have at most 100 items/],
    ['a 100 kB type', { types: [`order.${'x'.repeat(100_000)}.v1`] }, /spec\.types\[0\]: Too long: may not be more than 1024 (bytes|characters)/],
    ['a 300-character name', { name: 'n'.repeat(300) }, /metadata\.name: Invalid value: .*must be no more than 253 characters/],
    ['a sink that is no http URL', { sink: 'ftp://nowhere' }, /spec\.sink/],
  ])('the API server refuses %s at admission', async (_what, overrides, expected) => {
    const refusal = await create(overrides.name ?? `admission-${Math.random().toString(36).slice(2, 8)}`, overrides);
    expect(refusal).toEqual({ code: 422, message: expect.stringMatching(expected) });
  });

  it('the controller refuses sinks at other namespaces, at the API server, at the metadata endpoint or at a missing Service, in status; the good one is ready', async () => {
    const cases: Array<[string, string, string]> = [
      ['api-server', 'https://kubernetes.default.svc.cluster.local/api', `Subscription validation failed: metadata.namespace: Invalid value: "https://kubernetes.default.svc.cluster.local/api": must have the same namespace as the subscriber: default`],
      ['other-namespace', 'http://payments.kube-system.svc.cluster.local/', `Subscription validation failed: metadata.namespace: Invalid value: "http://payments.kube-system.svc.cluster.local/": must have the same namespace as the subscriber: kube-system`],
      ['metadata', 'http://169.254.169.254/latest/meta-data', `Subscription validation failed: spec.sink: Invalid value: "http://169.254.169.254/latest/meta-data": must have valid sink URL suffix svc.cluster.local`],
      ['missing-service', `http://missing.${ns}.svc.cluster.local/`, `Subscription validation failed: Sink validation failed: service missing.${ns} not found in the cluster`],
    ];
    for (const [name, sink] of cases) expect(await create(name, { sink, types: [`${name.replace(/-/g, '')}.created.v1`] })).toBeUndefined();
    expect(await create('fine', { types: ['fine.created.v1'] })).toBeUndefined();
    await kube.system.waitReady('fine');
    const message = async (name: string) => (await kube.read(name))?.status?.conditions?.find((c) => c.status === 'False')?.message;
    await waitFor(async () => (await Promise.all(cases.map(([name]) => message(name)))).every(Boolean), 30_000, 'every hostile Subscription has its reason');
    for (const [name, , expected] of cases) {
      expect([name, (await kube.read(name))?.status?.ready, await message(name)]).toEqual([name, false, expected]);
    }
    const consumers: string[] = [];
    for await (const info of (await jetstreamManager(kube.system.nc)).consumers.list(DEFAULT_STREAM_NAME)) consumers.push(info.config.description ?? '');
    expect(consumers).toEqual([`${ns}/fine/kyma.myapp.fine.created.v1`]);
    console.log(`reliability hostile-kube: refusedAtAdmission=4 refusedInStatus=${cases.length} ready=1 controllerAlive=${!kube.system.controllerExited()}`);
    expect(kube.system.controllerExited()).toBe(false);
  }, 90_000);
});
