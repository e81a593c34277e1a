import { Writable } from 'node:stream';
import type { DispatchSpec, KvChange } from '@eventing/jetstream';
import { createLogger } from '@eventing/platform';
import { waitFor } from '@eventing/testing';
import type { ConsumerLoop } from './consumer-loop';
import { createConsumerRegistry, needsRebind, parseDispatchSpec } from './consumer-registry';

const base: DispatchSpec = {
  consumer: 'c1',
  stream: 'sap',
  subject: 'kyma.app.a.b',
  deliverSubject: '_eventing.deliver.c1',
  deliverGroup: 'dispatch-c1',
  subscription: { namespace: 'ns', name: 'sub' },
  sink: 'http://sink.ns.svc.cluster.local/',
  typeMatching: 'standard',
  source: 'app',
  originalType: 'a.b',
  cleanType: 'a.b',
  maxInFlight: 10,
  policy: { maxDeliveries: 5, initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2, timeoutMs: 500 },
};

/** A spec watch the test drives by hand. */
function fakeSpecs() {
  let emit: ((change: KvChange<DispatchSpec>) => void) | undefined;
  let watches = 0;
  return {
    store: {
      watch: (onChange: (change: KvChange<DispatchSpec>) => void, signal: AbortSignal) =>
        new Promise<void>((resolve) => {
          watches += 1;
          emit = onChange;
          signal.addEventListener('abort', () => resolve(), { once: true });
        }),
    },
    put: (value: DispatchSpec) => emit?.({ kind: 'put', key: value.consumer, value }),
    del: (key: string) => emit?.({ kind: 'delete', key }),
    watches: () => watches,
  };
}

function fakeLoops() {
  const events: string[] = [];
  const startLoop = (spec: DispatchSpec): ConsumerLoop => {
    events.push(`start ${spec.consumer} ${spec.deliverSubject}`);
    return {
      consumer: spec.consumer,
      update: (next) => events.push(`update ${next.consumer} ${next.sink}`),
      stop: async (drainMs) => {
        events.push(`stop ${spec.consumer} ${spec.deliverSubject} drain=${drainMs}`);
      },
      bound: () => true,
      inFlight: () => 0,
    };
  };
  return { events, startLoop };
}

const silent = createLogger({ name: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

describe('consumer registry', () => {
  it('starts delivering for a new spec, updates a changed sink in place, and stops on delete', async () => {
    const specs = fakeSpecs();
    const loops = fakeLoops();
    const registry = createConsumerRegistry({ specs: specs.store, startLoop: loops.startLoop, logger: silent });
    registry.start();
    await waitFor(() => registry.watching());
    specs.put(base);
    specs.put({ ...base, sink: 'http://other.ns.svc.cluster.local/' });
    expect(registry.consumers()).toEqual(['c1']);
    specs.del('c1');
    await waitFor(() => loops.events.length === 3);
    expect(loops.events).toEqual([
      'start c1 _eventing.deliver.c1',
      'update c1 http://other.ns.svc.cluster.local/',
      'stop c1 _eventing.deliver.c1 drain=500',
    ]);
    expect(registry.consumers()).toEqual([]);
    await registry.stop(100);
  });

  it('rebinds when the deliver subject changes', async () => {
    const specs = fakeSpecs();
    const loops = fakeLoops();
    const registry = createConsumerRegistry({ specs: specs.store, startLoop: loops.startLoop, logger: silent });
    registry.start();
    await waitFor(() => registry.watching());
    specs.put(base);
    specs.put({ ...base, deliverSubject: '_eventing.deliver.c1.v2' });
    await waitFor(() => loops.events.length === 3);
    expect(loops.events).toEqual(['start c1 _eventing.deliver.c1', 'stop c1 _eventing.deliver.c1 drain=500', 'start c1 _eventing.deliver.c1.v2']);
    await registry.stop(100);
  });

  it('ignores a delete for a consumer it does not run', async () => {
    const specs = fakeSpecs();
    const loops = fakeLoops();
    const registry = createConsumerRegistry({ specs: specs.store, startLoop: loops.startLoop, logger: silent });
    registry.start();
    await waitFor(() => registry.watching());
    specs.del('unknown');
    expect(loops.events).toEqual([]);
    await registry.stop(100);
  });

  it('watches again after rewatch() (after a reconnect) and stops every loop on stop()', async () => {
    const specs = fakeSpecs();
    const loops = fakeLoops();
    const registry = createConsumerRegistry({ specs: specs.store, startLoop: loops.startLoop, logger: silent });
    registry.start();
    await waitFor(() => registry.watching());
    specs.put(base);
    registry.rewatch();
    await waitFor(() => specs.watches() === 2);
    specs.put(base);
    await registry.stop(250);
    expect(loops.events).toEqual(['start c1 _eventing.deliver.c1', 'update c1 http://sink.ns.svc.cluster.local/', 'stop c1 _eventing.deliver.c1 drain=250']);
    expect(registry.watching()).toBe(false);
  });

  it.each<[string, Partial<DispatchSpec>, boolean]>([
    ['sink', { sink: 'http://x/' }, false],
    ['policy', { policy: { ...base.policy, maxDeliveries: 1 } }, false],
    ['maxInFlight (server-side only)', { maxInFlight: 1 }, false],
    ['deliver subject', { deliverSubject: 'x' }, true],
    ['deliver group', { deliverGroup: 'x' }, true],
    ['stream', { stream: 'other' }, true],
  ])('a changed %s needs a rebind: %s', (_name, change, expected) => {
    expect(needsRebind(base, { ...base, ...change })).toBe(expected);
  });

  it('accepts a well-formed spec and refuses one without a usable sink', () => {
    expect(parseDispatchSpec(JSON.parse(JSON.stringify(base)))).toEqual(base);
    expect(() => parseDispatchSpec({ ...base, sink: 'not a url' })).toThrow();
    expect(() => parseDispatchSpec({ ...base, policy: { ...base.policy, timeoutMs: 0 } })).toThrow();
  });
});
