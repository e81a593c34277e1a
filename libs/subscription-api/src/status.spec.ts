import {
  CONDITION_REASONS,
  CONDITION_TYPES,
  computeStatusTypes,
  statusEqual,
  statusForActive,
  statusForDeletionFailure,
  statusForNotActive,
  statusForValidationFailure,
  toKubernetesTime,
} from './status';
import type { SubscriptionStatus } from './types';

const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:05:00Z';
const types = [{ originalType: 'order.created.v1', cleanType: 'order.created.v1' }];
const backendTypes = [{ originalType: 'order.created.v1', consumerName: 'ff3bcb7ee7ad68c0b789858f3e1116b2' }];

describe('computeStatusTypes (reference 4.2)', () => {
  it('de-duplicates in spec order and cleans standard types', () => {
    expect(computeStatusTypes({ typeMatching: 'standard', types: ['order.pay*ment.v1', 'a>b.c', 'order.pay*ment.v1'] })).toEqual([
      { originalType: 'order.pay*ment.v1', cleanType: 'order.payment.v1' },
      { originalType: 'a>b.c', cleanType: 'ab.c' },
    ]);
  });

  it('keeps exact types verbatim', () => {
    expect(computeStatusTypes({ typeMatching: 'exact', types: ['sap.kyma.custom.app.order.created.v1', 'a>b.c'] })).toEqual([
      { originalType: 'sap.kyma.custom.app.order.created.v1', cleanType: 'sap.kyma.custom.app.order.created.v1' },
      { originalType: 'a>b.c', cleanType: 'a>b.c' },
    ]);
  });
});

describe('statusForActive', () => {
  it('writes the fresh ready status of reference 3.3, spec valid first', () => {
    expect(statusForActive(types, backendTypes, T0)).toEqual({
      ready: true,
      types,
      backend: { types: backendTypes },
      conditions: [
        { type: 'Subscription spec valid', status: 'True', reason: 'Subscription spec has no validation errors', message: '', lastTransitionTime: T0 },
        { type: 'Subscription active', status: 'True', reason: 'NATS Subscription active', message: '', lastTransitionTime: T0 },
      ],
    });
  });

  it('keeps lastTransitionTime of conditions whose status did not change', () => {
    const previous = statusForActive(types, backendTypes, T0);
    const next = statusForActive(types, backendTypes, T1, previous);
    expect(next.conditions!.map((c) => c.lastTransitionTime)).toEqual([T0, T0]);
    expect(statusEqual(previous, next)).toBe(true);
  });

  it('moves lastTransitionTime only for the condition that flipped', () => {
    const failing = statusForNotActive('nats: connection closed', types, backendTypes, T0);
    const active = statusForActive(types, backendTypes, T1, failing);
    expect(active.conditions!.map((c) => [c.type, c.lastTransitionTime])).toEqual([
      [CONDITION_TYPES.subscriptionSpecValid, T0],
      [CONDITION_TYPES.subscriptionActive, T1],
    ]);
  });

  it('preserves the order and the presence of existing conditions', () => {
    const previous: SubscriptionStatus = {
      ready: false,
      types: [],
      conditions: [
        { type: CONDITION_TYPES.subscriptionActive, status: 'False', reason: CONDITION_REASONS.natsSubscriptionNotActive, message: 'x', lastTransitionTime: T0 },
        { type: CONDITION_TYPES.subscribed, status: 'True', lastTransitionTime: T0 },
      ],
    };
    expect(statusForActive(types, backendTypes, T1, previous).conditions!.map((c) => c.type)).toEqual([
      CONDITION_TYPES.subscriptionActive,
      CONDITION_TYPES.subscribed,
      CONDITION_TYPES.subscriptionSpecValid,
    ]);
  });

  it('carries observedGeneration and delivery health over unless given', () => {
    const previous = statusForActive(types, backendTypes, T0, undefined, { observedGeneration: 3, delivery: { pending: 2 } });
    expect(statusForActive(types, backendTypes, T1, previous)).toMatchObject({ observedGeneration: 3, delivery: { pending: 2 } });
    expect(statusForActive(types, backendTypes, T1, previous, { observedGeneration: 4 })).toMatchObject({ observedGeneration: 4 });
  });
});

