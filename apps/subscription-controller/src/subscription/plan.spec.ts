import { consumerName } from '@eventing/jetstream';
import { subscription } from '../testing/fakes';
import { desiredState, planInvalid, planPause, planRemoval, planSync, type ObservedState } from './plan';

const settings = { streamName: 'sap', subjectPrefix: 'kyma', deliverPolicy: 'new', defaultMaxInFlight: 10 } as const;
const none: ObservedState = { consumers: new Map(), owned: [], specs: new Map() };

describe('desiredState', () => {
  it.each([
    ['standard: subject has the cleaned source', { source: 'my app', types: ['order.created.v1'] }, 'kyma.myapp.order.created.v1'],
    ['exact: subject is the prefix and the type', { typeMatching: 'exact', source: '', types: ['sap.kyma.custom.app.order.created.v1'] }, 'kyma.sap.kyma.custom.app.order.created.v1'],
    ['standard: type cleaned', { source: 'app', types: ['order.payment*success.v1'] }, 'kyma.app.order.paymentsuccess.v1'],
  ])('%s', (_name, spec, subject) => {
    const desired = desiredState(subscription({ spec }), settings);
    expect(desired.consumers).toEqual([
      expect.objectContaining({
        name: consumerName('ns', 'sub', subject),
        description: `ns/sub/${subject}`,
        filterSubject: subject,
        deliverSubject: `_eventing.deliver.${consumerName('ns', 'sub', subject)}`,
        deliverGroup: `dispatch-${consumerName('ns', 'sub', subject)}`,
        maxAckPending: 10,
        deliverPolicy: 'new',
      }),
    ]);
    expect(desired.specs[0]).toEqual(expect.objectContaining({ consumer: desired.consumers[0]!.name, subject, stream: 'sap', sink: 'http://sink.ns.svc.cluster.local/events' }));
  });

  it.each([
    ['the configured value', { maxInFlightMessages: '25' }, 25],
    ['the default when unparseable', { maxInFlightMessages: 'x' }, 10],
    ['at least 1 for zero', { maxInFlightMessages: '0' }, 1],
    ['at least 1 for negative values', { maxInFlightMessages: '-1' }, 1],
  ])('MaxAckPending is %s', (_name, config, expected) => {
    expect(desiredState(subscription({ spec: { config } }), settings).consumers[0]!.maxAckPending).toBe(expected);
  });

  it('gives one backend type per spec type in spec order, and one consumer per distinct subject', () => {
    const desired = desiredState(subscription({ spec: { types: ['order.created.v1', 'order.crea*ted.v1', 'order.paid.v1'] } }), settings);
    expect(desired.backendTypes.map((t) => t.originalType)).toEqual(['order.created.v1', 'order.crea*ted.v1', 'order.paid.v1']);
    expect(desired.backendTypes[0]!.consumerName).toBe(desired.backendTypes[1]!.consumerName);
    expect(desired.consumers).toHaveLength(2);
  });
});

