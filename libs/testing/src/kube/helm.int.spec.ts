// The pinned helm (tools/helm) against a fixture chart, and the chart's rendered manifest
// against the shared real kube-apiserver with a server-side dry-run: the check SPEC section 8
// asks of our own charts ("rendered manifests must be accepted by a real API server").
import { CoreV1Api, KubernetesObjectApi, loadAllYaml, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { join } from 'node:path';
import { REPO_ROOT } from '../tools-cache';
import { runHelm } from './helm';
import { createTestNamespace, type TestNamespace } from './namespace';
import { testKubeConfig } from './test-kube-config';

const chart = join(REPO_ROOT, 'libs/testing/fixtures/sample-chart');

async function render(namespace: string, ...extra: string[]): Promise<KubernetesObject[]> {
  const { stdout } = await runHelm(['template', 'demo', chart, '--namespace', namespace, '--include-crds', ...extra]);
  return loadAllYaml(stdout) as KubernetesObject[];
}

describe('helm with the real kube-apiserver', () => {
  let kc: KubeConfig;
  let objects: KubernetesObjectApi;
  let ns: TestNamespace;

  beforeAll(() => {
    kc = testKubeConfig();
    objects = KubernetesObjectApi.makeApiClient(kc);
  });

  beforeEach(async () => {
    ns = await createTestNamespace(kc, 'helm');
  });

  afterEach(async () => {
    await ns.delete();
  });

  it('lints the fixture chart without warnings (--strict)', async () => {
    const { stdout } = await runHelm(['lint', '--strict', chart]);
    expect(stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
  }, 60_000);

  it('renders every template of the fixture chart into the release namespace', async () => {
    const rendered = await render(ns.name);
    expect(rendered.map((o) => o.kind).sort()).toEqual(
      ['ConfigMap', 'CustomResourceDefinition', 'Deployment', 'Role', 'RoleBinding', 'Service', 'ServiceAccount'].sort(),
    );
    for (const o of rendered.filter((o) => o.kind !== 'CustomResourceDefinition')) expect(o.metadata?.namespace).toBe(ns.name);
  }, 60_000);

  it('has its rendered manifest accepted by the API server in a server-side dry-run, persisting nothing', async () => {
    for (const manifest of await render(ns.name)) {
      const accepted = await objects.create(manifest, undefined, 'All');
      expect(accepted.metadata?.name).toBe(manifest.metadata?.name);
    }
    const configMaps = await kc.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: ns.name });
    expect(configMaps.items.map((c) => c.metadata?.name)).not.toContain('demo-sample');
  }, 60_000);

  it('has a manifest with an invalid field rejected by the dry-run with 422', async () => {
    const deployment = (await render(ns.name, '--set', 'replicas=-1')).find((o) => o.kind === 'Deployment');
    expect(deployment).toBeDefined();
    await expect(objects.create(deployment!, undefined, 'All')).rejects.toMatchObject({ code: 422 });
  }, 60_000);
});
