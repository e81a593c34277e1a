// Kubernetes `field.Error` rendering and `ToAggregate()` as Kyma's validator produces them
// (reference 3.4): `spec.sink: Invalid value: "test": must have URL scheme 'http' or 'https'`,
// several errors as `[e1, e2]`, the whole prefixed `Subscription validation failed: `.
import { goQuote } from './go-url';

export const FIELD_ERROR_TYPES = {
  invalid: 'Invalid value',
  tooMany: 'Too many',
  tooLong: 'Too long',
} as const;
export type FieldErrorType = (typeof FIELD_ERROR_TYPES)[keyof typeof FIELD_ERROR_TYPES];

export interface FieldError {
  readonly type: FieldErrorType;
  /** Dotted field path, e.g. `spec.sink`. */
  readonly field: string;
  /** The offending value; strings are rendered Go-quoted, numbers bare, `undefined` omitted. */
  readonly value?: string | number | boolean;
  readonly detail: string;
}

export const SUBSCRIPTION_VALIDATION_FAILED = 'Subscription validation failed';
export const SINK_VALIDATION_FAILED = 'Sink validation failed';

export function invalid(field: string, value: string | number | boolean, detail: string): FieldError {
  return { type: FIELD_ERROR_TYPES.invalid, field, value, detail };
}

/** Like Kubernetes `field.TooMany(path, actual, max)`. */
export function tooMany(field: string, actual: number, max: number): FieldError {
  return { type: FIELD_ERROR_TYPES.tooMany, field, value: actual, detail: `must have at most ${max} items` };
}

/** Like Kubernetes `field.TooLong(path, _, max)`: the (huge) value is deliberately not echoed. */
export function tooLong(field: string, max: number): FieldError {
  return { type: FIELD_ERROR_TYPES.tooLong, field, detail: `may not be more than ${max} bytes` };
}

export function formatFieldError(error: FieldError): string {
  let body: string = error.type;
  if (error.value !== undefined) {
    body += `: ${typeof error.value === 'string' ? goQuote(error.value) : String(error.value)}`;
  }
  return `${error.field}: ${body}${error.detail === '' ? '' : `: ${error.detail}`}`;
}

/** Kubernetes aggregate text: one message bare, several de-duplicated and rendered as `[a, b]`. */
export function aggregateMessages(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

/** The status message for failed spec rules: `Subscription validation failed: <aggregate>`. */
export function validationFailureMessage(errors: readonly FieldError[]): string {
  return `${SUBSCRIPTION_VALIDATION_FAILED}: ${aggregateMessages(errors.map(formatFieldError))}`;
}

/** `Subscription validation failed: Sink validation failed: service <name>.<ns> not found in the cluster` (reference 3.4). */
export function sinkNotFoundMessage(ref: { readonly name: string; readonly namespace: string }): string {
  return `${SUBSCRIPTION_VALIDATION_FAILED}: ${SINK_VALIDATION_FAILED}: service ${ref.name}.${ref.namespace} not found in the cluster`;
}

const encoder = new TextEncoder();
/** UTF-8 length above `max`? Avoids encoding huge strings: bytes >= UTF-16 units, <= 3 × units. */
export function exceedsBytes(s: string, max: number): boolean {
  if (s.length > max) return true;
  return s.length * 3 > max && encoder.encode(s).length > max;
}
