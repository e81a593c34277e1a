// `time.Parse(time.RFC3339, s)` as Go accepts it, and the CloudEvents SDK's rendering of the
// parsed time (`t.UTC().Format(time.RFC3339Nano)`), reference 2.5.1 / 2.5.3.
//
// Go first tries a strict RFC 3339 parser and falls back to its generic layout parser, so the
// accepted set is the generic parser's: upper-case `T` and `Z`, a numeric offset `±hh:mm` (hour
// ≤ 24, minute ≤ 60), a one- or two-digit hour, an optional fraction after `.` or `,` (any number
// of digits, nanoseconds truncated to 9), day checked against the month (leap years included).

const LAYOUT =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:[.,]([0-9]+))?(?:Z|([+-])([0-9]{2}):([0-9]{2}))$/;

export interface GoTime {
  /** The instant in RFC 3339 with nanoseconds, in UTC, as the SDK writes a CloudEvent's `time`. */
  readonly utc: string;
}

/** Parses like Go's `time.Parse(time.RFC3339, value)`; `undefined` when Go would return an error. */
export function parseGoRfc3339(value: string): GoTime | undefined {
  const m = LAYOUT.exec(value);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day < 1 || day > daysIn(month, year)) return undefined;
  const nanos = (m[7] ?? '').slice(0, 9).padEnd(9, '0');
  let offsetMinutes = 0;
  if (m[8] !== undefined) {
    const offsetHours = Number(m[9]);
    const offsetMins = Number(m[10]);
    if (offsetHours > 24 || offsetMins > 60) return undefined;
    offsetMinutes = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, 0);
  return { utc: formatUtc(date, nanos) };
}

function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Go's RFC3339Nano in UTC: four-digit year (sign and more digits outside 0..9999), trailing zeros of the fraction dropped. */
function formatUtc(date: Date, nanos: string): string {
  const year = date.getUTCFullYear();
  const yearText = (year < 0 ? '-' : '') + String(Math.abs(year)).padStart(4, '0');
  const fraction = nanos.replace(/0+$/, '');
  return (
    `${yearText}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}` +
    `T${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}` +
    `${fraction === '' ? '' : `.${fraction}`}Z`
  );
}
