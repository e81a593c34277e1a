import {
  applicationTypeOrName,
  cleanApplicationName,
  cleanApplicationTypeOrName,
  resolveCleanApplicationName,
} from './application-name';

describe('cleanApplicationName (reference 2.8.3)', () => {
  it.each([
    ['testapp', 'testapp'],
    ['te--s__t!!a@@p##p%%', 'testapp'],
    ['with.!@#none-$%^alphanumeric_&*-characters', 'withnonealphanumericcharacters'],
    ['Äpp-Ü1', 'pp1'],
    ['t..e--s__t!!a@@p##p%%t^^y&&p**e', 'testapptype'],
    ['emoji😀app', 'emojiapp'],
    ['', ''],
  ])('%j becomes %j', (input, expected) => {
    expect(cleanApplicationName(input)).toBe(expected);
  });
});

describe('applicationTypeOrName (reference 2.8.3)', () => {
  it('uses the application-type label when present', () => {
    expect(applicationTypeOrName({ name: 'app', labels: { 'application-type': 'apptype' } })).toBe('apptype');
  });

  it('compares the label key lower-cased', () => {
    expect(applicationTypeOrName({ name: 'app', labels: { 'Application-Type': 'apptype' } })).toBe('apptype');
  });

  it('falls back to the name without labels or without the label', () => {
    expect(applicationTypeOrName({ name: 'app' })).toBe('app');
    expect(applicationTypeOrName({ name: 'app', labels: { other: 'x' } })).toBe('app');
  });

  it('does not clean the label (the caller decides)', () => {
    expect(applicationTypeOrName({ name: 'a', labels: { 'application-type': 'a.b c' } })).toBe('a.b c');
  });

  it('cleans the label with cleanApplicationTypeOrName', () => {
    const app = { name: 'x', labels: { 'application-type': 'with.!@#none-$%^alphanumeric_&*-characters' } };
    expect(cleanApplicationTypeOrName(app)).toBe('withnonealphanumericcharacters');
  });
});

describe('resolveCleanApplicationName', () => {
  it('cleans the raw name when no Application resolves', () => {
    expect(resolveCleanApplicationName('te--s__t!!a@@p##p%%')).toBe('testapp');
    expect(resolveCleanApplicationName('te--s__t!!a@@p##p%%', () => undefined)).toBe('testapp');
  });

  it('uses the resolved Application looked up by the exact raw name', () => {
    const seen: string[] = [];
    const result = resolveCleanApplicationName('my-app', (name) => {
      seen.push(name);
      return { name, labels: { 'application-type': 'my_type' } };
    });
    expect(result).toBe('mytype');
    expect(seen).toEqual(['my-app']);
  });
});
