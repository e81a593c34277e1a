// A byte-level port of the grammar Go's `encoding/json` Decoder enforces, so that a legacy body
// is accepted, rejected and described exactly as Kyma's proxy does (reference 2.5.2 step 2):
// only the FIRST JSON value is read (trailing bytes are never looked at), syntax errors carry
// Go's texts (`invalid character 'I' looking for beginning of value`), an incomplete value is
// `unexpected EOF` (`EOF` when there was nothing but whitespace), and a value that does not end
// within the size limit is `http: request body too large` (Go's MaxBytesReader).

/** Go's scanner refuses nesting deeper than this (`exceeded max depth`). */
const MAX_NESTING_DEPTH = 10_000;

export const BODY_TOO_LARGE_TEXT = 'http: request body too large';

export type ScanResult =
  | { readonly kind: 'value'; readonly end: number }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'too-large' };

type Container = 'object-key' | 'object-value' | 'array';

type State =
  | 'begin-value'
  | 'begin-value-or-empty'
  | 'begin-string-or-empty'
  | 'begin-string'
  | 'in-string'
  | 'in-string-escape'
  | 'in-string-escape-u'
  | 'neg'
  | 'zero'
  | 'int'
  | 'dot'
  | 'dot-digits'
  | 'exp'
  | 'exp-sign'
  | 'exp-digits'
  | 'literal'
  | 'end-value';

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/**
 * One step's outcome: keep going; the top-level value ended with this byte (a closing bracket);
 * the top-level value (a scalar) ended just before this byte; or a syntax error.
 */
type Step = 'continue' | 'end' | 'end-before' | { error: string };

class GoJsonScanner {
  private state: State = 'begin-value';
  private readonly stack: Container[] = [];
  private hexLeft = 0;
  private literalRest = '';
  private literalName = '';

  step(c: number): Step {
    switch (this.state) {
      case 'begin-value-or-empty':
        if (SPACE.has(c)) return 'continue';
        if (c === 0x5d) return this.endValue(c);
        return this.beginValue(c);
      case 'begin-value':
        return this.beginValue(c);
      case 'begin-string-or-empty':
        if (SPACE.has(c)) return 'continue';
        if (c === 0x7d) {
          this.stack[this.stack.length - 1] = 'object-value';
          return this.endValue(c);
        }
        return this.beginString(c);
      case 'begin-string':
        return this.beginString(c);
      case 'in-string':
        if (c === 0x22) return this.to('end-value');
        if (c === 0x5c) return this.to('in-string-escape');
        if (c < 0x20) return syntaxError(c, 'in string literal');
        return 'continue';
      case 'in-string-escape':
        if ('bfnrt\\/"'.includes(String.fromCharCode(c))) return this.to('in-string');
        if (c === 0x75) {
          this.hexLeft = 4;
          return this.to('in-string-escape-u');
        }
        return syntaxError(c, 'in string escape code');
      case 'in-string-escape-u':
        if (!isHex(c)) return syntaxError(c, 'in \\u hexadecimal character escape');
        this.hexLeft -= 1;
        return this.hexLeft === 0 ? this.to('in-string') : 'continue';
      case 'neg':
        if (c === 0x30) return this.to('zero');
        if (isDigit(c)) return this.to('int');
        return syntaxError(c, 'in numeric literal');
      case 'int':
        if (isDigit(c)) return 'continue';
        return this.afterInteger(c);
      case 'zero':
        return this.afterInteger(c);
      case 'dot':
        if (isDigit(c)) return this.to('dot-digits');
        return syntaxError(c, 'after decimal point in numeric literal');
      case 'dot-digits':
        if (isDigit(c)) return 'continue';
        if (c === 0x65 || c === 0x45) return this.to('exp');
        return this.endValue(c);
      case 'exp':
        if (c === 0x2b || c === 0x2d) return this.to('exp-sign');
        return this.expSign(c);
      case 'exp-sign':
        return this.expSign(c);
      case 'exp-digits':
        if (isDigit(c)) return 'continue';
        return this.endValue(c);
      case 'literal': {
        const expected = this.literalRest.charCodeAt(0);
        if (c !== expected) {
          return syntaxError(c, `in literal ${this.literalName} (expecting ${quoteChar(expected)})`);
        }
        this.literalRest = this.literalRest.slice(1);
        return this.literalRest === '' ? this.to('end-value') : 'continue';
      }
      case 'end-value':
        return this.endValue(c);
    }
  }

  private to(state: State): Step {
    this.state = state;
    return 'continue';
  }

