// The subscription-controller chart's RBAC is enough, and no more than enough: the controller
// runs against the real kube-apiserver as the chart's ServiceAccount (a token from the
// TokenRequest API, as a pod would have), with leader election, and reconciles a Subscription to
// ready; with one verb taken out of the rendered rules the same run fails with 403 (SPEC section 8).
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import {
  ApiextensionsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  type KubernetesObject,
  type V1CustomResourceDefinition,
  type V1PolicyRule,
  type V1Role,
} from '@kubernetes/client-node';
import { parse } from 'yaml';
import { createLeaderElector, type LeaderElector } from '@eventing/kube';
import { createLogger } from '@eventing/platform';
import { SUBSCRIPTION_CRD_NAME, generateSubscriptionCrd } from '@eventing/subscription-api';
import { createTestNamespace, startNatsServer, testKubeConfig, waitFor, type NatsServerHandle, type TestNamespace } from '@eventing/testing';
import { createControllerApp, type ControllerApp } from '../../apps/subscription-controller/src/app';
import { loadConfig } from '../../apps/subscription-controller/src/config';
import { createKubernetesSource } from '../../apps/subscription-controller/src/sources/kubernetes';
import { ofKind, renderChart } from './chart-testing';

const TIMEOUT = 30_000;
const SUBSCRIPTIONS = { group: 'eventing.kyma-project.io', version: 'v1alpha2', plural: 'subscriptions' };
const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding']);

/** A rule edit applied to the rendered RBAC before it is installed. */
type RuleEdit = (kind: string, rules: V1PolicyRule[]) => V1PolicyRule[];
const unchanged: RuleEdit = (_kind, rules) => rules;
const withoutVerb =
  (resource: string, verb: string): RuleEdit =>
  (_kind, rules) =>
    rules
      .map((r) => (r.resources?.includes(resource) ? { ...r, verbs: r.verbs.filter((v) => v !== verb) } : r))
      // A rule left with no verb is invalid; it goes.
      .filter((r) => r.verbs.length > 0);

async function ensureSubscriptionCrd(kc: KubeConfig): Promise<void> {
  const api = kc.makeApiClient(ApiextensionsV1Api);
  await api.createCustomResourceDefinition({ body: parse(generateSubscriptionCrd()) as V1CustomResourceDefinition }).catch((err: unknown) => {
    // The API server is shared by the whole jest run: another file may have installed it.
    if ((err as { code?: number }).code !== 409) throw err;
  });
  await waitFor(
    async () => (await api.readCustomResourceDefinition({ name: SUBSCRIPTION_CRD_NAME })).status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false,
    TIMEOUT,
    'Subscription CRD established',
  );
}

/** A KubeConfig that authenticates as `serviceAccount` with a fresh bound token, like a pod's. */
async function serviceAccountKubeConfig(admin: KubeConfig, namespace: string, serviceAccount: string): Promise<KubeConfig> {
  const token = await admin.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({ name: serviceAccount, namespace, body: { spec: { audiences: [], expirationSeconds: 3600 } } });
  const cluster = admin.getCurrentCluster()!;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'test', server: cluster.server, caData: cluster.caData, caFile: cluster.caFile, skipTLSVerify: false }],
    users: [{ name: serviceAccount, token: token.status!.token }],
    contexts: [{ name: 'sa', cluster: 'test', user: serviceAccount, namespace }],
    currentContext: 'sa',
  });
  return kc;
}

/** Log lines the controller writes, kept for assertions (pino JSON). */
function captureLogs(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines };
}

