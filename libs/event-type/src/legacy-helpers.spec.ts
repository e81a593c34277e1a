import { combineEventNameSegments, formatEventType, removeNonAlphanumeric } from './legacy-helpers';

describe('removeNonAlphanumeric (reference 2.8.4)', () => {
  it.each([
    ['1-2+3=4.t&h$i#s.t!h@a%t.t;o/m$f*o{o]lery', '1234.this.that.tomfoolery'],
    ['Order-$.third.R-e-c-e-i-v-e-d', 'Order.third.Received'],
    ['Ä.b c\t.d', '.bc.d'],
    ['sap.kyma.custom', 'sap.kyma.custom'],
  ])('%j becomes %j', (input, expected) => {
    expect(removeNonAlphanumeric(input)).toBe(expected);
  });
});

describe('combineEventNameSegments (reference 2.8.4)', () => {
  it.each([
    ['Account.Root.Created', 'AccountRoot.Created'],
    ['order.created', 'order.created'],
    ['created', 'created'],
    ['a.b.c.d', 'abc.d'],
    ['a..b', 'a.b'],
    ['.x', '.x'],
    ['', ''],
  ])('%j becomes %j', (input, expected) => {
    expect(combineEventNameSegments(input)).toBe(expected);
  });
});

describe('formatEventType (reference 2.8.4)', () => {
  it('joins prefix, app, event and version', () => {
    expect(formatEventType('sap.kyma.custom', 'app', 'order.created', 'v1')).toBe('sap.kyma.custom.app.order.created.v1');
  });

  it.each([[''], [' '], ['\t\n'], ['\v'], ['\u00a0'], ['\u0085'], ['\u3000 ']])(
    'leaves out a blank prefix %j (Go strings.TrimSpace)',
    (prefix) => {
      expect(formatEventType(prefix, 'app', 'order.created', 'v1')).toBe('app.order.created.v1');
    },
  );

  it('keeps a prefix of U+FEFF, which Go does not count as space', () => {
    expect(formatEventType('\ufeff', 'app', 'e.o', 'v1')).toBe('\ufeff.app.e.o.v1');
  });

  it('does not clean anything', () => {
    expect(formatEventType('p!', 'a-b', 'c d', 'v 1')).toBe('p!.a-b.c d.v 1');
  });
});
