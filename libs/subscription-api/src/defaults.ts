// Defaults (reference 3.2) and the resolution of our delivery extension into the numbers the
// dispatcher uses (SPEC section 5).
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from '@eventing/delivery-policy';
import { parseDurationMs } from './duration';
import { goAtoi } from './go-url';
import { CONFIG_KEYS, TYPE_MATCHING, type Subscription, type SubscriptionSpec } from './types';

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
 * `spec.delivery` → the dispatcher's policy in milliseconds; absent or unparseable fields take the
 * given defaults (validation reports unparseable ones; this function never throws).
 */
export function resolveDeliveryPolicy(
  spec: Pick<SubscriptionSpec, 'delivery'>,
  defaults: DeliveryPolicy = DEFAULT_DELIVERY_POLICY,
): DeliveryPolicy {
  const delivery = spec.delivery ?? {};
  const backoff = delivery.backoff ?? {};
  const duration = (value: string | undefined, fallback: number) =>
    (value === undefined ? undefined : parseDurationMs(value)) ?? fallback;
  const maxDeliveries = Number.isInteger(delivery.maxDeliveries) && delivery.maxDeliveries! >= 1 ? delivery.maxDeliveries! : defaults.maxDeliveries;
  const multiplier = typeof backoff.multiplier === 'number' && Number.isFinite(backoff.multiplier) && backoff.multiplier >= 1 ? backoff.multiplier : defaults.multiplier;
  const deadLetterSink = delivery.deadLetterSink ?? defaults.deadLetterSink;
  return {
    maxDeliveries,
    initialDelayMs: duration(backoff.initialDelay, defaults.initialDelayMs),
    maxDelayMs: duration(backoff.maxDelay, defaults.maxDelayMs),
    multiplier,
    timeoutMs: duration(delivery.timeout, defaults.timeoutMs),
    ...(deadLetterSink === undefined || deadLetterSink === '' ? {} : { deadLetterSink }),
  };
}
