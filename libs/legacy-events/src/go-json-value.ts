// Builds a tree from JSON bytes already accepted by `scanFirstJsonValue`, keeping what Go's
// decoder needs and JSON.parse loses: object members in document order with duplicates (Go assigns
// struct fields case-insensitively, last one wins), numbers as text (converted to float64 only
// where Go converts them), and strings unquoted as Go does (an invalid UTF-8 byte or a lone
// surrogate escape becomes U+FFFD). Iterative, so deep nesting cannot overflow the stack.

export type JsonNode =
  | { readonly t: 'null' }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'number'; readonly text: string }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'array'; readonly items: JsonNode[] }
  | { readonly t: 'object'; readonly members: Array<readonly [string, JsonNode]> };

type Container = Extract<JsonNode, { t: 'array' } | { t: 'object' }>;

const NULL_NODE: JsonNode = { t: 'null' };
const TRUE_NODE: JsonNode = { t: 'bool', v: true };
const FALSE_NODE: JsonNode = { t: 'bool', v: false };

/** Parses the valid JSON value in `bytes[0, end)`. Behaviour on invalid input is unspecified. */
export function buildJsonNode(bytes: Uint8Array, end: number): JsonNode {
  let pos = 0;
  const stack: Array<{ node: Container; key: string }> = [];
  const skipSpace = () => {
    while (pos < end && (bytes[pos] === 0x20 || bytes[pos] === 0x09 || bytes[pos] === 0x0a || bytes[pos] === 0x0d)) pos++;
  };
  const readKey = (): string => {
    skipSpace();
    const [key, next] = readString(bytes, pos);
    pos = next;
    skipSpace();
    pos++; // ':'
    return key;
  };

  for (;;) {
    skipSpace();
    let value: JsonNode;
    const c = bytes[pos];
    if (c === 0x7b || c === 0x5b) {
      const node: Container = c === 0x7b ? { t: 'object', members: [] } : { t: 'array', items: [] };
      pos++;
      skipSpace();
      if (bytes[pos] !== 0x7d && bytes[pos] !== 0x5d) {
        stack.push({ node, key: node.t === 'object' ? readKey() : '' });
        continue;
      }
      pos++;
      value = node;
    } else if (c === 0x22) {
      const [text, next] = readString(bytes, pos);
      pos = next;
      value = { t: 'string', v: text };
    } else if (c === 0x74) {
      pos += 4;
      value = TRUE_NODE;
    } else if (c === 0x66) {
      pos += 5;
      value = FALSE_NODE;
    } else if (c === 0x6e) {
      pos += 4;
      value = NULL_NODE;
    } else {
      const start = pos;
      while (pos < end && isNumberByte(bytes[pos] as number)) pos++;
      value = { t: 'number', text: latin1(bytes, start, pos) };
    }

    // Attach the value to its container; close every container that ends here.
    for (;;) {
      const frame = stack[stack.length - 1];
      if (frame === undefined) return value;
      if (frame.node.t === 'array') frame.node.items.push(value);
      else frame.node.members.push([frame.key, value]);
      skipSpace();
      if (bytes[pos] === 0x2c) {
        pos++;
        if (frame.node.t === 'object') frame.key = readKey();
        break;
      }
      pos++; // '}' or ']'
      stack.pop();
      value = frame.node;
    }
  }
}

function isNumberByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i] as number);
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<number, string>> = {
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
  0x5c: '\\',
  0x2f: '/',
  0x22: '"',
};

/** Unquotes the string literal starting at `start` (its opening quote); returns it and the offset after it. */
function readString(bytes: Uint8Array, start: number): [string, number] {
  const parts: string[] = [];
  let i = start + 1;
  for (;;) {
    const c = bytes[i] as number;
    if (c === 0x22) return [parts.join(''), i + 1];
    if (c === 0x5c) {
      const e = bytes[i + 1] as number;
      if (e !== 0x75) {
        parts.push(SIMPLE_ESCAPES[e] as string);
        i += 2;
        continue;
      }
      let rune = hex4(bytes, i + 2);
      i += 6;
      if (rune >= 0xd800 && rune <= 0xdfff) {
        // Go accepts a surrogate only as a high+low pair of \u escapes; anything else is U+FFFD.
        const low = bytes[i] === 0x5c && bytes[i + 1] === 0x75 ? hex4(bytes, i + 2) : -1;
        if (rune <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          rune = 0x10000 + ((rune - 0xd800) << 10) + (low - 0xdc00);
          i += 6;
        } else {
          rune = 0xfffd;
        }
      }
      parts.push(String.fromCodePoint(rune));
      continue;
    }
    if (c < 0x80) {
      parts.push(String.fromCharCode(c));
      i++;
      continue;
    }
    const [rune, size] = decodeUtf8Rune(bytes, i);
    parts.push(String.fromCodePoint(rune));
    i += size;
  }
}

function hex4(bytes: Uint8Array, at: number): number {
  let value = 0;
  for (let k = 0; k < 4; k++) {
    const c = bytes[at + k];
    if (c === undefined) return -1;
    const digit = parseInt(String.fromCharCode(c), 16);
    if (Number.isNaN(digit)) return -1;
    value = value * 16 + digit;
  }
  return value;
}

const isContinuation = (c: number | undefined) => c !== undefined && c >= 0x80 && c <= 0xbf;

/**
 * Go's `utf8.DecodeRune` for a non-ASCII lead byte: a valid sequence gives its rune; anything
 * invalid (bad lead, bad or missing continuation, overlong, surrogate, > U+10FFFF) gives
 * U+FFFD and consumes exactly one byte.
 */
export function decodeUtf8Rune(bytes: Uint8Array, at: number): [number, number] {
  const c0 = bytes[at] as number;
  const c1 = bytes[at + 1];
  const invalid: [number, number] = [0xfffd, 1];
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    return isContinuation(c1) ? [((c0 & 0x1f) << 6) | ((c1 as number) & 0x3f), 2] : invalid;
  }
  if (c0 >= 0xe0 && c0 <= 0xef) {
    const lo = c0 === 0xe0 ? 0xa0 : 0x80;
    const hi = c0 === 0xed ? 0x9f : 0xbf;
    const c2 = bytes[at + 2];
    if (c1 === undefined || c1 < lo || c1 > hi || !isContinuation(c2)) return invalid;
    return [((c0 & 0x0f) << 12) | ((c1 & 0x3f) << 6) | ((c2 as number) & 0x3f), 3];
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    const lo = c0 === 0xf0 ? 0x90 : 0x80;
    const hi = c0 === 0xf4 ? 0x8f : 0xbf;
    const c2 = bytes[at + 2];
    const c3 = bytes[at + 3];
    if (c1 === undefined || c1 < lo || c1 > hi || !isContinuation(c2) || !isContinuation(c3)) return invalid;
    return [((c0 & 0x07) << 18) | ((c1 & 0x3f) << 12) | (((c2 as number) & 0x3f) << 6) | ((c3 as number) & 0x3f), 4];
  }
  return invalid;
}
