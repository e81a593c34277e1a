// What the charts' values do, read from `helm template` output: the generated CRD, the
// least-privilege rules, NATS credentials from a Secret, the umbrella's shared settings, and the
// dispatcher scaling on its own (SPEC section 8).
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  KubernetesObject,
  V1ClusterRole,
  V1Deployment,
  V1NetworkPolicy,
  V1PodDisruptionBudget,
  V1Role,
  V1Secret,
  V1Service,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { parse } from 'yaml';
import { generateSubscriptionCrd } from '@eventing/subscription-api';
import { runHelm } from '@eventing/testing';
import { CHARTS_DIR, COMPONENT_CHARTS, appContainer, deploymentOf, ofKind, renderChart } from './chart-testing';

const NS = 'eventing-system';
const CRD_FILE = join(CHARTS_DIR, 'subscription-controller', 'crds', 'subscriptions.eventing.kyma-project.io.yaml');

const envOf = (objects: KubernetesObject[], component: (typeof COMPONENT_CHARTS)[number]) =>
  new Map((appContainer(deploymentOf(objects, component)).env ?? []).map((e) => [e.name, e]));

/**
 * Keys of a values.yaml without a comment (helm-docs style): each key has a comment line right
 * above it, unless an enclosing key is documented as a whole by a `# --` comment (resources,
 * probes, security contexts).
 */
function undocumentedKeys(text: string): string[] {
  const missing: string[] = [];
  const stack: { indent: number; whole: boolean }[] = [];
  let previous = '';
  for (const line of text.split('\n')) {
    const key = /^(\s*)([A-Za-z0-9_.-]+):/.exec(line);
    if (key) {
      const indent = key[1]!.length;
      while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
      const comment = previous.trim().startsWith('#');
      if (!comment && !stack.some((s) => s.whole)) missing.push(line.trim());
      stack.push({ indent, whole: previous.trim().startsWith('# --') });
    }
    if (line.trim()) previous = line;
  }
  return missing;
}

describe.each(['publisher-proxy', 'subscription-controller', 'dispatcher', 'eventing'])('%s values.yaml', (chart) => {
  it('comments every value', () => {
    expect(undocumentedKeys(readFileSync(join(CHARTS_DIR, chart, 'values.yaml'), 'utf8'))).toEqual([]);
  });
});

