import fc from 'fast-check';
import { quoteChar, scanFirstJsonValue } from './go-json-scan';

const scan = (text: string, limit?: number) => scanFirstJsonValue(Buffer.from(text, 'latin1'), limit);

describe('scanFirstJsonValue', () => {
  it.each([
    ['{"a":1}', 7],
    ['{"a":1}  trailing', 7],
    ['[1,2]x', 5],
    ['  {}', 4],
    ['12 ', 2],
    ['12', 2],
    ['"s"x', 3],
    ['truex', 4],
    ['null', 4],
  ])('%j: the first value ends at %i', (text, end) => {
    expect(scan(text)).toEqual({ kind: 'value', end });
  });

  it.each([
    ['', 'EOF'],
    [' \n\t\r', 'EOF'],
    ['{', 'unexpected EOF'],
    ['-', 'unexpected EOF'],
    ['1.', 'unexpected EOF'],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 1}', "invalid character '1' after object key:value pair"],
    ['[1 1]', "invalid character '1' after array element"],
    ['{,}', "invalid character ',' looking for beginning of object key string"],
    ['"\\x"', "invalid character 'x' in string escape code"],
    ['"\\u00x0"', "invalid character 'x' in \\u hexadecimal character escape"],
    ['"\t"', "invalid character '\\t' in string literal"],
    ['nulL', "invalid character 'L' in literal null (expecting 'l')"],
    ['-a', "invalid character 'a' in numeric literal"],
    ['1.e', "invalid character 'e' after decimal point in numeric literal"],
    ['1e-x', "invalid character 'x' in exponent of numeric literal"],
  ])('%j fails with %j', (text, message) => {
    expect(scan(text)).toEqual({ kind: 'error', message });
  });

  it('reports a value still open at the size limit as too large', () => {
    expect(scan('{"a":1}', 6)).toEqual({ kind: 'too-large' });
    expect(scan('{"a":1}', 7)).toEqual({ kind: 'value', end: 7 });
    expect(scan('{x', 1)).toEqual({ kind: 'too-large' });
    expect(scan('{x   ', 2)).toEqual({ kind: 'error', message: "invalid character 'x' looking for beginning of object key string" });
  });

  it('accepts every document JSON.parse accepts, as one value', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const result = scanFirstJsonValue(Buffer.from(text));
        expect(result.kind).toBe('value');
      }),
    );
  });

  it('rejects only what JSON.parse rejects (on inputs without trailing data)', () => {
    const alphabet = fc.constantFrom(...'{}[]",:0123456789-+.eEtrufalsn \\x'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 12 }), (text) => {
        const result = scanFirstJsonValue(Buffer.from(text));
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        if (parses) expect(result.kind).toBe('value');
        if (result.kind === 'value' && text.slice(result.end).trim() === '') expect(parses).toBe(true);
      }),
    );
  });
});

describe('quoteChar (Go)', () => {
  it.each([
    [0x49, "'I'"],
    [0x27, "'\\''"],
    [0x22, `'"'`],
    [0x5c, "'\\\\'"],
    [0x0a, "'\\n'"],
    [0x07, "'\\a'"],
    [0x0b, "'\\v'"],
    [0x01, "'\\x01'"],
    [0x7f, "'\\x7f'"],
    [0x80, "'\\u0080'"],
    [0x9f, "'\\u009f'"],
    [0xa0, "'\\u00a0'"],
    [0xa1, "'¡'"],
    [0xad, "'\\u00ad'"],
    [0xef, "'ï'"],
    [0xff, "'ÿ'"],
  ])('byte %i is quoted as %s', (c, quoted) => {
    expect(quoteChar(c)).toBe(quoted);
  });
});
