import { sinkNotFoundMessage } from './field-errors';
import { sinkServiceRef } from './sink';

describe('sinkServiceRef', () => {
  it.each<[string, { name: string; namespace: string } | undefined]>([
    ['http://my-svc.team-a.svc.cluster.local', { name: 'my-svc', namespace: 'team-a' }],
    ['https://my-svc.team-a.svc.cluster.local:8443/hook?x=1', { name: 'my-svc', namespace: 'team-a' }],
    ['https://hooks.example.com/x', undefined],
    ['http://svc.cluster.local', undefined],
    ['http://a.b.c.svc.cluster.local', undefined],
    ['http://invalid Sink', undefined],
    ['not a url', undefined],
  ])('%s → %j', (sink, ref) => {
    expect(sinkServiceRef(sink)).toEqual(ref);
  });
});

describe('sinkNotFoundMessage', () => {
  it('renders Kyma\'s sink-existence failure (reference 3.4)', () => {
    expect(sinkNotFoundMessage({ name: 'my-svc', namespace: 'team-a' })).toBe(
      'Subscription validation failed: Sink validation failed: service my-svc.team-a not found in the cluster',
    );
  });
});
