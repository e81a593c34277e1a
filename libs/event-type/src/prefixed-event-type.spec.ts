import fc from 'fast-check';
import type { ApplicationLike } from './application-name';
import { EventTypeError, prefixedParseErrorText } from './event-type-error';
import { cleanPrefixedEventType, parsePrefixedEventType } from './prefixed-event-type';

const LONG = 'Segment1.Segment2.Segment3.Segment4-Part1-Part2-Ä.Segment5-Part1-Part2-Ä.v1';
const SHORT = 'Segment1-Part1-Part2-Ä.Segment2-Part1-Part2-Ä.v1';
const DIRTY_APP = 'te--s__t!!a@@p##p%%';
const DIRTY_LABEL = 't..e--s__t!!a@@p##p%%t^^y&&p**e';

/** An Application lister holding exactly one Application, as in EPP's clean_test.go. */
function lister(app: ApplicationLike) {
  return (name: string) => (name === app.name ? app : undefined);
}

describe('cleanPrefixedEventType (reference 2.8.2, EPP eventtype clean_test vectors)', () => {
  it.each([
    ['empty prefix', '', undefined, `testapp.${SHORT}`, 'testapp.Segment1Part1Part2.Segment2Part1Part2.v1'],
    ['clean app', 'prefix', { name: 'testapp' }, `prefix.testapp.${SHORT}`, 'prefix.testapp.Segment1Part1Part2.Segment2Part1Part2.v1'],
    [
      'clean app, more than two event segments',
      'prefix',
      { name: 'testapp' },
      `prefix.testapp.${LONG}`,
      'prefix.testapp.Segment1Segment2Segment3Segment4Part1Part2.Segment5Part1Part2.v1',
    ],
    [
      'clean type label',
      'prefix',
      { name: 'testapp', labels: { 'application-type': 'testapptype' } },
      `prefix.testapp.${SHORT}`,
      'prefix.testapptype.Segment1Part1Part2.Segment2Part1Part2.v1',
    ],
    [
      'clean type label, more than two event segments',
      'prefix',
      { name: 'testapp', labels: { 'application-type': 'testapptype' } },
      `prefix.testapp.${LONG}`,
      'prefix.testapptype.Segment1Segment2Segment3Segment4Part1Part2.Segment5Part1Part2.v1',
    ],
    ['dirty app', 'prefix', { name: DIRTY_APP }, `prefix.${DIRTY_APP}.${SHORT}`, 'prefix.testapp.Segment1Part1Part2.Segment2Part1Part2.v1'],
    [
      'dirty app, more than two event segments',
      'prefix',
      { name: DIRTY_APP },
      `prefix.${DIRTY_APP}.${LONG}`,
      'prefix.testapp.Segment1Segment2Segment3Segment4Part1Part2.Segment5Part1Part2.v1',
    ],
    [
      'dirty type label',
      'prefix',
      { name: DIRTY_APP, labels: { 'application-type': DIRTY_LABEL } },
      `prefix.${DIRTY_APP}.${SHORT}`,
      'prefix.testapptype.Segment1Part1Part2.Segment2Part1Part2.v1',
    ],
    [
      'dirty type label, more than two event segments',
      'prefix',
      { name: DIRTY_APP, labels: { 'application-type': DIRTY_LABEL } },
      `prefix.${DIRTY_APP}.${LONG}`,
      'prefix.testapptype.Segment1Segment2Segment3Segment4Part1Part2.Segment5Part1Part2.v1',
    ],
    ['Application lookups disabled', 'prefix', undefined, `prefix.${DIRTY_APP}.${SHORT}`, 'prefix.testapp.Segment1Part1Part2.Segment2Part1Part2.v1'],
    ['non-existing dirty app', 'prefix', { name: '' }, `prefix.test-app.${SHORT}`, 'prefix.testapp.Segment1Part1Part2.Segment2Part1Part2.v1'],
    [
      'non-existing dirty app, more than two event segments',
      'prefix',
      { name: '' },
      `prefix.test-app.${LONG}`,
      'prefix.testapp.Segment1Segment2Segment3Segment4Part1Part2.Segment5Part1Part2.v1',
    ],
    ['non-existing clean app', 'prefix', { name: '' }, `prefix.testapp.${SHORT}`, 'prefix.testapp.Segment1Part1Part2.Segment2Part1Part2.v1'],
    [
      'real prefix',
      'sap.kyma.custom',
      undefined,
      'sap.kyma.custom.commerce.order.created.v1',
      'sap.kyma.custom.commerce.order.created.v1',
    ],
    ['version is cleaned too', 'pfx', undefined, 'pfx.app.order.created.v-1', 'pfx.app.order.created.v1'],
    ['dirty prefix is cleaned', 'p-x', undefined, 'p-x.app.order.created.v1', 'px.app.order.created.v1'],
    ['a blank prefix is left out of the result', ' ', undefined, ' app.order.created.v1', 'app.order.created.v1'],
  ])('%s: %j %j → %j', (_name, prefix, app, type, expected) => {
    const result = cleanPrefixedEventType(type as string, prefix as string, app ? lister(app as ApplicationLike) : undefined);
    expect(result).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['invalid prefix', 'prefix', `invalid.prefix.testapp.${SHORT}`, 'prefix not found'],
    ['missing prefix', 'prefix', `testapp.${SHORT}`, 'prefix not found'],
    ['incomplete type (3 segments after the prefix)', 'prefix', 'prefix.testapp.Segment1-Part1-Part2-Ä.v1', 'invalid format'],
    ['empty segment', 'prefix', 'prefix.app..created.v1', 'invalid format'],
    ['trailing dot', 'prefix', 'prefix.app.order.created.', 'invalid format'],
    ['prefix removed everywhere (quirk 6.8)', 'one.two', 'one.two.app.one.two.created.v1', 'invalid format'],
    ['prefix is case-sensitive', 'sap.kyma.custom', 'SAP.kyma.custom.app.order.created.v1', 'prefix not found'],
  ])('fails for %s', (_name, prefix, type, reason) => {
    const result = cleanPrefixedEventType(type, prefix);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(EventTypeError);
    expect(result.error.name).toBe('EventTypeError');
    expect(result.error.message).toBe(reason);
    expect(result.error.responseText).toBe(`failed to parse event-type=${type} with prefix=${prefix}: ${reason}`);
  });

  it('leaves the Application lookup out when parsing fails', () => {
    const looked: string[] = [];
    cleanPrefixedEventType('other.app.x.y.v1', 'prefix', (name) => {
      looked.push(name);
      return undefined;
    });
    expect(looked).toEqual([]);
  });
});

