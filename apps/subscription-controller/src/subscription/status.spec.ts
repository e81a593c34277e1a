import { CONDITION_REASONS, CONDITION_TYPES } from '@eventing/subscription-api';
import { subscription } from '../testing/fakes';
import { computeStatus, type SyncOutcome } from './status';

const now = new Date('2026-01-02T03:04:05.678Z');
const types = [{ originalType: 'order.created.v1', cleanType: 'order.created.v1' }];
const backendTypes = [{ originalType: 'order.created.v1', consumerName: 'abc' }];

describe('computeStatus', () => {
  it.each<[string, SyncOutcome, { ready: boolean; conditions: Array<[string, string, string, string]>; types: number }]>([
    [
      'synced: ready, spec valid and NATS subscription active',
      { kind: 'synced' },
      { ready: true, types: 1, conditions: [[CONDITION_TYPES.subscriptionSpecValid, 'True', CONDITION_REASONS.specValid, ''], [CONDITION_TYPES.subscriptionActive, 'True', CONDITION_REASONS.natsSubscriptionActive, '']] },
    ],
    [
      'sync failed: not ready with the error text',
      { kind: 'syncFailed', error: 'failed to connect to NATS JetStream: connection is disconnected' },
      {
        ready: false,
        types: 1,
        conditions: [
          [CONDITION_TYPES.subscriptionSpecValid, 'True', CONDITION_REASONS.specValid, ''],
          [CONDITION_TYPES.subscriptionActive, 'False', CONDITION_REASONS.natsSubscriptionNotActive, 'failed to connect to NATS JetStream: connection is disconnected'],
        ],
      },
    ],
    [
      'invalid: only the spec-valid condition, with the message',
      { kind: 'invalid', message: 'Subscription validation failed: Sink validation failed: service sink.ns not found in the cluster' },
      { ready: false, types: 0, conditions: [[CONDITION_TYPES.subscriptionSpecValid, 'False', CONDITION_REASONS.specInvalid, 'Subscription validation failed: Sink validation failed: service sink.ns not found in the cluster']] },
    ],
  ])('%s', (_name, outcome, expected) => {
    const invalid = outcome.kind === 'invalid';
    const status = computeStatus({ subscription: subscription(), types: invalid ? [] : types, backendTypes: invalid ? [] : backendTypes, outcome, now });
    expect(status.ready).toBe(expected.ready);
    expect(status.types).toHaveLength(expected.types);
    expect(status.observedGeneration).toBe(1);
    expect(status.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual(expected.conditions);
    expect(status.conditions?.every((c) => c.lastTransitionTime === '2026-01-02T03:04:05Z')).toBe(true);
  });

  it('keeps lastTransitionTime when a condition did not change', () => {
    const first = computeStatus({ subscription: subscription(), types, backendTypes, outcome: { kind: 'synced' }, now });
    const later = computeStatus({ subscription: subscription({ status: first }), types, backendTypes, outcome: { kind: 'synced' }, now: new Date('2026-02-01T00:00:00Z') });
    expect(later.conditions?.map((c) => c.lastTransitionTime)).toEqual(['2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z']);
  });

  it('deletion failure keeps the types and says why', () => {
    const first = computeStatus({ subscription: subscription(), types, backendTypes, outcome: { kind: 'synced' }, now });
    const status = computeStatus({ subscription: subscription({ status: first }), types: [], backendTypes: [], outcome: { kind: 'deletionFailed', error: 'boom' }, now });
    expect(status.ready).toBe(false);
    expect(status.types).toEqual(types);
    expect(status.conditions?.[1]?.message).toBe('failed to delete JetStream subscription: boom');
  });
});
