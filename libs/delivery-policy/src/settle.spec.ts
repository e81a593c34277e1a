import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './policy';
import { RETRY_AFTER_CEILING_MS, backoffDelayMs, isRetryableStatus, settle, type DeliveryResult } from './settle';

const policy: DeliveryPolicy = {
  maxDeliveries: 5,
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  multiplier: 2,
  timeoutMs: 10_000,
};
const NOW = Date.parse('2026-01-01T00:00:00Z');
const low = () => 0;
const high = () => 1;
const mid = () => 0.5;

const response = (status: number, retryAfter?: string): DeliveryResult =>
  retryAfter === undefined ? { kind: 'response', status } : { kind: 'response', status, retryAfter };

describe('settle', () => {
  it.each([200, 201, 202, 204, 299])('acks a %i answer', (status) => {
    expect(settle(response(status), 1, policy, mid, NOW)).toEqual({ kind: 'ack' });
  });

  it.each([400, 401, 403, 405, 410, 413, 415, 422, 451, 499])(
    'dead-letters a %i answer at once, even on the first attempt',
    (status) => {
      expect(settle(response(status), 1, policy, mid, NOW)).toEqual({
        kind: 'dead-letter',
        reason: `sink answered ${status}`,
      });
    },
  );

  it.each<[string, DeliveryResult]>([
    ['500', response(500)],
    ['502', response(502)],
    ['503', response(503)],
    ['504', response(504)],
    ['404', response(404)],
    ['408', response(408)],
    ['409', response(409)],
    ['429', response(429)],
    ['301 (redirects are not followed for a POST)', response(301)],
    ['a network error', { kind: 'network-error', message: 'connect ECONNREFUSED 127.0.0.1:1' }],
    ['a timeout', { kind: 'timeout' }],
  ])('when the sink gives %s, the event is redelivered after a backoff', (_name, result) => {
    expect(settle(result, 1, policy, high, NOW)).toEqual({ kind: 'nak', delayMs: 1_000 });
  });

  it.each<[number, () => number, number]>([
    // attempt, random, expected delay: base = min(30 s, 1 s × 2^(attempt-1)), equal jitter in [base/2, base]
    [1, low, 500],
    [1, mid, 750],
    [1, high, 1_000],
    [2, high, 2_000],
    [3, low, 2_000],
    [4, high, 8_000],
  ])('backs off exponentially with equal jitter: attempt %i → delay for the given random', (attempt, random, delay) => {
    expect(settle(response(503), attempt, policy, random, NOW)).toEqual({ kind: 'nak', delayMs: delay });
  });

  it('caps the backoff at maxDelay', () => {
    const long = { ...policy, maxDeliveries: 100 };
    expect(settle(response(503), 20, long, high, NOW)).toEqual({ kind: 'nak', delayMs: 30_000 });
    expect(settle(response(503), 99, long, low, NOW)).toEqual({ kind: 'nak', delayMs: 15_000 });
  });

  it.each<[string, DeliveryResult, string]>([
    ['a 503', response(503), 'sink answered 503'],
    ['a 429', response(429), 'sink answered 429'],
    ['a network error', { kind: 'network-error', message: 'socket hang up' }, 'network error: socket hang up'],
    ['a timeout', { kind: 'timeout' }, 'sink did not answer within 10000 ms'],
  ])('dead-letters %s on the last allowed attempt with the last failure as reason', (_name, result, last) => {
    expect(settle(result, 5, policy, mid, NOW)).toEqual({
      kind: 'dead-letter',
      reason: `retries exhausted after 5 attempts: ${last}`,
    });
  });

  it('still dead-letters when JetStream reports more deliveries than the policy allows', () => {
    expect(settle(response(500), 7, policy, mid, NOW)).toEqual({
      kind: 'dead-letter',
      reason: 'retries exhausted after 7 attempts: sink answered 500',
    });
  });

  it('with maxDeliveries 1 the first retryable failure is dead-lettered', () => {
    expect(settle({ kind: 'timeout' }, 1, { ...policy, maxDeliveries: 1 }, mid, NOW)).toEqual({
      kind: 'dead-letter',
      reason: 'retries exhausted after 1 attempts: sink did not answer within 10000 ms',
    });
  });

  it.each<[string, string | undefined, number]>([
    ['delta-seconds above the backoff', '20', 20_000],
    ['delta-seconds below the backoff (backoff wins)', '0', 1_000],
    ['delta-seconds above maxDelay (honoured up to the ceiling)', '120', 120_000],
    ['delta-seconds beyond the ceiling', '86400', RETRY_AFTER_CEILING_MS],
    ['an HTTP date 45 s ahead', 'Thu, 01 Jan 2026 00:00:45 GMT', 45_000],
    ['an HTTP date in the past', 'Wed, 31 Dec 2025 23:00:00 GMT', 1_000],
    ['garbage (ignored)', 'soon', 1_000],
    ['a negative number (ignored)', '-5', 1_000],
    ['a fractional number (ignored)', '1.5', 1_000],
    ['an ISO date (not an HTTP date, ignored)', '2026-01-01T00:01:00Z', 1_000],
    ['absent', undefined, 1_000],
  ])('honours Retry-After given as %s', (_name, retryAfter, delay) => {
    expect(settle(response(429, retryAfter), 1, policy, high, NOW)).toEqual({ kind: 'nak', delayMs: delay });
  });

  it('lets a policy with a larger maxDelay raise the Retry-After ceiling', () => {
    const patient = { ...policy, maxDelayMs: 3_600_000 };
    expect(settle(response(503, '7200'), 1, patient, high, NOW)).toEqual({ kind: 'nak', delayMs: 3_600_000 });
  });

  it('treats a nonsensical attempt number as the first attempt', () => {
    expect(settle(response(503), 0, policy, high, NOW)).toEqual({ kind: 'nak', delayMs: 1_000 });
    expect(settle(response(503), Number.NaN, policy, high, NOW)).toEqual({ kind: 'nak', delayMs: 1_000 });
  });

  it('works with the default policy and the real random source', () => {
    const decision = settle(response(503), 1, DEFAULT_DELIVERY_POLICY);
    expect(decision.kind).toBe('nak');
    if (decision.kind === 'nak') {
      expect(decision.delayMs).toBeGreaterThanOrEqual(500);
      expect(decision.delayMs).toBeLessThanOrEqual(1_000);
    }
  });
});

describe('backoffDelayMs', () => {
  it('clamps a random source that leaves [0, 1]', () => {
    expect(backoffDelayMs(1, policy, () => 7)).toBe(1_000);
    expect(backoffDelayMs(1, policy, () => -3)).toBe(500);
  });

  it('does not overflow for huge attempt numbers', () => {
    expect(backoffDelayMs(1e9, { ...policy, multiplier: 10 }, high)).toBe(30_000);
  });
});

describe('isRetryableStatus', () => {
  it.each<[number, boolean]>([
    [500, true],
    [599, true],
    [404, true],
    [408, true],
    [409, true],
    [429, true],
    [400, false],
    [403, false],
    [422, false],
    [302, true],
    [200, false],
  ])('status %i → %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });
});