describe('planSync', () => {
  const sub = subscription({ spec: { types: ['order.created.v1', 'order.paid.v1'] } });
  const desired = desiredState(sub, settings);
  const [a, b] = desired.consumers as [(typeof desired.consumers)[0], (typeof desired.consumers)[0]];
  const existing = (spec: typeof a, change: Record<string, unknown> = {}) => ({ ...spec, ...change });

  it.each([
    ['creates missing consumers and writes their specs', none, { create: [a.name, b.name], update: [], recreate: [], remove: [], put: 2, drop: [] }],
    [
      'leaves matching consumers and specs alone',
      { consumers: new Map([[a.name, existing(a)], [b.name, existing(b)]]), owned: [], specs: new Map(desired.specs.map((s) => [s.consumer, s])), summary: desired.summary },
      { create: [], update: [], recreate: [], remove: [], put: 0, drop: [] },
    ],
    [
      'updates a consumer in place when MaxAckPending changed',
      { consumers: new Map([[a.name, existing(a, { maxAckPending: 3 })], [b.name, existing(b)]]), owned: [], specs: new Map(desired.specs.map((s) => [s.consumer, s])), summary: desired.summary },
      { create: [], update: [a.name], recreate: [], remove: [], put: 0, drop: [] },
    ],
    [
      'recreates a consumer whose filter subject differs',
      { consumers: new Map([[a.name, existing(a, { filterSubject: 'kyma.other' })], [b.name, existing(b)]]), owned: [], specs: new Map(desired.specs.map((s) => [s.consumer, s])), summary: desired.summary },
      { create: [], update: [], recreate: [a.name], remove: [], put: 0, drop: [] },
    ],
    [
      'deletes owned consumers and specs of removed types',
      {
        consumers: new Map([[a.name, existing(a)], [b.name, existing(b)]]),
        owned: ['old-consumer'],
        specs: new Map([...desired.specs.map((s) => [s.consumer, s] as const), ['old-spec', { ...desired.specs[0]!, consumer: 'old-spec' }]]),
        summary: desired.summary,
      },
      { create: [], update: [], recreate: [], remove: ['old-consumer', 'old-spec'], put: 0, drop: ['old-spec'] },
    ],
  ])('%s', (_name, observed, expected) => {
    const plan = planSync(desired, observed as ObservedState);
    expect(plan.createConsumers.map((c) => c.name)).toEqual(expected.create);
    expect(plan.updateConsumers.map((c) => c.name)).toEqual(expected.update);
    expect(plan.recreateConsumers.map((c) => c.name)).toEqual(expected.recreate);
    expect(plan.deleteConsumers).toEqual(expected.remove);
    expect(plan.putSpecs).toHaveLength(expected.put);
    expect(plan.deleteSpecs).toEqual(expected.drop);
  });

  it('rewrites a dispatch spec when the sink changed, without touching the consumer', () => {
    const observed: ObservedState = {
      consumers: new Map([[a.name, existing(a)], [b.name, existing(b)]]),
      owned: [],
      specs: new Map(desired.specs.map((s) => [s.consumer, { ...s, sink: 'http://old.ns.svc.cluster.local' }])),
      summary: desired.summary,
    };
    const plan = planSync(desired, observed);
    expect(plan.putSpecs.map((s) => s.sink)).toEqual(['http://sink.ns.svc.cluster.local/events', 'http://sink.ns.svc.cluster.local/events']);
    expect(plan.createConsumers.length + plan.updateConsumers.length).toBe(0);
  });

  it('writes the summary only when it changed', () => {
    expect(planSync(desired, none).putSummary).toEqual({ namespace: 'ns', name: 'sub', source: 'myapp', types: ['order.created.v1', 'order.paid.v1'], typeMatching: 'standard' });
    expect(planSync(desired, { ...none, summary: desired.summary }).putSummary).toBeUndefined();
  });
});

describe('plans for invalid, paused and removed subscriptions', () => {
  const desired = desiredState(subscription(), settings);
  const observed: ObservedState = { consumers: new Map(), owned: ['c1'], specs: new Map([['c2', { ...desired.specs[0]!, consumer: 'c2' }]]), summary: desired.summary };

  it('invalid: every owned consumer and spec goes, the summary stays', () => {
    const plan = planInvalid(desired.summary, observed);
    expect(plan.deleteConsumers).toEqual(['c1', 'c2']);
    expect(plan.deleteSpecs).toEqual(['c2']);
    expect(plan.deleteSummary).toBe(false);
  });

  it('sink missing: the specs go, the consumers stay (no event lost)', () => {
    const plan = planPause(desired.summary, observed);
    expect(plan.deleteConsumers).toEqual([]);
    expect(plan.deleteSpecs).toEqual(['c2']);
  });

  it('removed: consumers, specs and the summary go', () => {
    const plan = planRemoval(observed);
    expect(plan.deleteConsumers).toEqual(['c1', 'c2']);
    expect(plan.deleteSummary).toBe(true);
  });
});
