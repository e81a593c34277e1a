// The JetStream cleaner of eventing-manager (reference 2.8.1): what the proxy applies to
// non-prefixed `/publish` types and what `typeMatching: standard` subscriptions apply to their
// types. Character classes are written out because Go RE2 `\s` is ASCII `[\t\n\f\r ]` only:
// JS `\s` would also strip `\v`, NBSP and other Unicode spaces, which Kyma keeps.

/** Source: TAB, LF, FF, CR, SPACE, `.`, `>`, `*`, `/`, `\` are removed. */
const SOURCE_REMOVED = /[\t\n\f\r .>*/\\]/g;

/** Type: the same set without `.` (segments are kept, never merged). */
const TYPE_REMOVED = /[\t\n\f\r >*/\\]/g;

/** Characters the JetStream source cleaner removes (for property tests and documentation). */
export const JETSTREAM_SOURCE_REMOVED_CHARS = ['\t', '\n', '\f', '\r', ' ', '.', '>', '*', '/', '\\'] as const;

/** Characters the JetStream type cleaner removes. */
export const JETSTREAM_TYPE_REMOVED_CHARS = ['\t', '\n', '\f', '\r', ' ', '>', '*', '/', '\\'] as const;

/** `jsCleanSource` of reference 2.8.1. */
export function cleanJetStreamSource(source: string): string {
  return source.replace(SOURCE_REMOVED, '');
}

/** `jsCleanEventType` of reference 2.8.1: `order.payment*success.v1` → `order.paymentsuccess.v1`. */
export function cleanJetStreamEventType(type: string): string {
  return type.replace(TYPE_REMOVED, '');
}
