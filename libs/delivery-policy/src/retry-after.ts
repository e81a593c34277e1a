// `Retry-After` (RFC 9110 section 10.2.3): either delta-seconds or an HTTP-date.

const DELTA_SECONDS = /^[0-9]+$/;
/** Dates are only trusted when they look like one of the three RFC 9110 HTTP-date forms (weekday first). */
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /;

/**
 * Milliseconds to wait as asked by a `Retry-After` value, or `undefined` if absent or unparseable
 * (an unparseable header is ignored, never an error). A date in the past means 0.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 64) return undefined;
  if (DELTA_SECONDS.test(trimmed)) {
    const seconds = Number(trimmed);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : undefined;
  }
  if (!HTTP_DATE.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