describe('statusForNotActive', () => {
  it('is not ready and carries the error on Subscription active', () => {
    const status = statusForNotActive('failed to find a NATS subscription for a subject: %!w(<nil>)', types, backendTypes, T0);
    expect(status.ready).toBe(false);
    expect(status.types).toEqual(types);
    expect(status.conditions).toEqual([
      { type: 'Subscription spec valid', status: 'True', reason: 'Subscription spec has no validation errors', message: '', lastTransitionTime: T0 },
      {
        type: 'Subscription active',
        status: 'False',
        reason: 'NATS Subscription not active',
        message: 'failed to find a NATS subscription for a subject: %!w(<nil>)',
        lastTransitionTime: T0,
      },
    ]);
  });
});

describe('statusForValidationFailure (reference 3.4)', () => {
  it('clears types, backend and every other condition', () => {
    const previous = statusForActive(types, backendTypes, T0, undefined, { observedGeneration: 1 });
    expect(statusForValidationFailure('Subscription validation failed: spec.source: Invalid value: "": must not be empty', T1, previous, { observedGeneration: 2 })).toEqual({
      ready: false,
      types: [],
      backend: {},
      observedGeneration: 2,
      conditions: [
        {
          type: 'Subscription spec valid',
          status: 'False',
          reason: 'Subscription spec has validation errors',
          message: 'Subscription validation failed: spec.source: Invalid value: "": must not be empty',
          lastTransitionTime: T1,
        },
      ],
    });
  });

  it('keeps the transition time when it was already invalid, even with a new message', () => {
    const previous = statusForValidationFailure('first', T0);
    const next = statusForValidationFailure('second', T1, previous);
    expect(next.conditions![0]).toMatchObject({ message: 'second', lastTransitionTime: T0 });
    expect(statusEqual(previous, next)).toBe(false);
  });
});

describe('statusForDeletionFailure', () => {
  it('reports the deletion error and keeps types', () => {
    const previous = statusForActive(types, backendTypes, T0);
    const status = statusForDeletionFailure('nats: timeout', T1, previous);
    expect(status.ready).toBe(false);
    expect(status.types).toEqual(types);
    expect(status.conditions![1]).toEqual({
      type: 'Subscription active',
      status: 'False',
      reason: 'NATS Subscription not active',
      message: 'failed to delete JetStream subscription: nats: timeout',
      lastTransitionTime: T1,
    });
  });
});

describe('statusEqual', () => {
  const a = statusForActive(types, backendTypes, T0);

  it.each<[string, SubscriptionStatus | undefined, boolean]>([
    ['the same status with other transition times', statusForActive(types, backendTypes, T1), true],
    ['a status with an explicit undefined member', { ...a, delivery: undefined }, true],
    ['a status without condition messages', { ...a, conditions: a.conditions!.map(({ message: _m, ...c }) => c) }, true],
    ['a not-ready status', { ...a, ready: false }, false],
    ['different types', { ...a, types: [] }, false],
    ['another observedGeneration', { ...a, observedGeneration: 5 }, false],
    ['reordered conditions', { ...a, conditions: [...a.conditions!].reverse() }, false],
    ['no status at all', undefined, false],
  ])('compares with %s → %s', (_name, b, equal) => {
    expect(statusEqual(a, b)).toBe(equal);
  });
});

describe('toKubernetesTime', () => {
  it('renders whole seconds in UTC', () => {
    expect(toKubernetesTime(new Date('2026-03-04T05:06:07.890Z'))).toBe('2026-03-04T05:06:07Z');
  });
});
