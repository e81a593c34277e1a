// Duration strings of `spec.delivery` ("500ms", "2s", "1m", "1h", "1m30s", "1.5s"): the subset of
// Go/CEL duration syntax with units ms, s, m and h, so that the CRD's CEL `duration()` rules
// and this parser agree on every accepted value.

/** Also used verbatim as the CRD `pattern`. */
export const DURATION_PATTERN = '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$';
const DURATION = new RegExp(DURATION_PATTERN);
const PART = /([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/g;
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
export const MAX_DURATION_LENGTH = 32;

/** Milliseconds (rounded), or `undefined` when `s` is not a duration string. */
export function parseDurationMs(s: string): number | undefined {
  if (s.length === 0 || s.length > MAX_DURATION_LENGTH || !DURATION.test(s)) return undefined;
  let total = 0;
  for (const [, amount, unit] of s.matchAll(PART)) {
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  return Number.isFinite(total) ? Math.round(total) : undefined;
}

/** Compact rendering for messages: 30000 → "30s", 1500 → "1500ms", 3600000 → "1h". */
export function formatDurationMs(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}
