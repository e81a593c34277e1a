// Defaults (reference 3.2) and the resolution of our delivery extension into the numbers the
// dispatcher uses (SPEC section 5).
import { ACK_WAIT_MS, DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from '@eventing/delivery-policy';
import { parseDurationMs } from './duration';
import { goAtoi } from './go-url';
import { CONFIG_KEYS, TYPE_MATCHING, type Subscription, type SubscriptionSpec } from './types';
import { MAX_BACKOFF_DELAY_MS, MAX_DELIVERIES_LIMIT, MAX_MULTIPLIER } from './validate-delivery';

/** Kyma's `DEFAULT_MAX_IN_FLIGHT_MESSAGES`. */
export const DEFAULT_MAX_IN_FLIGHT_MESSAGES = 10;
export const DEFAULT_TYPE_MATCHING = TYPE_MATCHING.standard;
/** Applied only when `spec.config` is omitted entirely, as the CRD default does (reference 3.2). */
export const DEFAULT_CONFIG: Readonly<Record<string, string>> = Object.freeze({
  [CONFIG_KEYS.maxInFlightMessages]: String(DEFAULT_MAX_IN_FLIGHT_MESSAGES),
});

/**
 * The API server's CRD defaulting: `typeMatching: standard` when absent (an explicit `""` stays
 * and fails validation, as in Kyma), `config: {maxInFlightMessages: "10"}` when `config` is absent.
 */
export function applySpecDefaults(spec: SubscriptionSpec): SubscriptionSpec {
  return {
    ...spec,
    typeMatching: spec.typeMatching ?? DEFAULT_TYPE_MATCHING,
    config: spec.config ?? { ...DEFAULT_CONFIG },
  };
}

export function applySubscriptionDefaults(subscription: Subscription): Subscription {
  return { ...subscription, spec: applySpecDefaults(subscription.spec) };
}

/**
 * The consumer's MaxAckPending: `config.maxInFlightMessages` parsed like Go `strconv.Atoi`;
 * a missing or unparseable value gives the default (reference 3.2). Zero and negative values are
 * passed through as Kyma does (its validator accepts them); callers that need a positive bound clamp.
 */
export function maxInFlight(spec: Pick<SubscriptionSpec, 'config'>, defaultMaxInFlight = DEFAULT_MAX_IN_FLIGHT_MESSAGES): number {
  const raw = spec.config?.[CONFIG_KEYS.maxInFlightMessages];
  const parsed = raw === undefined ? undefined : goAtoi(raw);
  return parsed ?? defaultMaxInFlight;
}

/**
 * `spec.delivery` → the dispatcher's policy in milliseconds. Absent fields, and fields that
 * validation would reject (unparseable, out of range, a timeout not below the ack wait), take the
 * given defaults: this function never throws and never yields a policy validation forbids.
 */
export function resolveDeliveryPolicy(
  spec: Pick<SubscriptionSpec, 'delivery'>,
  defaults: DeliveryPolicy = DEFAULT_DELIVERY_POLICY,
): DeliveryPolicy {
  const delivery = spec.delivery ?? {};
  const backoff = delivery.backoff ?? {};
  const duration = (value: string | undefined, maxMs: number, fallback: number) => {
    const ms = typeof value === 'string' ? parseDurationMs(value) : undefined;
    return ms !== undefined && ms > 0 && ms <= maxMs ? ms : fallback;
  };
  const { maxDeliveries } = delivery;
  const { multiplier } = backoff;
  const deadLetterSink = delivery.deadLetterSink || defaults.deadLetterSink;
  return {
    maxDeliveries:
      Number.isInteger(maxDeliveries) && maxDeliveries! >= 1 && maxDeliveries! <= MAX_DELIVERIES_LIMIT ? maxDeliveries! : defaults.maxDeliveries,
    initialDelayMs: duration(backoff.initialDelay, MAX_BACKOFF_DELAY_MS, defaults.initialDelayMs),
    maxDelayMs: duration(backoff.maxDelay, MAX_BACKOFF_DELAY_MS, defaults.maxDelayMs),
    multiplier:
      typeof multiplier === 'number' && Number.isFinite(multiplier) && multiplier >= 1 && multiplier <= MAX_MULTIPLIER ? multiplier : defaults.multiplier,
    timeoutMs: duration(delivery.timeout, ACK_WAIT_MS - 1, defaults.timeoutMs),
    ...(deadLetterSink === undefined || deadLetterSink === '' ? {} : { deadLetterSink }),
  };
}
