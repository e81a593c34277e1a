// Small emulations of the Go standard library behaviour that Kyma's validator relies on
// (reference 3.4): `strconv.Quote`, `url.ParseRequestURI` (sink rule 16) and `url.Parse`
// (the CloudEvents SDK's source check, rule 3), `strings.TrimSpace` and `strconv.Atoi`.
//
// Checked against Go 1.26 (net/url, strconv, strings) on a corpus of tricky inputs. Known
// differences, all deliberate simplifications:
// - Quote: non-ASCII "printable" is approximated with Unicode categories L, M, N, P, S; JS strings
//   are UTF-16, so invalid UTF-8 (which Go would print as \x..) cannot occur.
// - Go 1.26 semantics: the port starts at the first colon of an unbracketed http(s) host
//   (`http://a:80:80/` is rejected; Go <= 1.25 accepted it), bracketed hosts must be IPv6.
// - An invalid bracketed IPv6 address is reported with netip's generic reason "unable to parse
//   IP"; Go names the precise defect (e.g. "multiple :: in address").

/** Go `strconv.Quote`: double-quoted, Go escape sequences. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp < 0x80) out += ASCII_ESCAPES[cp] ?? `\\x${hex(cp, 2)}`;
    else if (PRINTABLE.test(ch)) out += ch;
    else out += cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}

const ASCII_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Go `strings.TrimSpace` (Unicode White_Space; unlike JS `trim`, U+FEFF is not space). */
export function goTrimSpace(s: string): string {
  return s.replace(GO_SPACE_EDGES, '');
}
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_SPACE_EDGES = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

/** Go `strconv.Atoi` on 64-bit: optional sign, ASCII digits, within int64. */
export function goAtoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return Number(n);
}

export type GoParseResult = { ok: true; host: string } | { ok: false; error: string };

/** Go `url.ParseRequestURI(raw)`: the URL `host` (with port) or Go's error text `parse "<raw>": <reason>`. */
export function goParseRequestURI(raw: string): GoParseResult {
  const reason = parseReason(raw, true);
  return typeof reason === 'string' ? { ok: false, error: `parse ${goQuote(raw)}: ${reason}` } : reason;
}

/**
 * The check the CloudEvents Go SDK applies to `source` (a URI-reference): Go `url.Parse` must
 * succeed and the re-serialised reference must not be blank (`#` alone serialises to "").
 */
export function isGoUriReference(raw: string): boolean {
  const hash = raw.indexOf('#');
  const beforeFragment = hash >= 0 ? raw.slice(0, hash) : raw;
  const fragment = hash >= 0 ? raw.slice(hash + 1) : '';
  if (typeof parseReason(beforeFragment, false) === 'string') return false;
  if (typeof unescape(fragment, 'fragment') === 'string') return false;
  return beforeFragment !== '' || fragment !== '';
}

type Mode = 'host' | 'zone' | 'path' | 'fragment' | 'userinfo';

/** Go's `parse(rawURL, viaRequest)`: a reason string on failure, the host on success. */
function parseReason(raw: string, viaRequest: boolean): GoParseResult | string {
  if (hasControlByte(raw)) return 'net/url: invalid control character in URL';
  if (raw === '' && viaRequest) return 'empty url';
  if (raw === '*') return { ok: true, host: '' };
  const scheme = splitScheme(raw);
  if (typeof scheme === 'string') return scheme;
  let rest = scheme.rest;
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    if (scheme.scheme !== '') return { ok: true, host: '' }; // opaque, not checked further
    if (viaRequest) return 'invalid URI for request';
    const firstSegment = rest.split('/')[0] ?? '';
    if (firstSegment.includes(':')) return 'first path segment in URL cannot contain colon';
  }
  let host = '';
  if ((scheme.scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    const slash = authority.indexOf('/');
    rest = slash >= 0 ? authority.slice(slash) : '';
    authority = slash >= 0 ? authority.slice(0, slash) : authority;
    const parsed = parseAuthority(scheme.scheme.toLowerCase(), authority);
    if (typeof parsed === 'string') return parsed;
    host = parsed.host;
  }
  const path = unescape(rest, 'path');
  return typeof path === 'string' ? path : { ok: true, host };
}

