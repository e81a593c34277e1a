// The dispatcher's retry decision (SPEC section 5; ARCHITECTURE "Retry decisions live in three
// places"): one delivery result in, ack / nak(delay) / dead-letter(reason) out. Pure: the random
// source and the clock are injected.
//
// Kyma NAKs every non-2xx with a fixed 30 s delay until MaxDeliver (reference 4.5). We differ:
// permanent client errors are dead-lettered at once, retryable ones back off exponentially.
import type { DeliveryPolicy } from './policy';
import { parseRetryAfterMs } from './retry-after';

export type DeliveryResult =
  | { readonly kind: 'response'; readonly status: number; readonly retryAfter?: string }
  | { readonly kind: 'network-error'; readonly message: string }
  | { readonly kind: 'timeout' };

export type Settlement =
  | { readonly kind: 'ack' }
  | { readonly kind: 'nak'; readonly delayMs: number }
  | { readonly kind: 'dead-letter'; readonly reason: string };

/**
 * A sink-sent `Retry-After` may push the delay beyond `maxDelayMs` (the sink knows best when it
 * will be back), but never beyond this ceiling, so a hostile or buggy header cannot park an event
 * for days. A policy whose own `maxDelayMs` is larger raises the ceiling to it.
 */
export const RETRY_AFTER_CEILING_MS = 10 * 60_000;

/** Statuses that say "try again later"; every other 4xx is the request's fault and will not improve. */
const RETRYABLE_CLIENT_STATUSES: ReadonlySet<number> = new Set([404, 408, 409, 429]);

/**
 * True when a response status is worth retrying: 5xx, 404, 408, 409, 429, and, like Kyma, anything
 * that is neither 2xx nor 4xx (1xx, 3xx: redirects are not followed for a POST delivery).
 */
export function isRetryableStatus(status: number): boolean {
  if (status >= 400 && status < 500) return RETRYABLE_CLIENT_STATUSES.has(status);
  return !isSuccessStatus(status);
}

/** Exactly `status / 100 == 2`, as the CloudEvents SDK client that Kyma uses decides (reference 4.5). */
export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Short human text for a failed result; goes into dead-letter reasons and status.delivery.lastError. */
export function describeResult(result: DeliveryResult, policy: Pick<DeliveryPolicy, 'timeoutMs'>): string {
  switch (result.kind) {
    case 'response':
      return `sink answered ${result.status}`;
    case 'network-error':
      return `network error: ${result.message}`;
    case 'timeout':
      return `sink did not answer within ${policy.timeoutMs} ms`;
  }
}

/**
 * Exponential backoff with "equal jitter": the base delay is
 * `min(maxDelayMs, initialDelayMs × multiplier^(attempt-1))`, and the result is drawn uniformly from
 * `[base/2, base]`. Equal jitter (rather than full jitter, `[0, base]`) keeps a guaranteed minimum
 * pause, so a sink that is down is not hit again immediately, while still spreading the retries of
 * many events that failed together.
 */
export function backoffDelayMs(attempt: number, policy: DeliveryPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, normaliseAttempt(attempt) - 1);
  const uncapped = policy.initialDelayMs * Math.pow(policy.multiplier, exponent);
  const base = Math.max(0, Math.min(policy.maxDelayMs, Number.isFinite(uncapped) ? uncapped : policy.maxDelayMs));
  const r = clampUnit(random());
  return Math.round(base / 2 + (r * base) / 2);
}

/**
 * Decide what to do with a message after delivery attempt `attempt` (1-based, JetStream's
 * delivery count) produced `result`.
 *
 * - 2xx → ack.
 * - non-retryable (4xx other than 404/408/409/429) → dead-letter now, reason `sink answered <status>`.
 * - retryable and `attempt >= maxDeliveries` → dead-letter, reason
 *   `retries exhausted after <attempt> attempts: <last failure>`.
 * - otherwise → nak with `max(backoff, Retry-After)`, capped at
 *   `max(maxDelayMs, RETRY_AFTER_CEILING_MS)` (the backoff alone never exceeds maxDelayMs).
 */
export function settle(
  result: DeliveryResult,
  attempt: number,
  policy: DeliveryPolicy,
  random: () => number = Math.random,
  nowMs: number = Date.now(),
): Settlement {
  if (result.kind === 'response' && isSuccessStatus(result.status)) return { kind: 'ack' };
  const failure = describeResult(result, policy);
  if (result.kind === 'response' && !isRetryableStatus(result.status)) {
    return { kind: 'dead-letter', reason: failure };
  }
  const n = normaliseAttempt(attempt);
  if (n >= policy.maxDeliveries) {
    return { kind: 'dead-letter', reason: `retries exhausted after ${n} attempts: ${failure}` };
  }
  const backoff = backoffDelayMs(n, policy, random);
  const retryAfter = result.kind === 'response' ? parseRetryAfterMs(result.retryAfter, nowMs) : undefined;
  if (retryAfter === undefined) return { kind: 'nak', delayMs: backoff };
  const ceiling = Math.max(policy.maxDelayMs, RETRY_AFTER_CEILING_MS);
  return { kind: 'nak', delayMs: Math.min(Math.max(backoff, retryAfter), ceiling) };
}

function normaliseAttempt(attempt: number): number {
  return Number.isFinite(attempt) && attempt >= 1 ? Math.floor(attempt) : 1;
}

function clampUnit(r: number): number {
  if (!Number.isFinite(r) || r < 0) return 0;
  return r > 1 ? 1 : r;
}
