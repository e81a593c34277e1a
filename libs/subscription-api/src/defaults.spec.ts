import { DEFAULT_DELIVERY_POLICY } from '@eventing/delivery-policy';
import { applySpecDefaults, maxInFlight, resolveDeliveryPolicy } from './defaults';
import { formatDurationMs, parseDurationMs } from './duration';
import type { SubscriptionSpec } from './types';

const spec: SubscriptionSpec = { sink: 'http://a.b.svc.cluster.local', source: 's', types: ['a.b'] };

describe('applySpecDefaults (reference 3.2)', () => {
  it('defaults typeMatching and config when they are absent', () => {
    expect(applySpecDefaults(spec)).toEqual({ ...spec, typeMatching: 'standard', config: { maxInFlightMessages: '10' } });
  });

  it('keeps an explicit empty typeMatching (validation rejects it, as in Kyma)', () => {
    expect(applySpecDefaults({ ...spec, typeMatching: '' }).typeMatching).toBe('');
  });

  it('does not add maxInFlightMessages to a present config', () => {
    expect(applySpecDefaults({ ...spec, config: { qos: 'AT_LEAST_ONCE' } }).config).toEqual({ qos: 'AT_LEAST_ONCE' });
  });
});

describe('maxInFlight', () => {
  it.each<[Record<string, string> | undefined, number]>([
    [undefined, 10],
    [{}, 10],
    [{ maxInFlightMessages: '20' }, 20],
    [{ maxInFlightMessages: '+3' }, 3],
    [{ maxInFlightMessages: 'many' }, 10],
    [{ maxInFlightMessages: '1.5' }, 10],
    [{ maxInFlightMessages: '0' }, 0],
  ])('config %j → %i', (config, expected) => {
    expect(maxInFlight({ config })).toBe(expected);
  });

  it('uses the given default on a parse failure', () => {
    expect(maxInFlight({ config: { maxInFlightMessages: 'x' } }, 42)).toBe(42);
  });
});

describe('resolveDeliveryPolicy', () => {
  it('gives the defaults for a Kyma subscription without delivery', () => {
    expect(resolveDeliveryPolicy(spec)).toEqual({
      maxDeliveries: 100,
      initialDelayMs: 1_000,
      maxDelayMs: 30_000,
      multiplier: 2,
      timeoutMs: 10_000,
    });
  });

  it('converts every given field to milliseconds', () => {
    expect(
      resolveDeliveryPolicy({
        delivery: {
          maxDeliveries: 7,
          backoff: { initialDelay: '250ms', maxDelay: '1m30s', multiplier: 3 },
          timeout: '2.5s',
          deadLetterSink: 'http://dlq.ns.svc.cluster.local',
        },
      }),
    ).toEqual({
      maxDeliveries: 7,
      initialDelayMs: 250,
      maxDelayMs: 90_000,
      multiplier: 3,
      timeoutMs: 2_500,
      deadLetterSink: 'http://dlq.ns.svc.cluster.local',
    });
  });

  it('falls back to the given defaults for invalid fields instead of throwing', () => {
    const defaults = { ...DEFAULT_DELIVERY_POLICY, maxDeliveries: 9, deadLetterSink: 'http://global-dlq' };
    expect(
      resolveDeliveryPolicy({ delivery: { maxDeliveries: 0, backoff: { initialDelay: 'soon', multiplier: 0 }, timeout: '' } }, defaults),
    ).toEqual({ ...defaults });
  });

  it.each<[string, NonNullable<SubscriptionSpec['delivery']>]>([
    ['a timeout not below the ack wait', { timeout: '30s' }],
    ['a zero delay', { backoff: { initialDelay: '0s', maxDelay: '0ms' } }],
    ['a delay over a day', { backoff: { maxDelay: '25h' } }],
    ['too many deliveries', { maxDeliveries: 1e6 }],
    ['a huge multiplier', { backoff: { multiplier: 1e9 } }],
  ])('never yields a policy validation forbids: %s → defaults', (_name, delivery) => {
    expect(resolveDeliveryPolicy({ delivery })).toEqual(DEFAULT_DELIVERY_POLICY);
  });
});

describe('durations', () => {
  it.each<[string, number | undefined]>([
    ['500ms', 500],
    ['2s', 2_000],
    ['1m', 60_000],
    ['1h', 3_600_000],
    ['1h2m3s4ms', 3_723_004],
    ['1.5s', 1_500],
    ['0s', 0],
    ['', undefined],
    ['10', undefined],
    ['-1s', undefined],
    ['1d', undefined],
    ['1 s', undefined],
    ['1ns', undefined],
    ['9'.repeat(40) + 's', undefined],
  ])('parseDurationMs(%j) → %s', (s, ms) => {
    expect(parseDurationMs(s)).toBe(ms);
  });

  it.each<[number, string]>([
    [30_000, '30s'],
    [1_500, '1500ms'],
    [120_000, '2m'],
    [86_400_000, '24h'],
    [0, '0s'],
  ])('formatDurationMs(%i) → %s', (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });
});
