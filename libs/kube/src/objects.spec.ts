import { mergePatch, objectKey, resourcePath, splitObjectKey } from './objects';

describe('mergePatch', () => {
  it.each([
    ['adds new members', { a: 1 }, { a: 1, b: 2 }, { a: 1, b: 2 }],
    ['removes members that disappear with null', { a: 1, b: 2 }, { a: 1 }, { a: 1, b: null }],
    ['recurses into nested objects', { backend: { types: [1] } }, { backend: {} }, { backend: { types: null } }],
    ['replaces arrays whole', { types: [1, 2] }, { types: [3] }, { types: [3] }],
    ['treats a missing previous as empty', undefined, { ready: true }, { ready: true }],
  ])('%s', (_name, previous, next, expected) => {
    expect(mergePatch(previous, next)).toEqual(expected);
  });
});

describe('object keys and paths', () => {
  it('builds and splits namespace/name keys', () => {
    expect(objectKey({ namespace: 'ns', name: 'a' })).toBe('ns/a');
    expect(splitObjectKey('ns/a')).toEqual({ namespace: 'ns', name: 'a' });
  });

  it('builds cluster-wide and namespaced resource paths', () => {
    const r = { group: 'g.io', version: 'v1', plural: 'things' };
    expect(resourcePath(r)).toBe('/apis/g.io/v1/things');
    expect(resourcePath(r, 'ns')).toBe('/apis/g.io/v1/namespaces/ns/things');
  });
});
