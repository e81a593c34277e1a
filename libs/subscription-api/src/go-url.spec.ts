import { goAtoi, goParseRequestURI, goQuote, goTrimSpace, isGoUriReference } from './go-url';

describe('goQuote (Go strconv.Quote)', () => {
  it.each<[string, string]>([
    ['test', '"test"'],
    ['a"b', '"a\\"b"'],
    ['a\\b', '"a\\\\b"'],
    ['\t\n\r\v\f\x07\b', '"\\t\\n\\r\\v\\f\\a\\b"'],
    ['\x00\x1b\x7f', '"\\x00\\x1b\\x7f"'],
    ['Ä€😀', '"Ä€😀"'],
    ['\u00a0\u200b', '"\\u00a0\\u200b"'],
  ])('%j → %s', (input, quoted) => {
    expect(goQuote(input)).toBe(quoted);
  });
});

describe('goParseRequestURI (Go url.ParseRequestURI)', () => {
  it.each<[string, string]>([
    ['http://a.b.svc.cluster.local:8080/x?y#z', 'a.b.svc.cluster.local:8080'],
    ['https://user:pw@host', 'host'],
    ['http://[::1]:80/', '[::1]:80'],
    ['http://', ''],
    ['http://host/%41', 'host'],
    ['http:opaque', ''],
  ])('accepts %s with host %j', (raw, host) => {
    expect(goParseRequestURI(raw)).toEqual({ ok: true, host });
  });

  it.each<[string, string]>([
    ['http://invalid Sink', 'parse "http://invalid Sink": invalid character " " in host name'],
    ['http://a{b}', 'parse "http://a{b}": invalid character "{" in host name'],
    ['http://a#b/', 'parse "http://a#b/": invalid character "#" in host name'],
    ['http://a:x/', 'parse "http://a:x/": invalid port ":x" after host'],
    ['http://[::1/', `parse "http://[::1/": missing ']' in host`],
    ['http://a/%zz', 'parse "http://a/%zz": invalid URL escape "%zz"'],
    ['http://a/%4', 'parse "http://a/%4": invalid URL escape "%4"'],
    ['http://a%41/', 'parse "http://a%41/": invalid URL escape "%41"'],
    ['http://a\nb', 'parse "http://a\\nb": net/url: invalid control character in URL'],
    ['http://u ser@a/', 'parse "http://u ser@a/": net/url: invalid userinfo'],
    ['relative/path', 'parse "relative/path": invalid URI for request'],
    [':x', 'parse ":x": missing protocol scheme'],
    ['', 'parse "": empty url'],
  ])('rejects %j with Go\'s text', (raw, error) => {
    expect(goParseRequestURI(raw)).toEqual({ ok: false, error });
  });
});

describe('isGoUriReference (CloudEvents SDK source check)', () => {
  it.each<[string, boolean]>([
    ['noapp', true],
    ['t..e--s__t!!a@@**p##p&&', true],
    ['https://example.com/a?b#c', true],
    ['/relative', true],
    ['urn:a:b', true],
    ['app%%type', false],
    ['s%ourc%e', false],
    ['1a:b', false],
    ['#', false],
    ['#frag', true],
    ['a#%zz', false],
    ['a\tb', false],
  ])('%j → %s', (raw, valid) => {
    expect(isGoUriReference(raw)).toBe(valid);
  });
});

describe('goAtoi and goTrimSpace', () => {
  it.each<[string, number | undefined]>([
    ['10', 10],
    ['+7', 7],
    ['-3', -3],
    ['007', 7],
    ['', undefined],
    [' 1', undefined],
    ['1.0', undefined],
    ['0x10', undefined],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['-9223372036854775808', Number(-9223372036854775808n)],
    ['9223372036854775808', undefined],
  ])('Atoi(%j) → %s', (s, n) => {
    expect(goAtoi(s)).toBe(n);
  });

  it('trims Unicode spaces but, unlike JS, not the BOM', () => {
    expect(goTrimSpace('\u00a0\t x \u3000')).toBe('x');
    expect(goTrimSpace('\ufeff')).toBe('\ufeff');
  });
});