describe('parsePrefixedEventType (reference 2.8.2)', () => {
  it('splits application, merged business object, operation and version', () => {
    expect(parsePrefixedEventType(`prefix.${DIRTY_APP}.${LONG}`, 'prefix')).toEqual({
      ok: true,
      value: {
        application: DIRTY_APP,
        event: 'Segment1Segment2Segment3Segment4-Part1-Part2-Ä.Segment5-Part1-Part2-Ä',
        version: 'v1',
      },
    });
  });

  it('strips only one leading dot after removing the prefix', () => {
    const result = parsePrefixedEventType('pfx..app.order.created.v1', 'pfx');
    expect(result.ok).toBe(false);
  });

  it('accepts the type without the dot after the prefix', () => {
    expect(parsePrefixedEventType('preapp.order.created.v1', 'pre')).toEqual({
      ok: true,
      value: { application: 'app', event: 'order.created', version: 'v1' },
    });
  });

  it('error codes are typed', () => {
    const missing = parsePrefixedEventType('x', 'p');
    const invalid = parsePrefixedEventType('p.a.b', 'p');
    expect(!missing.ok && missing.error.code).toBe('prefix-not-found');
    expect(!invalid.ok && invalid.error.code).toBe('invalid-format');
  });
});

describe('prefixedParseErrorText', () => {
  it('is the 400 body of the proxy', () => {
    expect(prefixedParseErrorText('a.b', 'sap.kyma.custom', 'prefix not found')).toBe(
      'failed to parse event-type=a.b with prefix=sap.kyma.custom: prefix not found',
    );
  });
});

describe('prefixed cleaner properties', () => {
  const segment = fc.string({ unit: fc.constantFrom(...'aZ9-_!Ä .'.split('')), minLength: 1, maxLength: 6 });
  const type = fc.array(segment, { minLength: 1, maxLength: 7 }).map((parts) => `sap.kyma.custom.${parts.join('.')}`);

  it('a cleaned type holds only [A-Za-z0-9.] and at least four segments', () => {
    fc.assert(
      fc.property(type, (input) => {
        const result = cleanPrefixedEventType(input, 'sap.kyma.custom');
        if (!result.ok) return;
        expect(result.value).toMatch(/^[A-Za-z0-9.]*$/);
        expect(result.value.split('.').length).toBeGreaterThanOrEqual(4);
      }),
    );
  });

  it('fails exactly when the part after the prefix has fewer than 4 or empty segments', () => {
    fc.assert(
      fc.property(type, (input) => {
        const parts = input.slice('sap.kyma.custom.'.length).split('.');
        const valid = parts.length >= 4 && parts.every((p) => p !== '');
        expect(cleanPrefixedEventType(input, 'sap.kyma.custom').ok).toBe(valid);
      }),
    );
  });
});
