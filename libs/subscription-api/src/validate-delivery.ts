// Validation of our `spec.delivery` extension (SPEC sections 5 and 10), in the same field-error
// style as Kyma's rules (reference 3.4).
import { ACK_WAIT_MS } from '@eventing/delivery-policy';
import { formatDurationMs, parseDurationMs } from './duration';
import { invalid, type FieldError } from './field-errors';
import { validateSinkUrl, type SinkPolicy } from './sink';
import type { DeliverySpec } from './types';

export const MAX_DELIVERIES_LIMIT = 10_000;
export const MAX_MULTIPLIER = 100;
/** No single backoff step may exceed a day; longer outages belong in the dead-letter store. */
export const MAX_BACKOFF_DELAY_MS = 24 * 3_600_000;

const PATH = 'spec.delivery';
const DURATION_DETAIL = 'must be a duration such as "500ms", "2s", "1m" or "1h"';

export function validateDelivery(
  delivery: DeliverySpec | undefined,
  context: { readonly namespace: string; readonly sinkPolicy: SinkPolicy },
): FieldError[] {
  if (delivery === undefined) return [];
  const errors: FieldError[] = [];
  const push = (error: FieldError | undefined) => {
    if (error !== undefined) errors.push(error);
  };

  const { maxDeliveries } = delivery;
  if (maxDeliveries !== undefined) {
    if (!Number.isInteger(maxDeliveries) || maxDeliveries < 1) {
      push(invalid(`${PATH}.maxDeliveries`, render(maxDeliveries), 'must be an integer of at least 1'));
    } else if (maxDeliveries > MAX_DELIVERIES_LIMIT) {
      push(invalid(`${PATH}.maxDeliveries`, maxDeliveries, `must be at most ${MAX_DELIVERIES_LIMIT}`));
    }
  }

  const backoff = delivery.backoff ?? {};
  const initial = checkDuration(`${PATH}.backoff.initialDelay`, backoff.initialDelay, MAX_BACKOFF_DELAY_MS, push);
  const max = checkDuration(`${PATH}.backoff.maxDelay`, backoff.maxDelay, MAX_BACKOFF_DELAY_MS, push);
  if (initial !== undefined && max !== undefined && max < initial) {
    push(invalid(`${PATH}.backoff.maxDelay`, backoff.maxDelay!, `must not be less than ${PATH}.backoff.initialDelay (${backoff.initialDelay})`));
  }
  const { multiplier } = backoff;
  if (multiplier !== undefined && (typeof multiplier !== 'number' || !Number.isFinite(multiplier) || multiplier < 1 || multiplier > MAX_MULTIPLIER)) {
    push(invalid(`${PATH}.backoff.multiplier`, render(multiplier), `must be a number between 1 and ${MAX_MULTIPLIER}`));
  }

  const timeout = checkDuration(`${PATH}.timeout`, delivery.timeout, Number.POSITIVE_INFINITY, push);
  if (timeout !== undefined && timeout >= ACK_WAIT_MS) {
    push(invalid(`${PATH}.timeout`, delivery.timeout!, `must be less than ${formatDurationMs(ACK_WAIT_MS)} (the consumer's ack wait)`));
  }

  if (delivery.deadLetterSink !== undefined) {
    const field = `${PATH}.deadLetterSink`;
    push(
      typeof delivery.deadLetterSink === 'string'
        ? validateSinkUrl(delivery.deadLetterSink, { field, namespaceField: field, namespace: context.namespace, policy: context.sinkPolicy })
        : invalid(field, render(delivery.deadLetterSink), 'must be a string'),
    );
  }
  return errors;
}

/** Parsed milliseconds of a present, valid duration; reports and returns `undefined` otherwise. */
function checkDuration(
  field: string,
  value: unknown,
  maxMs: number,
  push: (error: FieldError) => void,
): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? parseDurationMs(value) : undefined;
  if (ms === undefined) {
    push(invalid(field, render(value), DURATION_DETAIL));
    return undefined;
  }
  if (ms <= 0) {
    push(invalid(field, value as string, 'must be greater than 0'));
    return undefined;
  }
  if (ms > maxMs) {
    push(invalid(field, value as string, `must not be more than ${formatDurationMs(maxMs)}`));
    return undefined;
  }
  return ms;
}

/** Values of a wrong JSON type (possible before schema parsing) are shown as JSON text. */
function render(value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 64 ? `${json.slice(0, 64)}…` : json;
}
