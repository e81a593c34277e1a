// The proxy's generic builder (reference 2.4.2, "type does NOT start with the prefix"): the
// published type becomes `kyma.<cleanSource>.<cleanType>` with the JetStream cleaner, and the
// original type travels in the `originaltype` extension (set by the caller).
import { EVENT_TYPE_ERROR_CODES, EventTypeError, emptySegmentsErrorText, type EventTypeResult } from './event-type-error';
import { cleanJetStreamEventType, cleanJetStreamSource } from './jetstream-cleaner';

/** The generic builder's literal type prefix: EPP hard-codes `kyma`, whatever the subject prefix. */
export const GENERIC_TYPE_PREFIX = 'kyma';

/** The extension that carries the publisher's type through the generic path (reference 2.4.2 step 6). */
export const ORIGINAL_TYPE_EXTENSION = 'originaltype';

export interface GenericEventTypeOptions {
  /** The event's `source`. */
  readonly source: string;
  /** The event's `type`, as published. */
  readonly type: string;
  /**
   * The Application's type-or-name (`applicationTypeOrName`, NOT pre-cleaned) when an Application
   * named exactly `source` exists and lookups are enabled; otherwise leave undefined.
   */
  readonly resolvedSource?: string;
}

/**
 * `kyma.<jsCleanSource(appOrSource)>.<jsCleanEventType(type)>`; any empty dot-segment in the
 * result is an error whose text Kyma returns as a plain-text 400.
 */
export function buildGenericEventType(options: GenericEventTypeOptions): EventTypeResult<string> {
  const cleanSource = cleanJetStreamSource(options.resolvedSource ?? options.source);
  const cleanType = cleanJetStreamEventType(options.type);
  const finalType = `${GENERIC_TYPE_PREFIX}.${cleanSource}.${cleanType}`;
  if (finalType.split('.').some((segment) => segment === '')) {
    const text = emptySegmentsErrorText(finalType);
    return { ok: false, error: new EventTypeError(EVENT_TYPE_ERROR_CODES.emptySegments, text, text) };
  }
  return { ok: true, value: finalType };
}
