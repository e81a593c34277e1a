// The reconciler driven by tables over fakes of its ports (ARCHITECTURE.md "Tests"):
// given objects and observed JetStream state → expected actions, status and result.
import { CONDITION_TYPES } from '@eventing/subscription-api';
import { FakeJetStream, FakeServices, FakeSpecStore, FakeStore, subscription } from '../testing/fakes';
import { createReconciler } from './reconciler';

const settings = { streamName: 'sap', subjectPrefix: 'kyma', deliverPolicy: 'new', defaultMaxInFlight: 10, sinkPolicy: 'kyma', sinkRecheckMs: 30_000 } as const;
const now = () => new Date('2026-01-01T00:00:00Z');

function setup(options: { usesFinalizers?: boolean; sinkExists?: boolean } = {}) {
  const store = new FakeStore(options.usesFinalizers ?? true);
  const jetstream = new FakeJetStream();
  const specs = new FakeSpecStore();
  const services = new FakeServices();
  if (options.sinkExists ?? true) services.existing.add('ns/sink');
  const reconciler = createReconciler({ store, jetstream, specs, services, settings, now });
  return { store, jetstream, specs, services, reconciler };
}

describe('reconcile', () => {
  it('adds the finalizer first and does nothing else', async () => {
    const t = setup();
    t.store.put(subscription({ metadata: { finalizers: [] } }));
    expect(await t.reconciler.reconcile('ns/sub')).toEqual({ kind: 'ok' });
    expect(t.store.objects.get('ns/sub')?.metadata.finalizers).toEqual(['eventing.kyma-project.io']);
    expect(t.jetstream.calls).toEqual([]);
  });

  it('creates one consumer and dispatch spec per type and reports ready with Kyma conditions', async () => {
    const t = setup();
    t.store.put(subscription({ spec: { types: ['order.created.v1', 'order.paid.v1'] } }));
    expect(await t.reconciler.reconcile('ns/sub')).toEqual({ kind: 'ok' });
    expect(t.jetstream.consumers.size).toBe(2);
    expect([...t.specs.specs.values()].map((s) => s.subject)).toEqual(['kyma.myapp.order.created.v1', 'kyma.myapp.order.paid.v1']);
    const status = t.store.objects.get('ns/sub')!.status!;
    expect(status.ready).toBe(true);
    expect(status.backend?.types?.map((b) => b.consumerName)).toEqual([...t.jetstream.consumers.keys()]);
    expect(status.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([`${CONDITION_TYPES.subscriptionSpecValid}=True`, `${CONDITION_TYPES.subscriptionActive}=True`]);
    expect(t.specs.summaries.get('ns/sub')?.types).toEqual(['order.created.v1', 'order.paid.v1']);
  });

  it('writes the status only when it changed', async () => {
    const t = setup();
    t.store.put(subscription());
    await t.reconciler.reconcile('ns/sub');
    await t.reconciler.reconcile('ns/sub');
    expect(t.store.statusWrites).toHaveLength(1);
    expect(t.jetstream.calls).toHaveLength(1);
  });

  it.each([
    ['a type is removed', { types: ['order.paid.v1'] }, ['delete', 'create']],
    ['the source changes', { source: 'other' }, ['delete', 'create']],
    ['maxInFlightMessages changes', { config: { maxInFlightMessages: '3' } }, ['update']],
    ['the sink changes', { sink: 'http://sink.ns.svc.cluster.local/other' }, []],
  ])('when %s, the consumers follow', async (_name, change, calls) => {
    const t = setup();
    t.store.put(subscription({ spec: { types: ['order.created.v1'] } }));
    await t.reconciler.reconcile('ns/sub');
    t.jetstream.calls.length = 0;
    const current = t.store.objects.get('ns/sub')!;
    t.store.put({ ...current, metadata: { ...current.metadata, generation: 2 }, spec: { ...current.spec, ...change } });
    expect(await t.reconciler.reconcile('ns/sub')).toEqual({ kind: 'ok' });
    expect(t.jetstream.calls.map((c) => c.split(' ')[0])).toEqual(calls);
    expect([...t.specs.specs.values()].map((s) => s.consumer).sort()).toEqual([...t.jetstream.consumers.keys()].sort());
    expect([...t.specs.specs.values()][0]?.sink).toBe(t.store.objects.get('ns/sub')!.spec.sink);
    expect(t.store.objects.get('ns/sub')!.status?.observedGeneration).toBe(2);
  });

  it('an invalid spec gets Kyma’s message, no consumers, and a terminal result', async () => {
    const t = setup();
    t.store.put(subscription({ spec: { sink: 'test' } }));
    const result = await t.reconciler.reconcile('ns/sub');
    expect(result.kind).toBe('terminal');
    const status = t.store.objects.get('ns/sub')!.status!;
    expect(status.conditions?.[0]?.message).toBe(`Subscription validation failed: spec.sink: Invalid value: "test": must have URL scheme 'http' or 'https'`);
    expect(t.jetstream.consumers.size).toBe(0);
    expect(t.specs.summaries.has('ns/sub')).toBe(true);
  });

  it('a missing sink Service: not ready with Kyma’s message, consumers kept, looked at again later', async () => {
    const t = setup();
    t.store.put(subscription());
    await t.reconciler.reconcile('ns/sub');
    t.services.existing.clear();
    expect(await t.reconciler.reconcile('ns/sub')).toEqual({ kind: 'requeueAfter', delayMs: 30_000 });
    const status = t.store.objects.get('ns/sub')!.status!;
    expect(status.ready).toBe(false);
    expect(status.conditions?.map((c) => c.message)).toEqual(['Subscription validation failed: Sink validation failed: service sink.ns not found in the cluster']);
    expect(t.jetstream.consumers.size).toBe(1);
    expect(t.specs.specs.size).toBe(0);
  });

  it('NATS down: not ready with the error, retried with backoff, ready again once it is back', async () => {
    const t = setup();
    t.store.put(subscription());
    t.jetstream.down = true;
    const result = await t.reconciler.reconcile('ns/sub');
    expect(result.kind).toBe('error');
    expect(t.store.objects.get('ns/sub')!.status?.conditions?.[1]?.message).toBe('failed to connect to NATS JetStream: connection is disconnected');
    t.jetstream.down = false;
    expect(await t.reconciler.reconcile('ns/sub')).toEqual({ kind: 'ok' });
    expect(t.store.objects.get('ns/sub')!.status?.ready).toBe(true);
  });

  it('deletion removes consumers, specs and summary, then the finalizer', async () => {
    const t = setup();
    t.store.put(subscription());
    await t.reconciler.reconcile('ns/sub');
    const current = t.store.objects.get('ns/sub')!;
    t.store.put({ ...current, metadata: { ...current.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } });
    expect(await t.reconciler.reconcile('ns/sub')).toEqual({ kind: 'ok' });
    expect(t.jetstream.consumers.size).toBe(0);
    expect(t.specs.specs.size).toBe(0);
    expect(t.specs.summaries.size).toBe(0);
    expect(t.store.objects.get('ns/sub')!.metadata.finalizers).toEqual([]);
  });

  it('deletion failing keeps the finalizer and says why', async () => {
    const t = setup();
    t.store.put(subscription());
    await t.reconciler.reconcile('ns/sub');
    const current = t.store.objects.get('ns/sub')!;
    t.store.put({ ...current, metadata: { ...current.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } });
    t.jetstream.down = true;
    expect((await t.reconciler.reconcile('ns/sub')).kind).toBe('error');
    expect(t.store.objects.get('ns/sub')!.metadata.finalizers).toEqual(['eventing.kyma-project.io']);
    expect(t.store.objects.get('ns/sub')!.status?.conditions?.[1]?.message).toMatch(/^failed to delete JetStream subscription: /);
  });

  it('folder mode: no finalizers, and a subscription that disappears has its consumers removed', async () => {
    const t = setup({ usesFinalizers: false });
    t.store.put(subscription({ metadata: { finalizers: [] } }));
    await t.reconciler.reconcile('ns/sub');
    expect(t.jetstream.consumers.size).toBe(1);
    t.store.objects.delete('ns/sub');
    expect(await t.reconciler.reconcile('ns/sub')).toEqual({ kind: 'ok' });
    expect(t.jetstream.consumers.size).toBe(0);
    expect(t.specs.specs.size + t.specs.summaries.size).toBe(0);
  });
});