describe('the subscription-controller chart RBAC with the real controller', () => {
  let admin: KubeConfig;
  let nats: NatsServerHandle;
  let ns: TestNamespace;
  let installed: KubernetesObject[] = [];
  let elector: LeaderElector | undefined;
  let app: ControllerApp | undefined;
  let leadershipLost = false;
  const work = new AbortController();

  beforeAll(async () => {
    admin = testKubeConfig();
    await ensureSubscriptionCrd(admin);
    nats = await startNatsServer();
  }, 60_000);

  afterAll(async () => {
    work.abort();
    await nats?.dispose();
  });

  beforeEach(async () => {
    ns = await createTestNamespace(admin, 'rbac');
    leadershipLost = false;
  });

  afterEach(async () => {
    await elector?.stop();
    await app?.stop();
    elector = undefined;
    app = undefined;
    const objects = KubernetesObjectApi.makeApiClient(admin);
    for (const o of installed.filter((o) => CLUSTER_SCOPED.has(o.kind ?? ''))) await objects.delete(o).catch(() => undefined);
    installed = [];
    await ns.delete();
  });

  /** Installs the chart's ServiceAccount and RBAC (rules edited by `edit`); returns the SA's name. */
  async function installChartRbac(edit: RuleEdit): Promise<string> {
    const release = `rbac-${randomBytes(3).toString('hex')}`;
    const rendered = await renderChart('subscription-controller', release, ns.name, 'defaults');
    const wanted = new Set(['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);
    const objects = KubernetesObjectApi.makeApiClient(admin);
    for (const o of rendered.filter((o) => wanted.has(o.kind ?? ''))) {
      const body = o.kind === 'ClusterRole' || o.kind === 'Role' ? { ...o, rules: edit(o.kind, (o as V1Role).rules ?? []) } : o;
      await objects.create(body);
      installed.push(body);
    }
    return ofKind(rendered, 'ServiceAccount')[0]!.metadata!.name!;
  }

  /** Waits until RBAC answers `allowed` for the SA (the authorizer's cache catches up with new roles). */
  async function waitUntilAuthorized(sa: KubeConfig, allowed: boolean, attributes: { verb: string; group: string; resource: string; subresource?: string }) {
    const reviews = sa.makeApiClient(AuthorizationV1Api);
    await waitFor(
      async () => {
        const review = await reviews.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { namespace: ns.name, ...attributes } } } });
        return review.status?.allowed === allowed;
      },
      TIMEOUT,
      `${attributes.verb} ${attributes.resource}${attributes.subresource ? `/${attributes.subresource}` : ''} allowed=${allowed}`,
    );
  }

  /** The controller as the chart runs it: leader election in the release namespace, then reconcile. */
  async function runController(sa: KubeConfig, logs: Writable): Promise<void> {
    const logger = createLogger({ name: 'subscription-controller', level: 'info', destination: logs });
    const config = loadConfig({ NATS_URL: nats.url, LEADER_ELECT: 'true', LEADER_ELECTION_NAMESPACE: ns.name, JS_STREAM_STORAGE_TYPE: 'memory', JS_STREAM_MAX_BYTES: '64Mi', SINK_RECHECK_INTERVAL: '500ms' });
    // Watching the test namespace only: the API server is shared with other test files.
    const source = createKubernetesSource({ kc: sa, logger, namespace: ns.name });
    app = await createControllerApp(config, source, logger);
    const running = app;
    elector = createLeaderElector({ kc: sa, ...config.leaderElection, logger, leaseDurationMs: 4000, renewDeadlineMs: 3000, retryPeriodMs: 200 });
    elector.run({
      onStartedLeading: (signal) => void running.run(signal),
      onStoppedLeading: () => {
        leadershipLost = true;
      },
    });
  }

  async function createSubscription(): Promise<void> {
    await admin.makeApiClient(CoreV1Api).createNamespacedService({ namespace: ns.name, body: { metadata: { name: 'sink' }, spec: { ports: [{ port: 80 }] } } });
    await admin.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      ...SUBSCRIPTIONS,
      namespace: ns.name,
      body: {
        apiVersion: 'eventing.kyma-project.io/v1alpha2',
        kind: 'Subscription',
        metadata: { name: 'orders' },
        spec: { typeMatching: 'standard', source: 'commerce', types: ['order.created.v1'], sink: `http://sink.${ns.name}.svc.cluster.local` },
      },
    });
  }

  const readSubscription = async () =>
    (await admin.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ ...SUBSCRIPTIONS, namespace: ns.name, name: 'orders' })) as {
      metadata: { finalizers?: string[] };
      status?: { ready?: boolean };
    };

  it('lets the controller take the Lease and reconcile a Subscription to ready with the chart rules only', async () => {
    const sa = await serviceAccountKubeConfig(admin, ns.name, await installChartRbac(unchanged));
    await waitUntilAuthorized(sa, true, { verb: 'patch', group: 'eventing.kyma-project.io', resource: 'subscriptions', subresource: 'status' });
    await waitUntilAuthorized(sa, true, { verb: 'create', group: 'coordination.k8s.io', resource: 'leases' });
    const logs = captureLogs();
    await runController(sa, logs.stream);
    await createSubscription();
    let last: Awaited<ReturnType<typeof readSubscription>> | undefined;
    await waitFor(async () => (last = await readSubscription()).status?.ready === true, TIMEOUT, 'Subscription ready').catch((err: Error) => {
      throw new Error(`${err.message}; status ${JSON.stringify(last?.status)}; logs:\n${logs.lines.map((l) => JSON.stringify(l)).join('\n')}`);
    });
    expect(last!.metadata.finalizers).toContain('eventing.kyma-project.io');
    expect(elector!.isLeader()).toBe(true);
    expect(leadershipLost).toBe(false);
    expect(logs.lines.filter((l) => (l['err'] as { code?: number } | undefined)?.code === 403)).toEqual([]);
  });

  // What breaks: the Subscription never gets ready; or the controller loses the Lease it took
  // (renewal is an update) and, as the app does, would exit; or (watch) the informer falls back
  // to failing and re-listing with backoff, which the 403 it logs shows.
  it.each([
    ['list', 'subscriptions', 'list subscriptions', 'not ready'],
    ['watch', 'subscriptions', 'watch /apis/eventing.kyma-project.io/v1alpha2', 'logged'],
    ['patch', 'subscriptions/status', 'patch status of subscriptions', 'not ready'],
    ['patch', 'subscriptions', 'update finalizers of subscriptions', 'not ready'],
    ['get', 'services', 'get service', 'not ready'],
    ['get', 'leases', 'get lease', 'not ready'],
    ['create', 'leases', 'create lease', 'not ready'],
    ['update', 'leases', 'update lease', 'leadership lost'],
  ] as const)('fails with 403 on "%s %s" when the chart rules lack that verb', async (verb, resource, failedCall, outcome) => {
    const [plural, subresource] = resource.split('/') as [string, string | undefined];
    const sa = await serviceAccountKubeConfig(admin, ns.name, await installChartRbac(withoutVerb(resource, verb)));
    const group = plural === 'leases' ? 'coordination.k8s.io' : 'eventing.kyma-project.io';
    // The other rules are in force before the controller starts, the edited one stays denied.
    const untouched = resource === 'services' ? { verb: 'get', group: 'coordination.k8s.io', resource: 'leases' } : { verb: 'get', group: '', resource: 'services' };
    await waitUntilAuthorized(sa, true, untouched);
    await waitUntilAuthorized(sa, false, { verb, group, resource: plural, ...(subresource ? { subresource } : {}) });
    const logs = captureLogs();
    await runController(sa, logs.stream);
    await createSubscription();
    const forbidden = () =>
      logs.lines.find((l) => {
        const err = l['err'] as { code?: number; message?: string } | undefined;
        return err?.code === 403 && (err.message ?? '').includes(failedCall);
      });
    await waitFor(() => forbidden() !== undefined, TIMEOUT, `a 403 on "${failedCall}"`).catch((err: Error) => {
      throw new Error(`${err.message}; logs:\n${logs.lines.map((l) => JSON.stringify(l)).join('\n')}`);
    });
    if (outcome === 'not ready') expect((await readSubscription()).status?.ready).not.toBe(true);
    if (outcome === 'leadership lost') await waitFor(() => leadershipLost, TIMEOUT, 'leadership lost');
  });
});
