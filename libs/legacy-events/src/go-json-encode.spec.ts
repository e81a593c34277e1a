import fc from 'fast-check';
import { compareByCodePoint, goJsonNumber, goJsonString, marshalGoValue } from './go-json-encode';
import { buildJsonNode } from './go-json-value';

const marshal = (text: string) => {
  const bytes = Buffer.from(text);
  return marshalGoValue(buildJsonNode(bytes, bytes.length));
};

describe('goJsonString (Go encoder, escapeHTML on)', () => {
  it.each([
    ['plain', '"plain"'],
    ['<a href="x">&</a>', '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['\b\f\n\r\t', '"\\b\\f\\n\\r\\t"'],
    ['\u0000\u001f\u007f', '"\\u0000\\u001f\u007f"'],
    ['é😀/', '"é😀/"'],
    ['a\ud800b', '"a\\ufffdb"'],
    ['\\', '"\\\\"'],
  ])('%j → %s', (input, expected) => {
    expect(goJsonString(input)).toBe(expected);
  });
});

describe('goJsonNumber', () => {
  it.each([
    [1, '1'],
    [-0, '-0'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [1e20, '100000000000000000000'],
    [1e21, '1e+21'],
    [1.5e300, '1.5e+300'],
  ])('%p → %s', (value, expected) => {
    expect(goJsonNumber(value)).toBe(expected);
  });
});

describe('marshalGoValue', () => {
  it('sorts object keys by code point and keeps the last duplicate', () => {
    expect(marshal('{"b":1,"a":{"d":1,"c":2},"b":3,"😀":0,"～":0}')).toBe('{"a":{"c":2,"d":1},"b":3,"～":0,"😀":0}');
  });

  it('round-trips any JSON value to the same value', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(JSON.parse(marshal(text))).toEqual(JSON.parse(text));
      }),
    );
  });

  it('is a fixed point: marshalling its own output changes nothing', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const once = marshal(text);
        expect(marshal(once)).toBe(once);
      }),
    );
  });
});

describe('compareByCodePoint', () => {
  it('orders supplementary characters after the whole BMP, as UTF-8 bytes do', () => {
    expect(['😀', '～', 'z'].sort(compareByCodePoint)).toEqual(['z', '～', '😀']);
    expect(compareByCodePoint('a', 'ab')).toBeLessThan(0);
    expect(compareByCodePoint('ab', 'ab')).toBe(0);
  });
});
