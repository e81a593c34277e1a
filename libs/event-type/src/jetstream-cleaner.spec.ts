import fc from 'fast-check';
import {
  JETSTREAM_SOURCE_REMOVED_CHARS,
  JETSTREAM_TYPE_REMOVED_CHARS,
  cleanJetStreamEventType,
  cleanJetStreamSource,
} from './jetstream-cleaner';

describe('cleanJetStreamEventType (reference 2.8.1)', () => {
  it.each([
    ['order!!.created<<.v1##', 'order!!.created<<.v1##'],
    [
      'prefix.  testapp.\tSegment1.Segment2>*.Segment3<.Segment4>>-Part1/2-Part2\\3-Ä.Segment5-Part1-Ä.v1',
      'prefix.testapp.Segment1.Segment2.Segment3<.Segment4-Part12-Part23-Ä.Segment5-Part1-Ä.v1',
    ],
    ['order.payment*success.v1', 'order.paymentsuccess.v1'],
    ['system>prod', 'systemprod'],
    ['a\nb\rc\fd\te f', 'abcdef'],
    ['keeps-_$<!#%@.dots.Ä', 'keeps-_$<!#%@.dots.Ä'],
    ['no segment..merging', 'nosegment..merging'],
  ])('%j becomes %j', (input, expected) => {
    expect(cleanJetStreamEventType(input)).toBe(expected);
  });

  it.each([
    ['vertical tab', 'a\vb'],
    ['no-break space', 'a\u00a0b'],
    ['next line', 'a\u0085b'],
    ['em space', 'a\u2003b'],
    ['line separator', 'a\u2028b'],
    ['ideographic space', 'a\u3000b'],
    ['byte order mark', 'a\ufeffb'],
  ])('keeps a %s, which Go RE2 \\s does not match', (_name, input) => {
    expect(cleanJetStreamEventType(input)).toBe(input);
    expect(cleanJetStreamSource(input)).toBe(input);
  });
});

describe('cleanJetStreamSource (reference 2.8.1)', () => {
  it.each([
    ['noapp', 'noapp'],
    ['my.app', 'myapp'],
    ['https://example.com/a\\b', 'https:examplecomab'],
    [' \t\n\f\r.>*/\\', ''],
    ['te--s__t!!a@@p##p%%', 'te--s__t!!a@@p##p%%'],
    ['Äpp', 'Äpp'],
  ])('%j becomes %j', (input, expected) => {
    expect(cleanJetStreamSource(input)).toBe(expected);
  });
});

describe('JetStream cleaner properties', () => {
  const tricky = fc.string({
    unit: fc.constantFrom(...'ab.Ä \t\n\f\r\v>*/\\<-_\u00a0\u2003'.split('')),
  });
  const anyString = fc.oneof(tricky, fc.string({ unit: 'grapheme' }), fc.string());

  it('never leaves a removed character behind', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const type = cleanJetStreamEventType(input);
        const source = cleanJetStreamSource(input);
        for (const c of JETSTREAM_TYPE_REMOVED_CHARS) expect(type.includes(c)).toBe(false);
        for (const c of JETSTREAM_SOURCE_REMOVED_CHARS) expect(source.includes(c)).toBe(false);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const type = cleanJetStreamEventType(input);
        const source = cleanJetStreamSource(input);
        expect(cleanJetStreamEventType(type)).toBe(type);
        expect(cleanJetStreamSource(source)).toBe(source);
      }),
    );
  });

  it('only removes characters and keeps the order of the others', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const kept = [...input].filter((c) => !(JETSTREAM_TYPE_REMOVED_CHARS as readonly string[]).includes(c));
        expect(cleanJetStreamEventType(input)).toBe(kept.join(''));
      }),
    );
  });
});
