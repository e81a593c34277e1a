// Helpers of Kyma's legacy-event conversion (reference 2.8.4), also used by the prefixed cleaner to
// assemble `prefix.app.event.version` (reference 2.8.2 step 3).

/** Runs of anything but ASCII letters, digits and `.` (Go `[^a-zA-Z0-9.]+`). */
const NON_ALPHANUMERIC_OR_DOT = /[^a-zA-Z0-9.]+/g;

/** `1-2+3=4.t&h$i#s.t!h@a%t.t;o/m$f*o{o]lery` → `1234.this.that.tomfoolery`. */
export function removeNonAlphanumeric(value: string): string {
  return value.replace(NON_ALPHANUMERIC_OR_DOT, '');
}

/** With ≥ 2 dot-segments, all but the last are concatenated: `Account.Root.Created` → `AccountRoot.Created`. */
export function combineEventNameSegments(eventName: string): string {
  const parts = eventName.split('.');
  if (parts.length < 2) return eventName;
  const operation = parts.pop() as string;
  return `${parts.join('')}.${operation}`;
}

/**
 * `prefix.app.event.version`, or `app.event.version` when the prefix is blank. No cleaning.
 * "Blank" is Go's `strings.TrimSpace(prefix) == ""`, whose space set differs from JS `trim()`.
 */
export function formatEventType(prefix: string, app: string, event: string, version: string): string {
  return isGoBlank(prefix) ? `${app}.${event}.${version}` : `${prefix}.${app}.${event}.${version}`;
}

/** Go `unicode.IsSpace`: ASCII \t \n \v \f \r and space, U+0085, U+00A0 and the Unicode White_Space set. */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$/;

function isGoBlank(value: string): boolean {
  return GO_SPACE.test(value);
}
