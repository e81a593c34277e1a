// Each chart with its default values and with every option on (ci/all-on-values.yaml): helm lint
// clean, rendered, and accepted by the real kube-apiserver in a server-side dry-run; pods that
// pass the restricted Pod Security Standard; env the app knows and parses; probes on the app's
// real endpoints (SPEC section 8).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiextensionsV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
  type KubernetesObject,
  type V1CustomResourceDefinition,
  type V1Deployment,
  type V1Service,
} from '@kubernetes/client-node';
import { parse } from 'yaml';
import { tracingEnvSchema } from '@eventing/platform';
import { createTestNamespace, runHelm, testKubeConfig, type TestNamespace } from '@eventing/testing';
import {
  ALL_CHARTS,
  COMPONENT_CHARTS,
  VALUE_SETS,
  appConfigLoader,
  appContainer,
  chartDir,
  deploymentOf,
  knownEnvNames,
  ofKind,
  renderChart,
  resolveEnv,
  valuesArgs,
  type ChartName,
  type ComponentChart,
  type ValueSet,
} from './chart-testing';
import { createDiscovery, dryRunApply } from './server-dry-run';

const STANDARD_OTEL_ENV = new Set(Object.keys(tracingEnvSchema.shape));
const SERVICE_MONITOR_CRD = 'servicemonitors.monitoring.coreos.com';

/** The components a chart deploys. */
const componentsOf = (chart: ChartName): readonly ComponentChart[] => (chart === 'eventing' ? COMPONENT_CHARTS : [chart]);

/** Where each app serves its probes (SPEC sections 2, 4, 5; reference 2.1, 4.10). */
const PROBE_PORT_ENV: Record<ComponentChart, string> = {
  'publisher-proxy': 'INGRESS_PORT',
  'subscription-controller': 'HEALTH_PORT',
  dispatcher: 'HEALTH_PORT',
};

