// Typed errors of the event-type rules. Pure code returns them inside a result value instead of
// throwing, so callers (the proxy) map them to a 400 without matching on error text.

/** Why an event type was rejected. */
export const EVENT_TYPE_ERROR_CODES = {
  prefixNotFound: 'prefix-not-found',
  invalidFormat: 'invalid-format',
  emptySegments: 'empty-segments',
} as const;

export type EventTypeErrorCode = (typeof EVENT_TYPE_ERROR_CODES)[keyof typeof EVENT_TYPE_ERROR_CODES];

/** The exact reason texts of Kyma's prefixed parser (reference 2.8.2). */
export const PREFIXED_PARSE_REASONS = {
  prefixNotFound: 'prefix not found',
  invalidFormat: 'invalid format',
} as const;

export type PrefixedParseReason = (typeof PREFIXED_PARSE_REASONS)[keyof typeof PREFIXED_PARSE_REASONS];

/**
 * `message` is the short reason (`prefix not found`, `invalid format`) or, for the generic builder,
 * the whole Kyma text. `responseText` is what Kyma's proxy writes as the plain-text 400 body.
 */
export class EventTypeError extends Error {
  override readonly name = 'EventTypeError';

  constructor(
    readonly code: EventTypeErrorCode,
    message: string,
    readonly responseText: string,
  ) {
    super(message);
  }
}

/** A value or a typed error: the shape every fallible function of this library returns. */
export type EventTypeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: EventTypeError };

/**
 * The 400 body Kyma's proxy writes when the prefixed parser fails (reference 2.4.2):
 * `failed to parse event-type=<type> with prefix=<P>: <reason>`.
 */
export function prefixedParseErrorText(eventType: string, prefix: string, reason: string): string {
  return `failed to parse event-type=${eventType} with prefix=${prefix}: ${reason}`;
}

/** The generic builder's error text (reference 2.4.2 step 5). */
export function emptySegmentsErrorText(finalType: string): string {
  return `event type cannot have empty segments after cleaning: ${finalType}`;
}