  private beginValue(c: number): Step {
    if (SPACE.has(c)) return 'continue';
    switch (c) {
      case 0x7b:
        return this.push('object-key', c, 'begin-string-or-empty');
      case 0x5b:
        return this.push('array', c, 'begin-value-or-empty');
      case 0x22:
        return this.to('in-string');
      case 0x2d:
        return this.to('neg');
      case 0x30:
        return this.to('zero');
      case 0x74:
        return this.literal('true');
      case 0x66:
        return this.literal('false');
      case 0x6e:
        return this.literal('null');
    }
    if (isDigit(c)) return this.to('int');
    return syntaxError(c, 'looking for beginning of value');
  }

  private beginString(c: number): Step {
    if (SPACE.has(c)) return 'continue';
    if (c === 0x22) return this.to('in-string');
    return syntaxError(c, 'looking for beginning of object key string');
  }

  private push(container: Container, c: number, next: State): Step {
    this.stack.push(container);
    if (this.stack.length > MAX_NESTING_DEPTH) return syntaxError(c, 'exceeded max depth');
    return this.to(next);
  }

  private literal(name: string): Step {
    this.literalName = name;
    this.literalRest = name.slice(1);
    return this.to('literal');
  }

  private afterInteger(c: number): Step {
    if (c === 0x2e) return this.to('dot');
    if (c === 0x65 || c === 0x45) return this.to('exp');
    return this.endValue(c);
  }

  private expSign(c: number): Step {
    if (isDigit(c)) return this.to('exp-digits');
    return syntaxError(c, 'in exponent of numeric literal');
  }

  /** After a complete value: what may follow depends on the enclosing container. */
  private endValue(c: number): Step {
    const top = this.stack[this.stack.length - 1];
    // A scalar at the top level ends at the next byte, whatever it is (Go's Decoder stops there).
    if (top === undefined) return 'end-before';
    this.state = 'end-value';
    if (SPACE.has(c)) return 'continue';
    switch (top) {
      case 'object-key':
        if (c === 0x3a) {
          this.stack[this.stack.length - 1] = 'object-value';
          return this.to('begin-value');
        }
        return syntaxError(c, 'after object key');
      case 'object-value':
        if (c === 0x2c) {
          this.stack[this.stack.length - 1] = 'object-key';
          return this.to('begin-string');
        }
        if (c === 0x7d) return this.close();
        return syntaxError(c, 'after object key:value pair');
      case 'array':
        if (c === 0x2c) return this.to('begin-value');
        if (c === 0x5d) return this.close();
        return syntaxError(c, 'after array element');
    }
  }

  /** A container closed; at the top level the value ends right here (Go invents a space). */
  private close(): Step {
    this.stack.pop();
    this.state = 'end-value';
    return this.stack.length === 0 ? 'end' : 'continue';
  }
}

/**
 * Scans the first JSON value of `body` as Go's `json.Decoder` does. `limit` is the request size
 * limit: bytes beyond it are never scanned, and a value still open at the limit is too large.
 * `end` is the offset just after the value (for a top-level scalar: where the next byte starts).
 */
export function scanFirstJsonValue(body: Uint8Array, limit?: number): ScanResult {
  const truncated = limit !== undefined && body.length > limit;
  const length = truncated ? limit : body.length;
  const scanner = new GoJsonScanner();
  for (let i = 0; i < length; i++) {
    const c = body[i] as number;
    const step = scanner.step(c);
    if (step === 'end') return { kind: 'value', end: i + 1 };
    if (step === 'end-before') return { kind: 'value', end: i };
    if (step !== 'continue') return { kind: 'error', message: step.error };
  }
  if (truncated) return { kind: 'too-large' };
  // End of input: Go feeds one more space; a scalar at the top level completes with it.
  if (scanner.step(0x20) === 'end-before') return { kind: 'value', end: length };
  const onlySpace = body.subarray(0, length).every((c) => SPACE.has(c));
  return { kind: 'error', message: onlySpace ? 'EOF' : 'unexpected EOF' };
}

function syntaxError(c: number, context: string): Step {
  return { error: `invalid character ${quoteChar(c)} ${context}` };
}

/**
 * Go's `quoteChar`: the byte read as a Latin-1 rune and quoted like `strconv.Quote`, between
 * single quotes (`'\''` and `'"'` are special-cased).
 */
export function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  return `'${quoteLatin1Rune(c)}'`;
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
  0x5c: '\\\\',
};

function quoteLatin1Rune(c: number): string {
  const short = SHORT_ESCAPES[c];
  if (short !== undefined) return short;
  if (c < 0x20 || c === 0x7f) return `\\x${c.toString(16).padStart(2, '0')}`;
  // strconv.IsPrint for U+0080..U+00FF: U+00A1..U+00FF except the soft hyphen U+00AD.
  if (c >= 0x80 && (c < 0xa1 || c === 0xad)) return `\\u${c.toString(16).padStart(4, '0')}`;
  return String.fromCharCode(c);
}