async function installServiceMonitorCrd(kc: KubeConfig): Promise<void> {
  const api = kc.makeApiClient(ApiextensionsV1Api);
  const body = parse(readFileSync(join(import.meta.dirname, 'fixtures', 'servicemonitor-crd.yaml'), 'utf8')) as V1CustomResourceDefinition;
  await api.createCustomResourceDefinition({ body }).catch((err: unknown) => {
    // The API server is shared by the whole jest run: another file may have installed it.
    if ((err as { code?: number }).code !== 409) throw err;
  });
  for (const deadline = Date.now() + 30_000; ; ) {
    const crd = await api.readCustomResourceDefinition({ name: SERVICE_MONITOR_CRD });
    if (crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return;
    if (Date.now() > deadline) throw new Error(`${SERVICE_MONITOR_CRD} not Established`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the Helm charts against the real kube-apiserver', () => {
  let kc: KubeConfig;
  let objects: KubernetesObjectApi;
  let pathOf: (o: KubernetesObject) => Promise<string>;
  let ns: TestNamespace;

  beforeAll(async () => {
    kc = testKubeConfig();
    await installServiceMonitorCrd(kc);
    // Made after the CRD exists, so its discovery knows ServiceMonitors.
    objects = KubernetesObjectApi.makeApiClient(kc);
    pathOf = createDiscovery(kc);
    ns = await createTestNamespace(kc, 'charts');
    // Pods here must meet the restricted Pod Security Standard, or the API server refuses them.
    await kc.makeApiClient(CoreV1Api).patchNamespace(
      { name: ns.name, body: { metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  });

  afterAll(async () => {
    await ns?.delete();
  });

  it('refuses a pod that breaks the restricted standard in that namespace (the check has teeth)', async () => {
    const [deployment] = ofKind<V1Deployment>(await renderChart('dispatcher', 'pss', ns.name, 'defaults'), 'Deployment');
    const spec = structuredClone(deployment!.spec!.template.spec!);
    spec.containers[0]!.securityContext = { ...spec.containers[0]!.securityContext, allowPrivilegeEscalation: true };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'escalating', namespace: ns.name }, spec };
    await expect(objects.create(pod, undefined, 'All')).rejects.toMatchObject({ code: 403 });
  });

  it('has a misspelt field refused by the strict dry-run (the check has teeth)', async () => {
    const [deployment] = ofKind<V1Deployment>(await renderChart('dispatcher', 'typo', ns.name, 'defaults'), 'Deployment');
    const broken = structuredClone(deployment!) as V1Deployment & { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    broken.spec.template.spec.containers[0]!['livenessprobe'] = { httpGet: { path: '/healthz', port: 8081 } };
    const answer = await dryRunApply(kc, pathOf, broken);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.body).toContain('livenessprobe');
  });

  describe.each(ALL_CHARTS.flatMap((chart) => VALUE_SETS.map((values) => [chart, values] as const)))('%s with %s values', (chart: ChartName, values: ValueSet) => {
    let rendered: KubernetesObject[];
    const release = `t-${values}`;

    beforeAll(async () => {
      rendered = await renderChart(chart, release, ns.name, values);
    });

    it('passes helm lint --strict without warnings', async () => {
      const { stdout } = await runHelm(['lint', '--strict', chartDir(chart), '--namespace', ns.name, ...valuesArgs(chart, values)]);
      expect(stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
    });

    it('renders every namespaced object into the release namespace', () => {
      expect(rendered.length).toBeGreaterThan(0);
      const clusterScoped = new Set(['CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding']);
      for (const o of rendered.filter((o) => !clusterScoped.has(o.kind ?? ''))) expect(`${o.kind}/${o.metadata?.namespace}`).toBe(`${o.kind}/${ns.name}`);
    });

    it('has its whole manifest accepted by the API server in a server-side dry-run', async () => {
      for (const manifest of rendered) {
        const answer = await dryRunApply(kc, pathOf, manifest);
        expect(`${manifest.kind}/${manifest.metadata?.name} ${answer.status} ${answer.status === 200 || answer.status === 201 ? '' : answer.body}`).toBe(
          `${manifest.kind}/${manifest.metadata?.name} ${answer.status} `,
        );
      }
    });

    it.each(componentsOf(chart))('runs %s in pods the restricted Pod Security Standard admits', async (component) => {
      const deployment = deploymentOf(rendered, component);
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `${component}-pss`, namespace: ns.name, labels: deployment.spec!.template.metadata!.labels },
        spec: deployment.spec!.template.spec,
      };
      await expect(objects.create(pod, undefined, 'All')).resolves.toMatchObject({ kind: 'Pod' });
      const security = appContainer(deployment).securityContext!;
      expect(security).toMatchObject({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
    });

    it.each(componentsOf(chart))('gives %s only env variables its config schema knows, with values it parses', async (component) => {
      const container = appContainer(deploymentOf(rendered, component));
      const names = (container.env ?? []).map((e) => e.name);
      const known = await knownEnvNames(component);
      // The standard OTEL_* variables (SPEC section 7) are set for every component; an app whose
      // schema does not list them yet simply ignores them.
      expect(names.filter((n) => !known.has(n) && !STANDARD_OTEL_ENV.has(n))).toEqual([]);
      expect(new Set(names).size).toBe(names.length);
      for (const required of ['NATS_URL', 'APP_LOG_LEVEL', 'APP_LOG_FORMAT', 'METRICS_PORT', PROBE_PORT_ENV[component]]) expect(names).toContain(required);
      const load = await appConfigLoader(component);
      expect(() => load(resolveEnv(container.env ?? [], rendered))).not.toThrow();
    });

    it.each(componentsOf(chart))('probes %s on /healthz and /readyz of the port the app serves them on', (component) => {
      const container = appContainer(deploymentOf(rendered, component));
      const env = resolveEnv(container.env ?? [], rendered);
      const probePort = (container.ports ?? []).find((p) => p.name === container.livenessProbe?.httpGet?.port);
      expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
      expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
      expect(container.readinessProbe?.httpGet?.port).toBe(container.livenessProbe?.httpGet?.port);
      expect(String(probePort?.containerPort)).toBe(env[PROBE_PORT_ENV[component]]);
      const metricsPort = (container.ports ?? []).find((p) => p.name === 'http-metrics');
      expect(String(metricsPort?.containerPort)).toBe(env['METRICS_PORT']);
    });

    it('names every Service port and targets a named container port', () => {
      const containerPorts = new Set(ofKind<V1Deployment>(rendered, 'Deployment').flatMap((d) => (d.spec?.template.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.name))));
      const services = ofKind<V1Service>(rendered, 'Service');
      expect(services.length).toBeGreaterThan(0);
      for (const port of services.flatMap((s) => s.spec?.ports ?? [])) {
        expect(port.name).toMatch(/^http-/);
        expect(containerPorts).toContain(port.targetPort);
      }
    });
  });
});
