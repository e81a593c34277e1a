// JSON output exactly as Go's `encoding/json` writes it, for two reasons: Kyma's legacy error and
// success bodies come from `json.Encoder` (HTML-escaping, trailing newline), and the `data` of a
// legacy event is decoded into `interface{}` and re-marshalled by the CloudEvents SDK, so the
// sink receives Go's canonical form: object keys sorted by bytes, duplicates collapsed (last
// wins), numbers as float64, `<` `>` `&` U+2028 U+2029 escaped (reference 2.5.3, derived).
import type { JsonNode } from './go-json-value';

const HEX = '0123456789abcdef';

/** Characters Go escapes with a short form. */
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** HTML-sensitive characters and the JS-hostile line separators, escaped as `\u00XX` / `\u20XX`. */
const UNICODE_ESCAPED = new Set(['<', '>', '&', '\u2028', '\u2029']);

/** A JSON string literal as Go's encoder writes it (escapeHTML on; a lone surrogate becomes `\ufffd`). */
export function goJsonString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    const code = c.charCodeAt(0);
    const short = SHORT_ESCAPES[c];
    if (short !== undefined) out += short;
    else if (code < 0x20 || UNICODE_ESCAPED.has(c)) out += unicodeEscape(code);
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(value.charCodeAt(i + 1))) out += c + value[++i];
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else out += c;
  }
  return `${out}"`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function unicodeEscape(code: number): string {
  return `\\u${HEX[code >> 12]}${HEX[(code >> 8) & 0xf]}${HEX[(code >> 4) & 0xf]}${HEX[code & 0xf]}`;
}

/**
 * A float64 as Go's encoder writes it: shortest round-trip digits, exponent form outside
 * [1e-6, 1e21) — the same thresholds and digits as JS `String(number)` — except that Go keeps
 * the sign of negative zero.
 */
export function goJsonNumber(value: number): string {
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

/** Go's map-key order: byte-wise on UTF-8, i.e. by code point (JS `<` compares UTF-16 units). */
export function compareByCodePoint(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * `json.Marshal` of the `interface{}` value Go's decoder made of `node`. Numbers must already be
 * known to fit a float64 (see `firstNumberOverflow`). Iterative, so deep nesting is safe.
 */
export function marshalGoValue(node: JsonNode): string {
  const out: string[] = [];
  const work: Array<JsonNode | string> = [node];
  while (work.length > 0) {
    const item = work.pop() as JsonNode | string;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    switch (item.t) {
      case 'null':
        out.push('null');
        break;
      case 'bool':
        out.push(item.v ? 'true' : 'false');
        break;
      case 'number':
        out.push(goJsonNumber(Number(item.text)));
        break;
      case 'string':
        out.push(goJsonString(item.v));
        break;
      case 'array':
        work.push(']');
        for (let i = item.items.length - 1; i >= 0; i--) {
          work.push(item.items[i] as JsonNode);
          if (i > 0) work.push(',');
        }
        out.push('[');
        break;
      case 'object': {
        const map = new Map<string, JsonNode>();
        for (const [key, value] of item.members) map.set(key, value);
        const keys = [...map.keys()].sort(compareByCodePoint);
        work.push('}');
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i] as string;
          work.push(map.get(key) as JsonNode, `${goJsonString(key)}:`);
          if (i > 0) work.push(',');
        }
        out.push('{');
        break;
      }
    }
  }
  return out.join('');
}

/**
 * The first number (in document order) that Go cannot hold in a float64 (`1e400`): Go's decoder
 * then fails with `json: cannot unmarshal number <text> into ... of type float64`.
 */
export function firstNumberOverflow(node: JsonNode): string | undefined {
  const work: JsonNode[] = [node];
  while (work.length > 0) {
    const item = work.pop() as JsonNode;
    if (item.t === 'number' && !Number.isFinite(Number(item.text))) return item.text;
    if (item.t === 'array') for (let i = item.items.length - 1; i >= 0; i--) work.push(item.items[i] as JsonNode);
    if (item.t === 'object') for (let i = item.members.length - 1; i >= 0; i--) work.push((item.members[i] as readonly [string, JsonNode])[1]);
  }
  return undefined;
}
