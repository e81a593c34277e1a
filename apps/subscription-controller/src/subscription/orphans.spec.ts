import { consumerName } from '@eventing/jetstream';
import { FakeJetStream, FakeSpecStore, FakeStore, subscription } from '../testing/fakes';
import { cleanUpOrphans, isOwnConsumer } from './orphans';
import { desiredState } from './plan';

const settings = { streamName: 'sap', subjectPrefix: 'kyma', deliverPolicy: 'new', defaultMaxInFlight: 10 } as const;

describe('cleanUpOrphans', () => {
  it('deletes our consumers, specs and summaries that no current Subscription owns, and nothing else', async () => {
    const store = new FakeStore();
    const jetstream = new FakeJetStream();
    const specs = new FakeSpecStore();
    const live = subscription({ name: 'live' });
    store.put(live);
    const wanted = desiredState(live, settings);
    const gone = desiredState(subscription({ name: 'gone' }), settings);
    for (const d of [wanted, gone]) {
      for (const c of d.consumers) await jetstream.createConsumer(c);
      for (const s of d.specs) await specs.putSpec(s);
      await specs.putSummary(d.summary);
    }
    const foreign = { name: 'someone-elses', description: 'not ours', filterSubject: 'kyma.x', deliverSubject: '', deliverGroup: '', maxAckPending: 1 };
    jetstream.consumers.set(foreign.name, foreign);

    const report = await cleanUpOrphans({ store, jetstream, specs, settings });

    expect(report).toEqual({ consumers: [gone.consumers[0]!.name], specs: [gone.consumers[0]!.name], summaries: ['ns/gone'] });
    expect([...jetstream.consumers.keys()].sort()).toEqual([wanted.consumers[0]!.name, 'someone-elses'].sort());
  });

  it.each([
    ['a consumer named as we name them', { name: consumerName('ns', 'a', 'kyma.x.y'), description: 'ns/a/kyma.x.y' }, true],
    ['a consumer with another name', { name: 'custom', description: 'ns/a/kyma.x.y' }, false],
    ['a consumer without our description', { name: 'custom', description: '' }, false],
  ])('recognises %s', (_name, consumer, expected) => {
    expect(isOwnConsumer(consumer)).toBe(expected);
  });
});
