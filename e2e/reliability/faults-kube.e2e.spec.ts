// The API server restarted under a steady publisher (SPEC sections 4 and 6), with the controller
// in Kubernetes mode on a private kube-apiserver: delivery goes on while it is away (the data
// path never touches Kubernetes), nothing is lost, and the controller's watch resumes afterwards.
import { waitFor } from '@eventing/testing';
import { startEventSink, type EventSink } from './support/event-sink';
import { runFaultJourney } from './support/fault-journey';
import { startKubeSystem, type KubeSystem } from './support/kube-system';

describe('reliability: the API server restarted (controller in Kubernetes mode)', () => {
  let kube: KubeSystem;
  let sink: EventSink;

  beforeAll(async () => {
    kube = await startKubeSystem({ dispatchers: 1 });
    sink = await startEventSink();
  }, 180_000);
  afterAll(async () => {
    await kube?.stop();
    await sink?.close();
  }, 60_000);

  it('kube-apiserver restarted mid-stream: every acknowledged event is delivered; Subscriptions created afterwards become ready', async () => {
    const { system } = kube;
    await system.subscribe({ name: 'apirestart', sink: sink.url, types: ['apirestart.created.v1'], maxInFlight: 100 });
    await system.waitReady('apirestart');
    let watchRecoveryMs = -1;
    const result = await runFaultJourney({
      name: 'apirestart',
      type: 'apirestart.created.v1',
      system,
      sink,
      fault: async () => {
        await kube.env.restart();
        // The controller follows the API server again: a Subscription created now is reconciled.
        const restarted = Date.now();
        await waitFor(
          () => system.subscribe({ name: 'afterrestart', sink: sink.url, types: ['afterrestart.created.v1'] }).then(() => true, () => false),
          30_000,
          'API server accepting writes',
        );
        await system.waitReady('afterrestart', 60_000);
        watchRecoveryMs = Date.now() - restarted;
      },
      summaryExtra: () => ({ watchRecoveryMs }),
    });
    expect(result.counts.lostIds).toEqual([]);
    expect(result.publisher.errors()).toBe(0);
    expect((await kube.read('apirestart'))?.status?.ready).toBe(true);
  }, 240_000);
});