function splitScheme(raw: string): { scheme: string; rest: string } | string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') return i === 0 ? 'missing protocol scheme' : { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function parseAuthority(scheme: string, authority: string): { host: string } | string {
  const at = authority.lastIndexOf('@');
  const host = parseHost(scheme, at >= 0 ? authority.slice(at + 1) : authority);
  if (typeof host === 'string') return host;
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return 'net/url: invalid userinfo';
    const user = unescape(userinfo, 'userinfo');
    if (typeof user === 'string') return user;
  }
  return host;
}

/** Go 1.26 `parseHost`: the unescaped host, or Go's error text. */
function parseHost(scheme: string, host: string): { host: string } | string {
  const open = host.lastIndexOf('[');
  if (open > 0) return 'invalid IP-literal';
  if (open === 0) return parseIpLiteral(host);
  const first = host.indexOf(':');
  if (first >= 0) {
    // Go 1.26 (go.dev/issue/75223): for http(s) the port starts at the first colon.
    const i = scheme === 'http' || scheme === 'https' ? first : host.lastIndexOf(':');
    const colonPort = host.slice(i);
    if (!validOptionalPort(colonPort)) return `invalid port ${goQuote(colonPort)} after host`;
  }
  const unescaped = unescape(host, 'host');
  return typeof unescaped === 'string' ? unescaped : { host: unescaped.value };
}

/** `[IPv6]` or `[IPv6%25zone]` with an optional port (RFC 3986, RFC 6874). */
function parseIpLiteral(host: string): { host: string } | string {
  const close = host.lastIndexOf(']');
  if (close < 0) return "missing ']' in host";
  const colonPort = host.slice(close + 1);
  if (!validOptionalPort(colonPort)) return `invalid port ${goQuote(colonPort)} after host`;
  const inner = host.slice(1, close);
  const zone = inner.indexOf('%25');
  const parts = zone >= 0 ? [unescape(inner.slice(0, zone), 'host'), unescape(inner.slice(zone), 'zone')] : [unescape(inner, 'host')];
  const failed = parts.find((p) => typeof p === 'string');
  if (failed !== undefined) return failed as string;
  const address = parts.map((p) => (p as { value: string }).value).join('');
  const ipError = ipv6LiteralError(address);
  return ipError ?? { host: `[${address}]${colonPort}` };
}

/**
 * Go checks the bracketed text with `netip.ParseAddr` and refuses IPv4. The validity check here
 * uses the WHATWG IPv6 parser; for invalid text the error reason is netip's most common one.
 */
function ipv6LiteralError(address: string): string | undefined {
  const percent = address.indexOf('%');
  const ip = percent >= 0 ? address.slice(0, percent) : address;
  if (/^[0-9.]+$/.test(ip) && ip.includes('.')) return 'invalid IP-literal';
  const valid = ip.includes(':') && URL.parse(`http://[${ip}]/`) !== null;
  const reason = !valid ? 'unable to parse IP' : percent === address.length - 1 ? 'zone must be a non-empty string' : undefined;
  return reason === undefined ? undefined : `invalid host: ParseAddr(${goQuote(address)}): ${reason}`;
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

const HOST_ALLOWED = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]$/;
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Go `unescape(s, mode)`: the decoded text, or Go's error text. */
function unescape(s: string, mode: Mode): { value: string } | string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]!) || !isHex(s[i + 2]!)) {
        return `invalid URL escape ${goQuote(s.slice(i, i + 3))}`;
      }
      const byte = parseInt(s.slice(i + 1, i + 3), 16);
      const escape = s.slice(i, i + 3);
      // In a host, %-escapes may only encode non-ASCII bytes (and "%25" for zones); a zone may
      // escape only what it could contain unescaped (or a space).
      if (mode === 'host' && byte < 0x80 && escape !== '%25') return `invalid URL escape ${goQuote(escape)}`;
      if (mode === 'zone' && escape !== '%25' && byte !== 0x20 && (byte >= 0x80 || !HOST_ALLOWED.test(String.fromCharCode(byte)))) {
        return `invalid URL escape ${goQuote(escape)}`;
      }
      bytes.push(byte);
      i += 2;
    } else if ((mode === 'host' || mode === 'zone') && c.charCodeAt(0) < 0x80 && !HOST_ALLOWED.test(c)) {
      return `invalid character ${goQuote(c)} in host name`;
    } else {
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      bytes.push(...utf8.encode(ch));
      i += ch.length - 1;
    }
  }
  return { value: utf8Decoder.decode(new Uint8Array(bytes)) };
}

function hasControlByte(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function isHex(c: string): boolean {
  return /^[0-9a-fA-F]$/.test(c);
}
