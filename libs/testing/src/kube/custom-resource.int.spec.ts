// The shared test API server (started by jest's global setup) behaves as a real cluster does
// for what the controller relies on: CRDs, watches, the status subresource and finalizers.
import {
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { createCrdAndWait } from './crd';
import { createTestNamespace, type TestNamespace } from './namespace';
import { testKubeConfig } from './test-kube-config';
import { recordWatch } from './watch-recorder';

const group = 'testenv.eventing.test';
const version = 'v1alpha1';
const plural = 'widgets';
const finalizer = 'testenv.eventing.test/cleanup';

const crd: V1CustomResourceDefinition = {
  metadata: { name: `${plural}.${group}` },
  spec: {
    group,
    scope: 'Namespaced',
    names: { plural, singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [
      {
        name: version,
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } } },
              status: { type: 'object', properties: { ready: { type: 'boolean' } } },
            },
          },
        },
      },
    ],
  },
};

interface Widget {
  metadata: { name: string; resourceVersion?: string; finalizers?: string[]; deletionTimestamp?: string };
  spec?: { size?: number };
  status?: { ready?: boolean };
}

describe('custom resources on the real kube-apiserver', () => {
  let kc: KubeConfig;
  let custom: CustomObjectsApi;
  let ns: TestNamespace;
  const path = () => `/apis/${group}/${version}/namespaces/${ns.name}/${plural}`;
  const ref = (name: string) => ({ group, version, plural, namespace: ns.name, name });

  // jest's testTimeout is a global option (5 s here); the watch waits below allow 15 s.
  beforeAll(async () => {
    kc = testKubeConfig();
    await createCrdAndWait(kc, crd);
    custom = kc.makeApiClient(CustomObjectsApi);
  }, 60_000);

  beforeEach(async () => {
    ns = await createTestNamespace(kc, 'widgets');
  });

  afterEach(async () => {
    await ns.delete();
  });

  it('creates, watches, patches the status of and deletes a resource held by a finalizer', async () => {
    const list = (await custom.listNamespacedCustomObject({ group, version, plural, namespace: ns.name })) as { metadata: { resourceVersion: string } };
    const watch = await recordWatch(kc, path(), { resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: true });
    try {
      const body = { apiVersion: `${group}/${version}`, kind: 'Widget', metadata: { name: 'w1', finalizers: [finalizer] }, spec: { size: 3 } };
      await custom.createNamespacedCustomObject({ group, version, plural, namespace: ns.name, body });
      await watch.waitFor((e) => e.type === 'ADDED' && e.object.metadata.name === 'w1');

      const patched = (await custom.patchNamespacedCustomObjectStatus(
        { ...ref('w1'), body: { status: { ready: true } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      )) as Widget;
      expect(patched.status).toEqual({ ready: true });
      expect(patched.spec).toEqual({ size: 3 });
      await watch.waitFor((e) => e.type === 'MODIFIED' && e.object.status?.ready === true);

      // With a finalizer, delete only marks the object; it stays readable until the finalizer goes.
      await custom.deleteNamespacedCustomObject(ref('w1'));
      const terminating = (await custom.getNamespacedCustomObject(ref('w1'))) as Widget;
      expect(terminating.metadata.deletionTimestamp).toBeDefined();
      await watch.waitFor((e) => e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp !== undefined);

      await custom.patchNamespacedCustomObject(
        { ...ref('w1'), body: [{ op: 'remove', path: '/metadata/finalizers' }] },
        setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
      );
      await watch.waitFor((e) => e.type === 'DELETED' && e.object.metadata.name === 'w1');
      await expect(custom.getNamespacedCustomObject(ref('w1'))).rejects.toMatchObject({ code: 404 });
    } finally {
      watch.stop();
    }
  }, 60_000);

  it('keeps status out of main-resource writes and spec out of status writes (status subresource)', async () => {
    const body = { apiVersion: `${group}/${version}`, kind: 'Widget', metadata: { name: 'w2' }, spec: { size: 1 }, status: { ready: true } };
    const created = (await custom.createNamespacedCustomObject({ group, version, plural, namespace: ns.name, body })) as Widget;
    expect(created.status).toBeUndefined();

    const afterStatus = (await custom.patchNamespacedCustomObjectStatus(
      { ...ref('w2'), body: { spec: { size: 9 }, status: { ready: false } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as Widget;
    expect(afterStatus).toMatchObject({ spec: { size: 1 }, status: { ready: false } });
  });

  it('rejects a resource that breaks the CRD schema with 422', async () => {
    const body = { apiVersion: `${group}/${version}`, kind: 'Widget', metadata: { name: 'w3' }, spec: { size: 0 } };
    await expect(custom.createNamespacedCustomObject({ group, version, plural, namespace: ns.name, body })).rejects.toMatchObject({ code: 422 });
  });

  it('answers a watch from a resourceVersion older than the watch cache with an ERROR event 410 Expired', async () => {
    // The watch cache of this resource started when its CRD did, well after revision 1.
    const watch = await recordWatch(kc, path(), { resourceVersion: '1' });
    try {
      const error = await watch.waitFor((e) => e.type === 'ERROR');
      expect(error.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    } finally {
      watch.stop();
    }
  }, 60_000);
});
