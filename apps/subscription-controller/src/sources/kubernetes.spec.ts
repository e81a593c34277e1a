import type { KubeObject } from '@eventing/kube';
import { needsReconcile } from './kubernetes';

const object = (metadata: Partial<KubeObject['metadata']> = {}, status: unknown = undefined): KubeObject => ({
  metadata: { name: 'a', namespace: 'ns', generation: 1, resourceVersion: '1', ...metadata },
  ...(status === undefined ? {} : { status }),
});

describe('needsReconcile', () => {
  it.each([
    ['an addition', { kind: 'added', key: 'ns/a', object: object() }, true],
    ['a deletion', { kind: 'deleted', key: 'ns/a', object: object() }, true],
    ['a spec change (new generation)', { kind: 'modified', key: 'ns/a', object: object({ generation: 2, resourceVersion: '2' }), previous: object() }, true],
    ['a deletion request', { kind: 'modified', key: 'ns/a', object: object({ deletionTimestamp: 'now', resourceVersion: '2' }), previous: object() }, true],
    ['a finalizer change', { kind: 'modified', key: 'ns/a', object: object({ finalizers: ['x'], resourceVersion: '2' }), previous: object() }, true],
    ['our own status write', { kind: 'modified', key: 'ns/a', object: object({ resourceVersion: '2' }, { ready: true }), previous: object() }, false],
  ] as const)('%s → %s', (_name, change, expected) => {
    expect(needsReconcile(change as never)).toBe(expected);
  });
});