describe('the subscription-controller chart', () => {
  it('ships the CRD byte for byte as generateSubscriptionCrd() produces it', () => {
    expect(readFileSync(CRD_FILE, 'utf8')).toBe(generateSubscriptionCrd());
  });

  it('installs that CRD alone and through the umbrella chart', async () => {
    for (const chart of ['subscription-controller', 'eventing'] as const) {
      const crds = ofKind(await renderChart(chart, 'crd', NS, 'defaults'), 'CustomResourceDefinition');
      expect(crds).toEqual([parse(generateSubscriptionCrd())]);
    }
  });

  it('grants exactly the calls the controller makes: Subscriptions list/watch/patch, status patch, Services get, Leases in its namespace', async () => {
    const objects = await renderChart('subscription-controller', 'rbac', NS, 'defaults');
    const [clusterRole] = ofKind<V1ClusterRole>(objects, 'ClusterRole');
    expect(clusterRole!.rules).toEqual([
      { apiGroups: ['eventing.kyma-project.io'], resources: ['subscriptions'], verbs: ['list', 'watch', 'patch'] },
      { apiGroups: ['eventing.kyma-project.io'], resources: ['subscriptions/status'], verbs: ['patch'] },
      { apiGroups: [''], resources: ['services'], verbs: ['get'] },
    ]);
    const [role] = ofKind<V1Role>(objects, 'Role');
    expect(role!.metadata?.namespace).toBe(NS);
    expect(role!.rules).toEqual([{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }]);
    const env = envOf(objects, 'subscription-controller');
    expect(env.get('LEADER_ELECT')?.value).toBe('true');
    expect(env.get('LEADER_ELECTION_NAMESPACE')?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.namespace');
  });

  it('leaves out the Lease Role when leader election is off', async () => {
    const objects = await renderChart('subscription-controller', 'rbac', NS, 'defaults', ['--set', 'leaderElection.enabled=false']);
    expect(ofKind(objects, 'Role')).toEqual([]);
    expect(envOf(objects, 'subscription-controller').get('LEADER_ELECT')?.value).toBe('false');
  });
});

describe.each(COMPONENT_CHARTS)('the %s chart on its own', (chart) => {
  it('sets no NATS credentials when none are configured', async () => {
    const objects = await renderChart(chart, 'plain', NS, 'defaults');
    expect(ofKind(objects, 'Secret')).toEqual([]);
    const env = envOf(objects, chart);
    expect(env.get('NATS_URL')?.value).toMatch(/^nats:\/\//);
    for (const name of ['NATS_USER', 'NATS_PASSWORD', 'NATS_TOKEN']) expect(env.has(name)).toBe(false);
  });

  it('creates a Secret from user and password and reads the credentials from it', async () => {
    const objects = await renderChart(chart, 'creds', NS, 'defaults', ['--set', 'nats.auth.user=alice', '--set', 'nats.auth.password=pw']);
    const [secret] = ofKind<V1Secret>(objects, 'Secret');
    expect(secret!.stringData).toEqual({ user: 'alice', password: 'pw' });
    const env = envOf(objects, chart);
    for (const [name, key] of [['NATS_USER', 'user'], ['NATS_PASSWORD', 'password'], ['NATS_TOKEN', 'token']] as const) {
      expect(env.get(name)?.valueFrom?.secretKeyRef).toEqual({ name: secret!.metadata?.name, key, optional: true });
    }
  });

  it('reads the credentials from an existing Secret with its own key names, creating none', async () => {
    const objects = await renderChart(chart, 'existing', NS, 'defaults', ['--set', 'nats.auth.existingSecret=nats-creds', '--set', 'nats.auth.secretKeys.token=nats-token']);
    expect(ofKind(objects, 'Secret')).toEqual([]);
    expect(envOf(objects, chart).get('NATS_TOKEN')?.valueFrom?.secretKeyRef).toEqual({ name: 'nats-creds', key: 'nats-token', optional: true });
  });

  it('points the ServiceMonitor at the metrics Service and its named port', async () => {
    const objects = await renderChart(chart, 'mon', NS, 'all-on');
    const [monitor] = ofKind<KubernetesObject & { spec: { selector: { matchLabels: Record<string, string> }; endpoints: { port: string }[] } }>(objects, 'ServiceMonitor');
    const selected = ofKind<V1Service>(objects, 'Service').filter((s) =>
      Object.entries(monitor!.spec.selector.matchLabels).every(([k, v]) => s.metadata?.labels?.[k] === v),
    );
    expect(selected.map((s) => s.metadata?.name)).toEqual([`mon-${chart}-metrics`]);
    expect(selected[0]!.spec?.ports?.map((p) => p.name)).toContain(monitor!.spec.endpoints[0]!.port);
  });

  it('allows DNS once egress is restricted by the NetworkPolicy', async () => {
    const objects = await renderChart(chart, 'np', NS, 'all-on');
    const [policy] = ofKind<V1NetworkPolicy>(objects, 'NetworkPolicy');
    expect(policy!.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy!.spec?.egress?.[0]?.ports).toEqual([
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ]);
  });
});

describe('the dispatcher chart', () => {
  it('hands the replica count to the HorizontalPodAutoscaler when autoscaling is on', async () => {
    const objects = await renderChart('dispatcher', 'scale', NS, 'all-on');
    const deployment = deploymentOf(objects, 'dispatcher');
    expect(deployment.spec?.replicas).toBeUndefined();
    const [hpa] = ofKind<V2HorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler');
    expect(hpa!.spec).toMatchObject({ scaleTargetRef: { kind: 'Deployment', name: deployment.metadata?.name }, minReplicas: 3, maxReplicas: 20 });
    expect(hpa!.spec?.metrics?.map((m) => m.resource?.name)).toEqual(['cpu', 'memory']);
  });

  it('protects its pods with a PodDisruptionBudget that selects them', async () => {
    const objects = await renderChart('dispatcher', 'pdb', NS, 'defaults');
    const [pdb] = ofKind<V1PodDisruptionBudget>(objects, 'PodDisruptionBudget');
    const podLabels = deploymentOf(objects, 'dispatcher').spec?.template.metadata?.labels ?? {};
    for (const [k, v] of Object.entries(pdb!.spec?.selector?.matchLabels ?? {})) expect(podLabels[k]).toBe(v);
    expect(pdb!.spec?.minAvailable).toBe(1);
  });

  it('fails to render an autoscaler with no target', async () => {
    await expect(
      renderChart('dispatcher', 'bad', NS, 'defaults', ['--set', 'autoscaling.enabled=true', '--set', 'autoscaling.targetCPUUtilizationPercentage=']),
    ).rejects.toThrow(/needs targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage/);
  });
});

describe('the eventing umbrella chart', () => {
  it('connects all three components to one NATS with one created credentials Secret', async () => {
    const objects = await renderChart('eventing', 'ev', NS, 'all-on');
    const secrets = ofKind<V1Secret>(objects, 'Secret');
    expect(secrets.map((s) => s.metadata?.name)).toEqual(['ev-nats-credentials']);
    for (const component of COMPONENT_CHARTS) {
      const env = envOf(objects, component);
      expect(env.get('NATS_URL')?.value).toBe('nats://nats.messaging.svc:4222');
      expect(env.get('NATS_USER')?.valueFrom?.secretKeyRef?.name).toBe('ev-nats-credentials');
      expect(env.get('OTEL_EXPORTER_OTLP_ENDPOINT')?.value).toBe('http://otel-collector.observability.svc:4318');
      expect(env.get('JS_STREAM_SUBJECT_PREFIX')?.value).toBe('acme');
      expect(env.get('OTEL_SERVICE_NAME')?.value).toBe(component);
    }
  });

  it('gives the proxy and the controller the same stream settings from global.jetstream', async () => {
    const objects = await renderChart('eventing', 'ev', NS, 'all-on');
    const streamEnv = (component: 'publisher-proxy' | 'subscription-controller') =>
      Object.fromEntries([...envOf(objects, component)].filter(([name]) => name.startsWith('JS_STREAM_')).map(([name, e]) => [name, e.value]));
    // The controller also sets its own consumer limit (JS_STREAM_MAX_CONSUMERS), which the proxy does not read.
    expect(streamEnv('subscription-controller')).toMatchObject(streamEnv('publisher-proxy'));
    expect(streamEnv('publisher-proxy')).toMatchObject({ JS_STREAM_NAME: 'events', JS_STREAM_MAX_BYTES: '2Gi', JS_STREAM_DUPLICATE_WINDOW: '5m' });
  });

  it('scales the dispatcher independently of the proxy', async () => {
    const objects = await renderChart('eventing', 'ev', NS, 'defaults', ['--set', 'publisher-proxy.replicaCount=3', '--set', 'dispatcher.autoscaling.enabled=true']);
    expect(deploymentOf(objects, 'publisher-proxy').spec?.replicas).toBe(3);
    expect(deploymentOf(objects, 'dispatcher').spec?.replicas).toBeUndefined();
    expect(ofKind<V2HorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler').map((h) => h.spec?.scaleTargetRef.name)).toEqual(['ev-dispatcher']);
  });

  it('renders the same from packaged dependencies as from its symbolic links (helm dependency update, offline)', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'charts-'));
    try {
      cpSync(CHARTS_DIR, copy, { recursive: true, filter: (src) => !src.startsWith(join(CHARTS_DIR, 'test')) });
      const umbrella = join(copy, 'eventing');
      rmSync(join(umbrella, 'charts'), { recursive: true, force: true });
      await runHelm(['dependency', 'update', umbrella, '--skip-refresh']);
      expect(readdirSync(join(umbrella, 'charts')).sort()).toEqual(['dispatcher-0.1.0.tgz', 'publisher-proxy-0.1.0.tgz', 'subscription-controller-0.1.0.tgz']);
      const fromPackages = (await runHelm(['template', 'ev', umbrella, '--namespace', NS, '--include-crds'])).stdout;
      const fromLinks = (await runHelm(['template', 'ev', join(CHARTS_DIR, 'eventing'), '--namespace', NS, '--include-crds'])).stdout;
      expect(fromPackages).toBe(fromLinks);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('leaves out a component that is disabled', async () => {
    const objects = await renderChart('eventing', 'ev', NS, 'defaults', ['--set', 'dispatcher.enabled=false']);
    const components = ofKind<V1Deployment>(objects, 'Deployment').map((d) => d.metadata?.labels?.['app.kubernetes.io/component']);
    expect(components.sort()).toEqual(['publisher-proxy', 'subscription-controller']);
    expect(objects.filter((o) => o.metadata?.name?.includes('dispatcher'))).toEqual([]);
  });
});
