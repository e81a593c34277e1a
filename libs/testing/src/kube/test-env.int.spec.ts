// A private test environment (not the shared one): these tests compact etcd and restart the
// API server, which would disturb tests running in parallel against the shared server.
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api, type V1ConfigMap } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { createTestNamespace, type TestNamespace } from './namespace';
import { startKubeTestEnv, type KubeTestEnv } from './test-env';
import { recordWatch } from './watch-recorder';

describe('startKubeTestEnv', () => {
  let env: KubeTestEnv;
  let kc: KubeConfig;
  let core: CoreV1Api;
  let ns: TestNamespace;

  beforeAll(async () => {
    // Watch cache off: watches read etcd, so compaction decides what is too old (see test-env.ts).
    env = await startKubeTestEnv({ watchCache: false });
    kc = new KubeConfig();
    kc.loadFromFile(env.kubeconfigPath);
    core = kc.makeApiClient(CoreV1Api);
  }, 180_000);

  afterAll(async () => {
    await env?.stop();
  }, 60_000);

  beforeEach(async () => {
    ns = await createTestNamespace(kc, 'testenv');
  });

  const configMap = (name: string, value: string): V1ConfigMap => ({ metadata: { name }, data: { value } });

  it('serves the admin kubeconfig over TLS on 127.0.0.1 with RBAC on', async () => {
    expect(env.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const roles = await kc.makeApiClient(RbacAuthorizationV1Api).listClusterRole();
    expect(roles.items.map((r) => r.metadata?.name)).toContain('cluster-admin');
  });

  it('answers a watch resumed from a compacted resourceVersion with an ERROR event 410 Expired', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: ns.name, body: configMap('c1', 'a') });
    const staleVersion = created.metadata!.resourceVersion!;
    await core.replaceNamespacedConfigMap({ namespace: ns.name, name: 'c1', body: configMap('c1', 'b') });
    const latest = await core.replaceNamespacedConfigMap({ namespace: ns.name, name: 'c1', body: configMap('c1', 'c') });

    const compactedAt = await env.etcd.compact();
    expect(compactedAt).toBeGreaterThanOrEqual(Number(latest.metadata!.resourceVersion));

    const stale = await recordWatch(kc, `/api/v1/namespaces/${ns.name}/configmaps`, { resourceVersion: staleVersion });
    try {
      const error = await stale.waitFor((e) => e.type === 'ERROR');
      expect(error.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    } finally {
      stale.stop();
    }

    // Resuming from the compaction point itself still works: only older versions are gone.
    const fresh = await recordWatch(kc, `/api/v1/namespaces/${ns.name}/configmaps`, { resourceVersion: String(compactedAt) });
    try {
      await core.replaceNamespacedConfigMap({ namespace: ns.name, name: 'c1', body: configMap('c1', 'd') });
      const event = await fresh.waitFor((e) => e.type === 'MODIFIED');
      expect(event.object.data).toEqual({ value: 'd' });
    } finally {
      fresh.stop();
    }
  }, 60_000);

  it('keeps its data across restart() and serves the same kubeconfig again', async () => {
    await core.createNamespacedConfigMap({ namespace: ns.name, body: configMap('kept', 'yes') });

    await env.stopApiServer();
    await expect(core.readNamespacedConfigMap({ namespace: ns.name, name: 'kept' })).rejects.toThrow();
    await env.startApiServer();

    const read = await core.readNamespacedConfigMap({ namespace: ns.name, name: 'kept' });
    expect(read.data).toEqual({ value: 'yes' });
    await env.restart();
    expect((await core.readNamespacedConfigMap({ namespace: ns.name, name: 'kept' })).data).toEqual({ value: 'yes' });
  }, 180_000);

  // Last on purpose: it stops this file's environment (afterAll's stop() is then a no-op).
  it('stops etcd and kube-apiserver and removes its temp dir on stop()', async () => {
    await env.stop();
    expect(existsSync(env.dir)).toBe(false);
    expect(env.etcd.process.running()).toBe(false);
    await expect(core.listNamespace()).rejects.toThrow();
  }, 60_000);
});
